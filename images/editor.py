""" "Insert from library" in the rich-text editor, for any admin whose form has a CKEditor
field: ``LibraryPhotosAdminMixin`` loads ``images/library-dialog.js`` and tells it, on the
editor's own element, where the library is and what to say (in the admin's language)."""

import json

from django import forms
from django.urls import reverse
from django.utils.translation import gettext as _
from django_ckeditor_5.widgets import CKEditor5Widget


def dialog_settings():
    return {
        "url": reverse("images:library"),
        "labels": {
            "button": _("Photo from library"),
            "title": _("Insert a photo from the library"),
            "search": _("Search by caption, credit or tag"),
            "previous": _("Previous"),
            "next": _("Next"),
            "close": _("Close"),
            "empty": _("No photo found."),
            "failed": _("The library could not be reached. Try again."),
            "noAlt": _("No alt text"),
            "page": _("Page {page} of {pages}"),
        },
    }


class LibraryPhotosAdminMixin:
    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and isinstance(field.widget, CKEditor5Widget):
            field.widget.attrs["data-library"] = json.dumps(dialog_settings())
        return field

    @property
    def media(self):
        return super().media + forms.Media(
            js=["images/library-dialog.js"], css={"all": ["images/library-dialog.css"]}
        )
