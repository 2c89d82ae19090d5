"""One gate for every image that enters the library: admin form, editor upload, imports.

``Image.save`` calls ``validate_image_file`` for new bytes, so nothing reaches storage
without passing it; the admin form's field validator runs it earlier only to show the
error next to the field, and the result is remembered on the upload so the bytes are
decoded once."""

import warnings
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from PIL import features

from . import renditions

try:
    # iPhones' photos (HEIC/HEIF): Pillow reads and writes them through pillow-heif.
    import pillow_heif
except ImportError:  # pragma: no cover - installed with the project
    pillow_heif = None
else:
    pillow_heif.register_heif_opener()

# Pillow's format name → the extension of the stored original.
BASE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}


def avif_supported():
    return features.check("avif")


def heif_supported():
    return pillow_heif is not None


def accepted_formats():
    formats = dict(BASE_FORMATS)
    if heif_supported():
        formats["HEIF"] = "heic"
    if avif_supported():
        formats["AVIF"] = "avif"
    return formats


ACCEPTED_FORMATS = accepted_formats()
# The file chooser's ``accept``: iPhones name their photos image/heic, Pillow says HEIF.
ACCEPT = ",".join(
    [f"image/{f.lower()}" for f in ACCEPTED_FORMATS]
    + (["image/heic", ".heic", ".heif"] if heif_supported() else [])
)

# EXIF orientations that turn the picture a quarter: width and height swap.
QUARTER_TURNS = {5, 6, 7, 8}
EXIF_ORIENTATION = 0x0112

_REMEMBERED = "_toasoan_image_info"
_DECODED = "_toasoan_decoded_image"


class ImageInfo(NamedTuple):
    """What the gate learnt about an accepted file. ``width`` and ``height`` are as the
    picture is shown, after its EXIF orientation is applied."""

    format: str
    width: int
    height: int
    orientation: int = 1


def _raw(upload):
    # A model's FieldFile wraps the uploaded file; remember on the upload itself.
    return upload.file if isinstance(upload, FieldFile) else upload


def remembered_info(upload):
    """The result of an earlier ``validate_image_file`` on this very upload, if any."""
    return getattr(_raw(upload), _REMEMBERED, None)


def _head(upload, length=512):
    upload.seek(0)
    head = upload.read(length)
    return head if isinstance(head, bytes) else head.encode()


def _is_svg(head):
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith(b"<") and b"<svg" in text


def _is_avif(head):
    return head[4:8] == b"ftyp" and head[8:12] in {b"avif", b"avis"}


def accepted_message():
    if avif_supported() and heif_supported():
        return _("Upload a JPEG, PNG, WebP, GIF, HEIC or AVIF image.")
    if avif_supported():
        return _("Upload a JPEG, PNG, WebP, GIF or AVIF image.")
    return _("Upload a JPEG, PNG, WebP or GIF image.")


def validate_image_file(upload):
    """Check size, type and pixels of an uploaded file; return an ``ImageInfo``.

    Raises ``ValidationError`` with a message an editor can act on. The file's name and
    the browser's content type are ignored: only the bytes decide."""
    remembered = remembered_info(upload)
    if remembered is not None:
        return remembered
    max_bytes = settings.IMAGE_MAX_BYTES
    max_pixels = settings.IMAGE_MAX_PIXELS
    if upload.size is not None and upload.size > max_bytes:
        raise ValidationError(
            _("The file is too large (%(size)s MB; the limit is %(limit)s MB)."),
            code="too_large",
            params={
                "size": round(upload.size / 1_048_576, 1),
                "limit": round(max_bytes / 1_048_576, 1),
            },
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty_file")
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        head = _head(upload)
        if _is_svg(head):
            raise ValidationError(
                _(
                    "SVG drawings are not accepted because they can carry scripts. "
                    "Export the drawing as PNG and upload that."
                ),
                code="svg",
            )
        if _is_avif(head) and not avif_supported():
            raise ValidationError(
                _("This server cannot process AVIF images. Upload a JPEG, PNG or WebP photo."),
                code="avif_unsupported",
            )
        info, decoded = _inspect(upload, max_pixels)
    finally:
        upload.seek(position)
    setattr(_raw(upload), _REMEMBERED, info)
    setattr(_raw(upload), _DECODED, decoded)
    return info


def take_decoded(upload):
    """The pixels ``validate_image_file`` decoded from this upload (once: the reference is
    dropped so the memory can go), or None."""
    raw = _raw(upload)
    decoded = getattr(raw, _DECODED, None)
    if decoded is not None:
        delattr(raw, _DECODED)
    return decoded


def _inspect(upload, max_pixels):
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            # Pillow warns (rather than fails) between 1× and 2× its own pixel limit.
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(upload, formats=list(ACCEPTED_FORMATS)) as probe:
                fmt, (width, height) = probe.format, probe.size
                if width * height > max_pixels:
                    raise ValidationError(
                        _(
                            "The image is too large (%(pixels)s megapixels; the limit is "
                            "%(limit)s)."
                        ),
                        code="too_many_pixels",
                        params={
                            "pixels": round(width * height / 1e6, 1),
                            "limit": round(max_pixels / 1e6, 1),
                        },
                    )
                probe.verify()
            upload.seek(0)
            full = PILImage.open(upload, formats=[fmt])
            orientation = _orientation(full)
            if fmt == "JPEG":
                # Decode at the scale the renditions need (libjpeg's 1/2, 1/4 or 1/8): it
                # still reads every byte, so a truncated file fails here, and the pixels
                # are kept for the renditions instead of being decoded twice.
                shown_width = height if orientation in QUARTER_TURNS else width
                full.draft(None, renditions.draft_size(full.size, shown_width))
            full.load()  # verify() skips pixel data; a truncated file fails here
    except ValidationError:
        raise
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        raise ValidationError(
            _("The image has too many pixels to be processed safely."), code="bomb"
        ) from None
    except Exception:
        raise ValidationError(
            format_lazy(
                "{} {}", _("The file is not a valid image, or it is damaged."), accepted_message()
            ),
            code="not_an_image",
        ) from None
    if orientation in QUARTER_TURNS:
        width, height = height, width
    return ImageInfo(fmt, width, height, orientation), full


def _orientation(picture):
    orientation = picture.getexif().get(EXIF_ORIENTATION, 1)
    return orientation if isinstance(orientation, int) and 1 <= orientation <= 8 else 1
