"""The newsroom's image library: every featured image and every image in a story's body
is one of these records, with its caption, alt text and credit, and the renditions
readers are sent (see ``images.renditions``)."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models import Q
from django.db.models.signals import post_delete, pre_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from newsroom.text import fold
from newsroom.validators import validate_no_control_characters, validate_single_line

from . import framing, originals, renditions
from .storage import discard, save_new
from .validation import ACCEPTED_FORMATS, validate_image_file

SEARCHED_FIELDS = ("caption", "credit", "alt_text")
FRAMING_FIELDS = ("focal_x", "focal_y", "crop_x", "crop_y", "crop_w", "crop_h")
USAGE_FIELDS = ("pk", "title", "status", "publication_at")


def image_path(instance, filename):
    # The client's file name never decides where the file goes.
    extension = ACCEPTED_FORMATS.get(getattr(instance, "_format", None), "img")
    return timezone.now().strftime(f"images/%Y/%m/{uuid.uuid4().hex}.{extension}")


def validate_upload(file):
    # Stored bytes passed the gate when they came in; reading them back (from a bucket,
    # perhaps) on every full_clean would only cost time.
    if getattr(file, "_committed", False):
        return
    validate_image_file(file)


class ImageQuerySet(models.QuerySet):
    def missing_alt_text(self):
        return self.filter(alt_text="")

    def with_renditions(self):
        """What the ``picture`` tag needs, in one more query for the whole list."""
        return self.prefetch_related("renditions")

    def with_usage(self):
        """The stories each image appears in, for the library's "used in" column."""
        stories = stories_manager().only(*USAGE_FIELDS)
        return self.prefetch_related(
            models.Prefetch("featured_in", queryset=stories.only("featured_image", *USAGE_FIELDS)),
            models.Prefetch("used_in_body", queryset=stories),
        )

    def delete(self):
        # Refuse before Django's collector opens its transaction, so a caller's own
        # transaction stays usable after the refusal.
        refuse_deleting_images_in_stories(self.values("pk"), self.db)
        return super().delete()

    delete.alters_data = True
    delete.queryset_only = True

    def shown_at(self, names):
        """The images whose original or one of whose renditions is stored under one of
        ``names``: a story's body shows a rendition's address (the editor's upload answers
        with one), older bodies the original's."""
        names = list(names)
        if not names:
            return self.none()
        return self.filter(
            Q(file__in=names) | Q(pk__in=Rendition.objects.filter(file__in=names).values("image"))
        )

    def by_media_name(self, names):
        """``{name: image}`` for every name in ``names`` that is an image's original or one
        of its renditions (read from the image row, no further query)."""
        wanted, found = set(names), {}
        for image in self.shown_at(wanted):
            shown = [
                *(row[3] for row in image.rendition_list),
                *(row[4] for row in image.crop_list),
            ]
            for name in [image.file.name, *shown]:
                if name in wanted:
                    found[name] = image
        return found

    def search(self, terms, tags=False):
        """Caption, credit or alt text; accents optional (``hoi nghi`` finds ``Hội nghị``).
        With ``tags``, a word may also be in a tag of a story that shows the image (a tag's
        slug is its folded name: ``Đà Nẵng`` is ``da-nang``)."""
        for term in fold(terms).split()[:10]:
            found = Q(search_text__contains=term)
            if tags:
                tagged = Image.objects.filter(
                    Q(used_in_body__tags__slug__contains=term)
                    | Q(featured_in__tags__slug__contains=term)
                )
                found |= Q(pk__in=tagged.values("pk"))
            self = self.filter(found)
        return self


