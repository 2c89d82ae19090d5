"""What the rich-text editor asks of the library: the image upload (every uploaded image
becomes a library record) and "insert from library" (the newest images, searched).

An image's address in a body is a rendition's (the widest JPEG or PNG), never the
original's: what a body shows is what readers are sent, and ``images.body`` finds the
record from it."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from newsroom.security import log_event
from newsroom.templatetags.newsroom import vn_datetime

from . import renditions
from .body import CONTROL
from .models import Image
from .storage import StorageUnavailable
from .widgets import thumbnail_url

LIBRARY_PAGE_SIZE = 24


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


def library_item(image):
    """One image as the editor's "insert from library" dialog shows and inserts it."""
    inserted = renditions.largest_fallback(image)
    return {
        "id": image.pk,
        "thumbnail": thumbnail_url(image),
        "url": inserted.file.url if inserted else image.file.url,
        "width": image.width,
        "height": image.height,
        "caption": image.caption,
        "credit": image.credit,
        "alt": image.alt_text,
        "uploaded_at": vn_datetime(image.uploaded_at),
    }


@require_GET
def library(request):
    """``?q=…&page=…``: the library's images, newest first, found by caption, credit, alt
    text or a tag of a story showing them, accents optional."""
    user = request.user
    if not (user.is_active and user.is_staff and user.has_perm("images.view_image")):
        return JsonResponse(
            {"error": {"message": _("You may not browse the library.")}}, status=403
        )
    # Control characters (NUL above all) mean nothing in a search and PostgreSQL refuses them.
    query = " ".join(CONTROL.sub(" ", request.GET.get("q", "")[:200]).split())
    images = Image.objects.search(query, tags=True).order_by("-uploaded_at", "-pk")
    # get_page: a page number that is not one, or past the end, gives the nearest page.
    page = Paginator(images, LIBRARY_PAGE_SIZE).get_page(request.GET.get("page"))
    return JsonResponse(
        {
            "results": [library_item(image) for image in page],
            "page": page.number,
            "pages": page.paginator.num_pages,
            "count": page.paginator.count,
            "query": query,
        }
    )
