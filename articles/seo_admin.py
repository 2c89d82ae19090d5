"""The story form's "SEO and social networks" section: the editor's own texts for Google
and for Facebook/Zalo share cards, each with a character counter, and a preview of the
Google result and the share card that follows what is typed (``seo-preview.js``).

Added to ``ArticleAdmin`` as a mixin; what the preview shows when a field is blank is
``articles.seo.StoryTexts``, as on the reader's page."""

from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib import admin
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from images.widgets import ImagePickerWidget, thumbnail_url
from newsroom.models import SiteSettings
from newsroom.validators import validate_web_address

from . import seo, seo_limits
from .models import Article

SEO_FIELDS = [
    "seo_title",
    "seo_description",
    "social_title",
    "social_description",
    "social_image",
    "canonical_url",
]
SEO_FIELDSET = (
    _("SEO and social networks"),
    {"classes": ["collapse"], "fields": [*SEO_FIELDS, "seo_preview"]},
)
LONG_TEXTS = {"seo_description", "social_description"}


class SeoAdminMixin:
    """For ``ArticleAdmin``: the section, its widgets and its preview."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The story admin's own get_fieldsets reads this list: the section joins it here.
        self.fieldsets = [*self.fieldsets, SEO_FIELDSET]

    @property
    def media(self):
        return super().media + forms.Media(
            js=["articles/seo-preview.js"], css={"screen": ["articles/seo-preview.css"]}
        )

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "seo_preview"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in LONG_TEXTS:
            kwargs["widget"] = forms.Textarea(attrs={"rows": 3})
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is None:
            return field
        limit = seo_limits.BY_FIELD.get(db_field.name)
        if limit is not None:
            # Read by seo-preview.js: the counter turns red past this.
            field.widget.attrs["data-seo-advice"] = limit.advice
        if db_field.name == "canonical_url":
            # One message, the same whatever is wrong with it (javascript:, a typo…).
            field.error_messages["invalid"] = validate_web_address.message
        return field

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "social_image":
            kwargs["widget"] = ImagePickerWidget(db_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("search and share preview"))
    def seo_preview(self, obj):
        return render_to_string("admin/articles/seo_preview.html", preview_context(obj))


def _cut(text, length):
    return seo.describe(text, length)


def preview_context(article):
    """The preview as the story stands (the script then follows the form)."""
    article = article or Article()
    site = SiteSettings.load()
    texts = seo.StoryTexts.of(article)
    address = urlsplit(settings.SITE_URL)
    path = article.get_absolute_url() if article.pk and article.slug else "/…"
    return {
        "site_name": site.site_name,
        "domain": address.netloc,
        "address": f"{address.netloc}{path}",
        "texts": texts,
        "title": _cut(texts.title, seo_limits.SEO_TITLE.advice),
        "description": _cut(texts.description, seo_limits.SEO_DESCRIPTION.advice),
        "social_title": _cut(texts.social_title, seo_limits.SOCIAL_TITLE.advice),
        "social_description": _cut(texts.social_description, seo_limits.SOCIAL_DESCRIPTION.advice),
        "image_url": thumbnail_url(texts.image) if texts.image else "",
        "featured_image_url": (
            thumbnail_url(article.featured_image) if article.featured_image_id else ""
        ),
        "limits": seo_limits,
        "story": article,
    }
