"""The admin's image picker: Django's select2 autocomplete, showing each image's thumbnail,
caption and size (in the results and for the chosen image) instead of an id."""

from django import forms
from django.conf import settings
from django.contrib.admin.widgets import AutocompleteSelect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import renditions


def thumbnail_url(image):
    rendition = renditions.thumbnail(image)
    return rendition.file.url if rendition else image.file.url


def picker_item(image):
    """How one image appears in the picker (JSON for select2 and ``data-`` attributes)."""
    return {
        "id": image.pk,
        "text": str(image),
        "thumbnail": thumbnail_url(image),
        "size": f"{image.width}×{image.height}",
        "alt_missing": not image.alt_text.strip(),
    }


class ImagePickerWidget(AutocompleteSelect):
    """Use for a foreign key to ``images.Image`` in an admin form:
    ``ImagePickerWidget(db_field, admin_site)``."""

    def get_url(self):
        return reverse(f"{self.admin_site.name}:images_image_picker")

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs=extra_attrs)
        # Our own class, so Django's autocomplete.js leaves this select to image-picker.js.
        attrs["class"] = attrs["class"].replace("admin-autocomplete", "image-picker")
        attrs["data-alt-missing-label"] = _("No alt text")
        return attrs

    def optgroups(self, name, value, attr=None):
        from .models import Image

        # Only ids: a crafted value that is not a number must not break the page.
        selected = {str(v) for v in value if str(v).isdigit()}
        options = []
        if not self.is_required:
            options.append(self.create_option(name, "", "", False, 0))
        chosen = Image.objects.using(self.db).with_renditions().filter(pk__in=selected)
        for image in chosen:
            option = self.create_option(name, image.pk, str(image), True, len(options))
            item = picker_item(image)
            option["attrs"].update(
                {
                    "data-thumbnail": item["thumbnail"],
                    "data-size": item["size"],
                    "data-alt-missing": "1" if item["alt_missing"] else "",
                }
            )
            options.append(option)
        return [(None, options, 0)]

    @property
    def media(self):
        # One list holding Django's scripts and ours, so that media merging with the
        # form's other widgets keeps image-picker.js after jQuery and select2.
        extra = "" if settings.DEBUG else ".min"
        i18n = [f"admin/js/vendor/select2/i18n/{self.i18n_name}.js"] if self.i18n_name else []
        return forms.Media(
            js=[
                f"admin/js/vendor/jquery/jquery{extra}.js",
                f"admin/js/vendor/select2/select2.full{extra}.js",
                *i18n,
                "admin/js/jquery.init.js",
                "images/image-picker.js",
            ],
            css={
                "screen": [
                    f"admin/css/vendor/select2/select2{extra}.css",
                    "admin/css/autocomplete.css",
                    "images/image-picker.css",
                ]
            },
        )
