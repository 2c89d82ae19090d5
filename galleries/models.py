"""Galleries: an ordered set of library photos, each with a caption for this use, shown in
a story's body (the block ``<figure class="gallery" data-gallery="ID"></figure>``) or at
the top of a story as its main media (``StoryGallery``)."""

from django.conf import settings
from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _


class GalleryQuerySet(models.QuerySet):
    def with_images(self):
        """Each gallery's images in order, with their library records: two queries for
        any number of galleries and photos."""
        return self.prefetch_related(
            Prefetch("items", queryset=GalleryImage.objects.select_related("image"))
        )


class Gallery(models.Model):
    title = models.CharField(
        _("title"),
        max_length=200,
        help_text=_("Readers see it above the photos and screen readers announce it."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = GalleryQuerySet.as_manager()

    class Meta:
        verbose_name = _("gallery")
        verbose_name_plural = _("galleries")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    @property
    def block(self):
        """What an editor pastes in a story's body (source view) to show this gallery."""
        return f'<figure class="gallery" data-gallery="{int(self.pk)}"></figure>'


class GalleryImage(models.Model):
    gallery = models.ForeignKey(
        Gallery, verbose_name=_("gallery"), on_delete=models.CASCADE, related_name="items"
    )
    # A photo in a gallery stays in the library until it is taken out of the gallery.
    image = models.ForeignKey(
        "images.Image", verbose_name=_("photo"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveIntegerField(
        _("position"), default=0, help_text=_("Photos are shown by this number, lowest first.")
    )
    caption = models.CharField(
        _("caption"),
        max_length=500,
        blank=True,
        help_text=_("For this gallery only; empty: the library's caption."),
    )

    class Meta:
        verbose_name = _("photo in a gallery")
        verbose_name_plural = _("photos")
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["gallery", "position"], name="gallery_image_order")]

    def __str__(self):
        return self.shown_caption or str(self.image)

    @property
    def shown_caption(self):
        return self.caption.strip() or self.image.caption


class StoryGallery(models.Model):
    """A story's main media: the gallery shown at the top of the story, after its featured
    photo."""

    story = models.OneToOneField(
        "articles.Article",
        verbose_name=_("story"),
        on_delete=models.CASCADE,
        related_name="main_gallery",
    )
    gallery = models.ForeignKey(
        Gallery, verbose_name=_("gallery"), on_delete=models.CASCADE, related_name="main_of"
    )

    class Meta:
        verbose_name = _("main gallery")
        verbose_name_plural = _("main gallery")

    def __str__(self):
        return str(self.gallery)