class Image(models.Model):
    file = models.ImageField(_("file"), upload_to=image_path, validators=[validate_upload])
    caption = models.CharField(
        _("caption"),
        max_length=500,
        blank=True,
        validators=[validate_no_control_characters],
        help_text=_("Shown under the photo."),
    )
    alt_text = models.CharField(
        _("alt text"),
        max_length=300,
        blank=True,
        validators=[validate_no_control_characters, validate_single_line],
        help_text=_(
            "What the photo shows, for readers who cannot see it. Required before "
            "a story using this photo is published."
        ),
    )
    credit = models.CharField(
        _("credit"),
        max_length=200,
        blank=True,
        validators=[validate_no_control_characters, validate_single_line],
        help_text=_("Photographer or agency, e.g. “Ảnh: Minh Anh” or “TTXVN”."),
    )
    # As the picture is shown, after its EXIF orientation: set from the validated bytes.
    width = models.PositiveIntegerField(_("width"), editable=False, default=0)
    height = models.PositiveIntegerField(_("height"), editable=False, default=0)
    file_size = models.PositiveIntegerField(_("file size"), editable=False, default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="uploaded_images",
        editable=False,
    )
    rendition_list = models.JSONField(
        _("renditions"),
        default=list,
        blank=True,
        editable=False,
        help_text=_(
            "The renditions' sizes and files, kept beside the image so that a page "
            "showing it needs no extra query."
        ),
    )
    # Framing (images.framing): fractions of the picture as shown, 0 to 1 from the top left.
    # Image.clean checks them (framing.problems, one rule for the form and the shell).
    focal_x = models.FloatField(
        _("focal point (across)"),
        default=0.5,
        help_text=_("Click the photo to set it: every crop keeps this point in frame."),
    )
    focal_y = models.FloatField(_("focal point (down)"), default=0.5)
    crop_x = models.FloatField(_("crop box left"), null=True, blank=True)
    crop_y = models.FloatField(_("crop box top"), null=True, blank=True)
    crop_w = models.FloatField(_("crop box width"), null=True, blank=True)
    crop_h = models.FloatField(_("crop box height"), null=True, blank=True)
    crop_list = models.JSONField(
        _("crops"),
        default=list,
        blank=True,
        editable=False,
        help_text=_(
            "The crops' ratios, sizes and files, kept beside the image like its renditions."
        ),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now, editable=False)
    search_text = models.TextField(editable=False, blank=True, default="")

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("image")
        verbose_name_plural = _("images")
        indexes = [models.Index(fields=["-uploaded_at"], name="image_uploaded_idx")]

    def __str__(self):
        return self.caption or self.alt_text or self.file.name.rsplit("/", 1)[-1]

    def save(self, *args, **kwargs):
        self.search_text = fold(" ".join(getattr(self, name) for name in SEARCHED_FIELDS))
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and set(SEARCHED_FIELDS) & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        file = self.file
        if not file or getattr(file, "_committed", True):
            if not self._reframed(update_fields):
                super().save(*args, **kwargs)
                return
            # A new focal point or crop box: the crops are cut again in the same
            # transaction, so the pages purged when it commits (the image's post_save,
            # articles.signals) are made again with the new crops only.
            with transaction.atomic(using=kwargs.get("using")):
                super().save(*args, **kwargs)
                renditions.recrop(self)
            return
        # New bytes: validate them here too, so imports and the shell cannot bypass the
        # gate, and make the renditions before anything is stored.
        info = validate_image_file(file)
        self._format = info.format
        self.width, self.height = info.width, info.height
        encoded = renditions.render(file, info, framing.Framing.of(self))
        # What is stored is the original without its private metadata (GPS, serial…),
        # whatever way the image came in: see ``images.originals``.
        file.seek(0)
        cleaned = originals.clean(file.read(), info)
        self.file_size = len(cleaned)
        previous = (
            Image.objects.filter(pk=self.pk).values_list("file", flat=True).first()
            if self.pk
            else None
        )
        storage = self.file.storage
        adding = self._state.adding
        # Raises StorageUnavailable, with nothing left behind, when the storage is full or
        # cannot be written to.
        self.file = save_new(storage, self.file.field.generate_filename(self, ""), cleaned)
        try:
            with transaction.atomic():
                super().save(*args, **kwargs)
                if previous is not None:
                    self.renditions.all().delete()
                    self.crops.all().delete()
                renditions.store(self, encoded)
                if previous:
                    _delete_original_on_commit(previous, self._state.db)
        except BaseException:
            discard(storage, self.file.name)
            self.file = file
            if adding:
                self.pk, self._state.adding = None, True
            raise

    def clean(self):
        super().clean()
        found = framing.problems(
            self.focal_x, self.focal_y, (self.crop_x, self.crop_y, self.crop_w, self.crop_h)
        )
        if found:
            raise ValidationError(found)

    def _reframed(self, update_fields):
        """Whether this save changes the framing of a stored image that has renditions."""
        if self._state.adding or self.pk is None or not self.rendition_list:
            return False
        if update_fields is not None and not set(FRAMING_FIELDS) & set(update_fields):
            return False
        stored = (
            Image.objects.filter(pk=self.pk).values_list(*FRAMING_FIELDS).first()
            if self.crop_list
            else None  # crops never made: make them now
        )
        return stored != tuple(getattr(self, name) for name in FRAMING_FIELDS)

    def delete(self, *args, **kwargs):
        refuse_deleting_images_in_stories([self.pk], kwargs.get("using") or self._state.db)
        return super().delete(*args, **kwargs)

    def rendition_rows(self):
        """This image's renditions, read from ``rendition_list`` (no query), or from a
        ``prefetch_related("renditions")`` when one was made."""
        prefetched = getattr(self, "_prefetched_objects_cache", {}).get("renditions")
        if prefetched is not None:
            return list(prefetched)
        return [
            Rendition(image_id=self.pk, width=w, height=h, format=f, file=name, file_size=size)
            for w, h, f, name, size in self.rendition_list
        ]

    def crop_rows(self, ratio):
        """This image's crops of ``ratio`` (a key of ``framing.RATIOS``), read from
        ``crop_list`` on the image row: no query, with or without a prefetch."""
        return [
            Crop(
                image_id=self.pk,
                ratio=ratio,
                width=w,
                height=h,
                format=f,
                file=name,
                file_size=size,
            )
            for kept_ratio, w, h, f, name, size in self.crop_list
            if kept_ratio == ratio
        ]


