"""The newsroom's image library: every featured image and every image in a story's body
is one of these records, with its caption, alt text and credit."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.validators import validate_no_control_characters, validate_single_line

from .validation import ACCEPTED_FORMATS, validate_image_file


def image_path(instance, filename):
    # The client's file name never decides where the file goes.
    extension = ACCEPTED_FORMATS.get(getattr(instance, "_format", None), "img")
    return timezone.now().strftime(f"images/%Y/%m/{uuid.uuid4().hex}.{extension}")


def validate_upload(file):
    validate_image_file(file)


class ImageQuerySet(models.QuerySet):
    def missing_alt_text(self):
        return self.filter(alt_text="")


class Image(models.Model):
    file = models.ImageField(
        _("file"),
        upload_to=image_path,
        width_field="width",
        height_field="height",
        validators=[validate_upload],
    )
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
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now, editable=False)

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("image")
        verbose_name_plural = _("images")
        indexes = [models.Index(fields=["-uploaded_at"], name="image_uploaded_idx")]

    def __str__(self):
        return self.caption or self.alt_text or self.file.name.rsplit("/", 1)[-1]

    def save(self, *args, **kwargs):
        file = self.file
        if file and not getattr(file, "_committed", True):
            # New bytes: validate them here too, so imports and the shell cannot bypass it.
            self._format, _w, _h = validate_image_file(file)
            self.file_size = file.size
        super().save(*args, **kwargs)
