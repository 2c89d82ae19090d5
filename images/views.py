"""The rich-text editor's image upload: every uploaded image becomes a library record.

The answer's address is a rendition's (the widest JPEG or PNG), never the original's:
what a body shows is what readers are sent, and ``responsive_body`` finds the record
from it."""

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from newsroom.security import log_event

from . import renditions
from .models import Image
from .storage import StorageUnavailable


def refused(request, message, status, reason, **details):
    log_event("upload_refused", request, reason=reason, **details)
    return JsonResponse({"error": {"message": str(message)}}, status=status)


@require_POST
def editor_upload(request):
    user = request.user
    if not (user.is_active and user.is_staff and user.has_perm("images.add_image")):
        return refused(request, _("You may not upload images."), 403, "not_allowed")
    upload = request.FILES.get("upload")
    if upload is None:
        return refused(request, _("Choose an image file."), 400, "no_file")
    image = Image(file=upload, uploaded_by=user)
    try:
        # Image.save is the one gate: it validates the bytes and makes the renditions
        # before anything is stored.
        image.save()
    except ValidationError as error:
        reason = ",".join(sorted({e.code or "invalid" for e in error.error_list}))
        return refused(request, " ".join(error.messages), 400, reason, size=upload.size)
    except StorageUnavailable as failure:
        return refused(request, failure.message, 503, f"storage:{failure.reason}", size=upload.size)
    return JsonResponse({"url": renditions.largest_fallback(image).file.url, "id": image.pk})
