"""The image library in the admin."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Image


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = [
        "thumbnail",
        "caption",
        "alt_text",
        "credit",
        "uploaded_by",
        "uploaded_at",
        "dimensions",
    ]
    list_filter = [("uploaded_by", admin.RelatedOnlyFieldListFilter), "uploaded_at"]
    search_fields = ["caption", "credit", "alt_text"]
    readonly_fields = ["thumbnail", "dimensions", "uploaded_by", "uploaded_at"]
    fields = [
        "file",
        "thumbnail",
        "caption",
        "alt_text",
        "credit",
        "dimensions",
        "uploaded_by",
        "uploaded_at",
    ]
    list_select_related = ["uploaded_by"]

    @admin.display(description=_("preview"))
    def thumbnail(self, obj):
        if not obj.file:
            return "—"
        return format_html(
            '<img src="{}" alt="{}" style="max-width:120px;max-height:80px">',
            obj.file.url,
            obj.alt_text,
        )

    @admin.display(description=_("size"))
    def dimensions(self, obj):
        return f"{obj.width}×{obj.height}"

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        # Reporters fix the captions of their own uploads; editors (who can edit any
        # story) fix any.
        return obj.uploaded_by_id == request.user.pk or request.user.has_perm(
            "articles.change_any_article"
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
