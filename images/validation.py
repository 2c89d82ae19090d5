"""One gate for every image that enters the library: admin form, editor upload, imports."""

import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage

ACCEPTED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}


def validate_image_file(upload):
    """Check size, type and pixels of an uploaded file; return ``(format, width, height)``.

    Raises ``ValidationError`` with a message an editor can act on. The file's name and
    the browser's content type are ignored: only the bytes decide."""
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
        raise ValidationError(_("The file is empty."), code="empty")
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            # Pillow warns (rather than fails) between 1× and 2× its own pixel limit.
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(upload) as probe:
                fmt, (width, height) = probe.format, probe.size
                if width * height > max_pixels:
                    raise ValidationError(
                        _(
                            "The image is too large (%(pixels)s megapixels; the limit is "
                            "%(limit)s)."
                        ),
                        code="too_many_pixels",
                        params={
                            "pixels": round(width * height / 1e6),
                            "limit": round(max_pixels / 1e6),
                        },
                    )
                if fmt not in ACCEPTED_FORMATS:
                    raise ValidationError(
                        _("Images must be JPEG, PNG, WebP or GIF."), code="format"
                    )
                probe.verify()
            upload.seek(0)
            with PILImage.open(upload) as full:
                full.load()  # verify() skips pixel data; a truncated file fails here
    except ValidationError:
        raise
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        raise ValidationError(
            _("The image has too many pixels to be processed safely."), code="bomb"
        ) from None
    except Exception:
        raise ValidationError(
            _(
                "The file is not a valid image, or it is damaged. Upload a JPEG, PNG, WebP "
                "or GIF photo."
            ),
            code="invalid",
        ) from None
    finally:
        upload.seek(position)
    return fmt, width, height
