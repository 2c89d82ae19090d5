"""Galleries in the admin: the photos in order (their position), each picked with the
library's picker (thumbnails; search by caption, credit or alt text) and given a caption
for this gallery; the block to paste in a story's body, with a copy button; and, on a
story's own admin page, its main gallery (``StoryGalleryInline`` joins ``ArticleAdmin``'s
inlines, articles/admin.py untouched)."""

from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles.admin import ArticleAdmin
from images.widgets import ImagePickerWidget, thumbnail_url
from newsroom.text import fold

from .models import Gallery, GalleryImage, StoryGallery


class GalleryImageInline(admin.TabularInline):
    model = GalleryImage
    fields = ["thumbnail", "image", "position", "caption"]
    readonly_fields = ["thumbnail"]
    extra = 1
    verbose_name = _("photo")
    verbose_name_plural = _("photos (shown by position, lowest first)")

    @admin.display(description=_("preview"))
    def thumbnail(self, obj):
        if not obj.image_id:
            return ""
        return format_html(
            '<img src="{}" alt="{}" class="library-thumbnail" loading="lazy">',
            thumbnail_url(obj.image),
            obj.image.alt_text,
        )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("image")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "image":
            # The image library's picker: thumbnails, captions and sizes, searched by
            # caption, credit or alt text, accents optional.
            kwargs["widget"] = ImagePickerWidget(db_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Gallery)
class GalleryAdmin(admin.ModelAdmin):
    list_display = ["title", "photo_count", "created_by", "created_at"]
    search_fields = ["title"]
    search_help_text = _("Title; accents optional.")
    list_select_related = ["created_by"]
    fields = ["title", "block_snippet"]
    readonly_fields = ["block_snippet"]
    inlines = [GalleryImageInline]

    class Media:
        css = {"screen": ["images/image-picker.css", "galleries/admin.css"]}
        js = ["galleries/admin.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(photos=Count("items"))

    @admin.display(description=_("photos"), ordering="photos")
    def photo_count(self, obj):
        return obj.photos

    @admin.display(description=_("block for a story's body"))
    def block_snippet(self, obj):
        if obj is None or obj.pk is None:
            return _("Save the gallery first: then its block appears here.")
        return format_html(
            '<code class="gallery-block" id="gallery-block">{}</code> '
            '<button type="button" class="button" data-copy="gallery-block" data-copied="{}">'
            "{}</button>"
            '<p class="help">{}</p>',
            obj.block,
            _("Copied"),
            _("Copy"),
            _(
                "Copy it, then paste it in the story's body where the gallery should appear: "
                "the editor shows it as a card. Or choose the gallery as the story's main "
                "gallery on the story's page."
            ),
        )

    def get_search_results(self, request, queryset, search_term):
        terms = fold(search_term).split()
        if not terms:
            return queryset, False
        # Titles are folded here (galleries are few next to stories): "thu vien" finds
        # "Thư viện".
        found = [
            pk
            for pk, title in queryset.values_list("pk", "title")
            if all(term in fold(title) for term in terms)
        ]
        return queryset.filter(pk__in=found), False

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


class StoryGalleryInline(admin.StackedInline):
    """On a story's admin page: the gallery shown at its top, after the featured photo."""

    model = StoryGallery
    fk_name = "story"
    fields = ["gallery"]
    autocomplete_fields = ["gallery"]
    extra = 0
    max_num = 1
    verbose_name = _("main gallery")
    verbose_name_plural = _("main gallery (shown at the top of the story)")

    class Media:
        # On the story's page: how CKEditor shows a gallery block in the body (a card).
        css = {"screen": ["galleries/admin.css"]}


ArticleAdmin.inlines = [*ArticleAdmin.inlines, StoryGalleryInline]
