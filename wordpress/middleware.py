"""Links to the old WordPress site keep working: a reader (or a search engine) asking for
a story's old address gets a 301 to its address here.

An ordinary page costs nothing: the old addresses are looked up only for an address no
page of ours answers (a 404), and for WordPress's ``/?p=123``. Only public stories are
answered (``Article.objects.public()``): the old address of a draft or a scheduled story
stays a 404 until it is published."""

from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.utils.cache import patch_cache_control

from newsroom.middleware import is_newsroom_path

from .addresses import key_for_request, story_at


class OldAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or is_newsroom_path(request.path_info):
            return self.get_response(request)
        key = key_for_request(request)
        # WordPress's short address lives at the site's root only: ``?p=`` on any other
        # page waits for its 404 like a permalink.
        if key and key.startswith("/?p="):
            return self._moved(key) or self.get_response(request)
        response = self.get_response(request)
        if response.status_code == 404 and key:
            return self._moved(key) or response
        return response

    def _moved(self, key):
        story = story_at(key)
        if story is None:
            return None
        response = HttpResponsePermanentRedirect(story.get_absolute_url())
        patch_cache_control(response, public=True, max_age=settings.HTTP_CACHE_MAX_AGE)
        return response