class Rendition(models.Model):
    """One size and format of an image, made once when the image was uploaded."""

    class Format(models.TextChoices):
        WEBP = renditions.WEBP, "WebP"
        JPEG = renditions.JPEG, "JPEG"
        PNG = renditions.PNG, "PNG"

    image = models.ForeignKey(
        Image, verbose_name=_("image"), on_delete=models.CASCADE, related_name="renditions"
    )
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    file = models.FileField(_("file"), max_length=255)
    file_size = models.PositiveIntegerField(_("file size"), default=0)

    class Meta:
        ordering = ["format", "width"]
        verbose_name = _("rendition")
        verbose_name_plural = _("renditions")
        constraints = [
            models.UniqueConstraint(
                fields=["image", "width", "format"], name="rendition_one_per_size_and_format"
            )
        ]
        # A body image's address names a rendition: finding its image (Image.shown_at).
        indexes = [models.Index(fields=["file"], name="rendition_file_idx")]

    def __str__(self):
        return f"{self.width}w {self.get_format_display()}"

    @property
    def url(self):
        return self.file.url

    @property
    def content_type(self):
        return renditions.CONTENT_TYPES[self.format]


class Crop(models.Model):
    """One size and format of an image cut to a ratio around its focal point (see
    ``images.framing``); cut again whenever the editor moves the point or the crop box."""

    image = models.ForeignKey(
        Image, verbose_name=_("image"), on_delete=models.CASCADE, related_name="crops"
    )
    ratio = models.CharField(
        _("ratio"), max_length=8, choices=[(name, name) for name in framing.RATIOS]
    )
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    format = models.CharField(_("format"), max_length=4, choices=Rendition.Format.choices)
    file = models.FileField(_("file"), max_length=255)
    file_size = models.PositiveIntegerField(_("file size"), default=0)

    class Meta:
        ordering = ["ratio", "format", "width"]
        verbose_name = _("crop")
        verbose_name_plural = _("crops")
        constraints = [
            models.UniqueConstraint(
                fields=["image", "ratio", "width", "format"],
                name="crop_one_per_ratio_size_and_format",
            )
        ]

    def __str__(self):
        return f"{self.ratio} {self.width}w {self.get_format_display()}"

    @property
    def url(self):
        return self.file.url

    @property
    def content_type(self):
        return renditions.CONTENT_TYPES[self.format]


def stories_manager():
    """The manager of the stories that show images. It is reached through their relation to
    the library rather than imported: stories depend on images, never the other way."""
    return Image._meta.get_field("used_in_body").related_model._default_manager


class ImageInUse(models.ProtectedError):
    """Raised when deleting an image that a story still shows in its body."""


def refuse_deleting_images_in_stories(images, using=None):
    """Raise ``ImageInUse`` if a story shows any of ``images`` in its body.

    The featured image is protected by its foreign key (on_delete=PROTECT); body images
    are a many-to-many whose rows would otherwise vanish silently, leaving a story with a
    broken picture."""
    stories = list(
        stories_manager()
        .using(using)
        .filter(body_images__in=images)
        .distinct()
        .only("pk", "title")
        .order_by("pk")
    )
    if not stories:
        return
    first = Image.objects.using(using).filter(pk__in=images, used_in_body__in=stories).first()
    raise ImageInUse(
        ngettext_lazy(
            "The image “%(image)s” is in the body of a story; remove it from the story first.",
            "The image “%(image)s” is in the body of %(count)d stories; remove it from them first.",
            len(stories),
        )
        % {"image": first, "count": len(stories)},
        set(stories),
    )


@receiver(pre_delete, sender=Image)
def refuse_deleting_an_image_in_a_story(sender, instance, using, **kwargs):
    # A backstop for deletions that bypass Image.delete and ImageQuerySet.delete.
    refuse_deleting_images_in_stories([instance.pk], using)


def _delete_file_on_commit(name, using):
    # After the commit, so a delete that is rolled back does not lose the file.
    if name:
        transaction.on_commit(lambda: default_storage.delete(name), using=using)


@receiver(post_delete, sender=Crop)
@receiver(post_delete, sender=Rendition)
def delete_rendition_file(sender, instance, using, **kwargs):
    _delete_file_on_commit(instance.file.name, using)


@receiver(post_delete, sender=Image)
def delete_original_file(sender, instance, using, **kwargs):
    _delete_original_on_commit(instance.file.name, using)


def _delete_original_on_commit(name, using):
    def delete():
        # Bulk-made records (benchmark content) may share one original.
        if not Image.objects.using(using).filter(file=name).exists():
            default_storage.delete(name)

    if name:
        transaction.on_commit(delete, using=using)
