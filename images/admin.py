"""The image library in the admin: thumbnails, sizes, where each image is used, search
without accents, the picker's JSON and the guard against deleting images in use."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from newsroom.admin_tools import FoldedSearchMixin
from newsroom.html import image_sources, media_name
from newsroom.security import log_event
from newsroom.templatetags.newsroom import vn_date

from . import renditions
from .framing import RATIOS, SOCIAL
from .models import FRAMING_FIELDS, Image, validate_upload
from .storage import StorageUnavailable
from .validation import ACCEPT
from .widgets import picker_item, thumbnail_url

USAGE_SHOWN = 5
PICKER_PAGE_SIZE = 20


class ImageForm(forms.ModelForm):
    # A plain file field with the library's own validator: Django's ImageField would
    # answer SVGs, bombs and damaged files with one generic message before ours runs.
    file = forms.FileField(
        label=capfirst(_("file")),  # as Django labels the model fields it makes
        validators=[validate_upload],
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    class Meta:
        model = Image
        fields = ["file", "caption", "alt_text", "credit", *FRAMING_FIELDS]
        # The focal-point editor (images/focal-point.js) writes these; they stay typeable.
        widgets = {
            name: forms.NumberInput(attrs={"step": "any", "min": "0", "max": "1"})
            for name in FRAMING_FIELDS
        }


class AltTextFilter(admin.SimpleListFilter):
    title = _("alt text")
    parameter_name = "alt"

    def lookups(self, request, model_admin):
        return [("missing", _("Missing")), ("present", _("Present"))]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.missing_alt_text()
        if self.value() == "present":
            return queryset.exclude(alt_text="")
        return queryset


@admin.register(Image)
class ImageAdmin(FoldedSearchMixin, admin.ModelAdmin):
    form = ImageForm
    list_display = [
        "thumbnail",
        "caption",
        "alt_text_state",
        "credit",
        "uploaded",
        "dimensions",
        "usage",
    ]
    list_display_links = ["thumbnail", "caption"]
    list_filter = [
        ("uploaded_by", admin.RelatedOnlyFieldListFilter),
        ("uploaded_at", admin.DateFieldListFilter),
        AltTextFilter,
    ]
    search_fields = ["caption"]  # shows the search box; FoldedSearchMixin does the search
    search_help_text = _(
        "Caption, credit or alt text; accents optional (“hoi nghi” finds “Hội nghị”)."
    )
    list_select_related = ["uploaded_by"]
    list_per_page = 50
    readonly_fields = [
        "focal_point",
        "crop_previews",
        "dimensions",
        "usage",
        "uploaded_by",
        "uploaded_at",
    ]

    class Media:
        css = {"screen": ["images/image-picker.css"]}
        js = ["images/focal-point.js"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["file", "caption", "alt_text", "credit"]
        return [
            "focal_point",
            ("focal_x", "focal_y"),
            ("crop_x", "crop_y", "crop_w", "crop_h"),
            "crop_previews",
            "caption",
            "alt_text",
            "credit",
            "dimensions",
            "usage",
            "uploaded_by",
            "uploaded_at",
        ]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return self.readonly_fields
        # A stored original never changes: stories' bodies point at it. A new photo is a
        # new library image.
        return [*self.readonly_fields, "file"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_renditions().with_usage()

    # Columns

    @admin.display(description=_("preview"))
    def thumbnail(self, obj):
        if not obj.file:
            return "—"
        return format_html(
            '<img src="{}" alt="{}" class="library-thumbnail" loading="lazy">',
            thumbnail_url(obj),
            obj.alt_text,
        )

    @admin.display(description=_("focal point"))
    def focal_point(self, obj):
        """The photo to click (the focal point) or drag across (a crop box) on: the
        script fills the fields below, which stay typeable without it."""
        candidates = renditions.candidates(obj)
        shown = [r for r in candidates.webp if r.width <= 640] or candidates.webp
        url = shown[-1].file.url if shown else obj.file.url
        return format_html(
            '<div class="focal-editor" data-focal-editor>'
            '<img src="{}" alt="{}" draggable="false">'
            '<span class="focal-editor__box" hidden></span>'
            '<span class="focal-editor__dot"></span></div>'
            '<p class="help">{} <button type="button" class="button" data-focal-clear-crop>'
            '{}</button> <a href="{}">{}</a></p>',
            url,
            obj.alt_text,
            _(
                "Click the photo to set its focal point, or drag across it to draw a crop "
                "box; then save. Every crop keeps the point in frame."
            ),
            _("Remove the crop box"),
            obj.file.url,
            _("Open the original"),
        )

    @admin.display(description=_("crops"))
    def crop_previews(self, obj):
        """Each ratio as readers get it, as it was cut at the last save."""
        items = []
        for ratio in RATIOS:
            rows = obj.crop_rows(ratio)
            kind = renditions.JPEG if ratio == SOCIAL else renditions.WEBP
            shown = sorted((r for r in rows if r.format == kind), key=lambda r: r.width)
            if not shown:
                continue
            items.append((shown[0].file.url, shown[0].width, shown[0].height, ratio))
        if not items:
            return _("Not made yet: they are cut when you save.")
        return format_html(
            '<ul class="crop-previews">{}</ul>',
            format_html_join(
                "",
                '<li><img src="{}" width="{}" height="{}" alt=""><span>{}</span></li>',
                items,
            ),
        )

    @admin.display(description=_("alt text"), ordering="alt_text")
    def alt_text_state(self, obj):
        # A mark, with the text on hover: the full alt text would crowd the list.
        if obj.alt_text.strip():
            return format_html('<span title="{}">✓</span>', obj.alt_text)
        return format_html('<strong class="alt-text-missing">{}</strong>', _("Missing"))

    @admin.display(description=_("uploaded"), ordering="uploaded_at")
    def uploaded(self, obj):
        who = obj.uploaded_by.get_username() if obj.uploaded_by else "—"
        return format_html("{}<br>{}", who, vn_date(obj.uploaded_at))

    @admin.display(description=_("size"), ordering="file_size")
    def dimensions(self, obj):
        return format_html(
            "{}×{}&nbsp;px<br>{}", obj.width, obj.height, filesizeformat(obj.file_size)
        )

    @admin.display(description=_("used in"))
    def usage(self, obj):
        groups = [
            (_("Featured in"), list(obj.featured_in.all()), "featured_image__id__exact"),
            (_("In the body of"), list(obj.used_in_body.all()), "body_images__id__exact"),
        ]
        items = []
        for label, stories, lookup in groups:
            if not stories:
                continue
            links = format_html_join(
                ", ",
                '<a href="{}">{}</a>',
                (
                    (reverse("admin:articles_article_change", args=[s.pk]), s.title)
                    for s in stories[:USAGE_SHOWN]
                ),
            )
            if len(stories) > USAGE_SHOWN:
                everything = reverse("admin:articles_article_changelist") + f"?{lookup}={obj.pk}"
                links = format_html(
                    '{} <a href="{}">{}</a>',
                    links,
                    everything,
                    _("and %(count)s more") % {"count": len(stories) - USAGE_SHOWN},
                )
            items.append(format_html("<li>{}: {}</li>", label, links))
        if not items:
            return _("Not used")
        return format_html(
            '<ul class="library-usage">{}</ul>', format_html_join("", "{}", ((i,) for i in items))
        )

    # Saving, and uploads refused

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        failure = getattr(request, "_image_storage_failure", None)
        if failure is None:
            return form

        class RefusedByStorage(form):
            def clean(self):
                # On an image's page (no file field) it is cutting the crops that failed.
                self.add_error("file" if "file" in self.fields else None, failure.message)
                return super().clean()

        return RefusedByStorage

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StorageUnavailable as failure:
            # Image.save stored nothing and the transaction rolled back: show the form
            # again, as typed, with the reason next to the file.
            log_event("upload_refused", request, reason=f"storage:{failure.reason}")
            request._image_storage_failure = failure
            return super().changeform_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, **kwargs):
        form = context["adminform"].form
        refusal = form.errors.as_data().get("file") if request.method == "POST" else None
        if refusal and getattr(request, "_image_storage_failure", None) is None:
            reason = ",".join(sorted({error.code or "invalid" for error in refusal}))
            log_event("upload_refused", request, reason=reason)
        return super().render_change_form(request, context, add, change, **kwargs)

    # Permissions

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

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        protected = list(protected)
        for image in objs:
            for story in image.used_in_body.all():
                protected.append(
                    format_html(
                        '{}: <a href="{}">{}</a> ({})',
                        capfirst(story._meta.verbose_name),
                        reverse("admin:articles_article_change", args=[story.pk]),
                        story.title,
                        _("the image is in its body"),
                    )
                )
        if protected:
            self.message_user(
                request,
                _(
                    "An image used in a story cannot be deleted. Remove it from the stories "
                    "listed below first."
                ),
                messages.ERROR,
            )
        return deleted, model_count, perms_needed, protected

    # The picker's search, for ImagePickerWidget

    def get_urls(self):
        return [
            path(
                "picker/",
                self.admin_site.admin_view(self.picker_view),
                name="images_image_picker",
            ),
            *super().get_urls(),
        ]

    def picker_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        images = Image.objects.with_renditions().search(request.GET.get("term", ""))
        page = Paginator(images.order_by("-uploaded_at", "-pk"), PICKER_PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        return JsonResponse(
            {
                "results": [picker_item(image) for image in page],
                "pagination": {"more": page.has_next()},
            }
        )


def missing_alt_text_panel(article):
    """The story's images that still lack alt text, each with its thumbnail, caption and a
    link to fix it in the library; numbered as the pre-publication check numbers them."""
    rows = []
    featured = article.featured_image
    if featured is not None and not featured.alt_text.strip():
        rows.append((_("Featured image"), featured, None))
    sources = image_sources(article.body)
    names = {media_name(src) for src, _alt in sources} - {None}
    records = Image.objects.with_renditions().by_media_name(names)
    for number, (src, alt) in enumerate(sources, start=1):
        record = records.get(media_name(src) or "")
        if not alt and not (record and record.alt_text.strip()):
            rows.append((_("Image %(number)s in the body") % {"number": number}, record, src))
    if not rows:
        return _("Every image has alt text.")
    return format_html(
        '<ul class="missing-alt-text">{}</ul>',
        format_html_join("", "<li>{}</li>", ((_missing_alt_row(*row),) for row in rows)),
    )


def _missing_alt_row(label, image, src):
    if image is None:
        # Not a library image: only the editor's own alt text can describe it.
        return format_html(
            "<span><strong>{}</strong>: {} {}</span>",
            label,
            src,
            _("(not in the library: add its alt text in the editor)"),
        )
    return format_html(
        # A new tab, so the story being edited is not left with unsaved changes.
        '<img src="{}" alt=""><span><strong>{}</strong>: {} '
        '<a href="{}" target="_blank" rel="noopener">{}</a></span>',
        thumbnail_url(image),
        label,
        image.caption or image.file.name,
        reverse("admin:images_image_change", args=[image.pk]),
        _("Add alt text in the library"),
    )
