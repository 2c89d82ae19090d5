"""Who is asking, decided from the address and the cookies alone.

The public site is one language (Vietnamese, the content's language) for everyone, so
its pages do not vary with ``Accept-Language``; the newsroom (the admin under
``/quan-tri/``, the language switch) follows each editor's choice. Anonymous readers'
pages read from the database replica; the newsroom's addresses (admin, previews) and any
request carrying a session are never stored by a shared cache."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from .db_router import reader_request

# Addresses where the editor's own language applies: the admin (images.urls lives under
# it) and Django's set_language view.
NEWSROOM_LANGUAGE_PREFIXES = ("/quan-tri/", "/i18n/")
# Addresses for the newsroom only: never in a shared cache, always from the primary.
NEWSROOM_PREFIXES = (*NEWSROOM_LANGUAGE_PREFIXES, "/xem-truoc/")


def has_session(request):
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def is_newsroom_path(path):
    return path.startswith(NEWSROOM_PREFIXES)


class SiteLanguageMiddleware(LocaleMiddleware):
    """Django's ``LocaleMiddleware`` for the newsroom's addresses; ``LANGUAGE_CODE``,
    with no ``Vary: Accept-Language``, everywhere else."""

    def process_request(self, request):
        if request.path_info.startswith(NEWSROOM_LANGUAGE_PREFIXES):
            return super().process_request(request)
        translation.activate(settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        return None

    def process_response(self, request, response):
        if request.path_info.startswith(NEWSROOM_LANGUAGE_PREFIXES):
            return super().process_response(request, response)
        response.headers.setdefault("Content-Language", settings.LANGUAGE_CODE)
        return response


class ReaderRoutingMiddleware:
    """An anonymous reader's ``GET`` of a public page reads from the replica (when there
    is one); see ``newsroom.db_router``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method in ("GET", "HEAD")
            and not has_session(request)
            and not is_newsroom_path(request.path_info)
        ):
            with reader_request():
                return self.get_response(request)
        return self.get_response(request)


class NewsroomPrivateMiddleware:
    """``Cache-Control: private, no-store`` on every newsroom address's response that
    does not already forbid storing it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_newsroom_path(request.path_info) and "no-store" not in response.get(
            "Cache-Control", ""
        ):
            response["Cache-Control"] = "private, no-store"
        return response
