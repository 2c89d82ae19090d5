"""Template context every page needs: the site settings (read only by a page that shows
them: the admin never does)."""

from django.utils.functional import SimpleLazyObject

from .models import SiteSettings


def site(request):
    return {"site": SimpleLazyObject(SiteSettings.load)}
