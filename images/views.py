"""The rich-text editor's image upload: every uploaded image becomes a library record."""

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import Image


@require_POST
def editor_upload(request):
    user = request.user
    if not (user.is_active and user.is_staff and user.has_perm("images.add_image")):
        return JsonResponse({"error": {"message": _("You may not upload images.")}}, status=403)
    upload = request.FILES.get("upload")
    if upload is None:
        return JsonResponse({"error": {"message": _("Choose an image file.")}}, status=400)
    image = Image(file=upload, uploaded_by=user)
    try:
        # Image.save is the one gate: it validates the bytes and makes the renditions
        # before anything is stored.
        image.save()
    except ValidationError as error:
        return JsonResponse({"error": {"message": " ".join(error.messages)}}, status=400)
    return JsonResponse({"url": image.file.url, "id": image.pk})
