"""Who is asking, decided from the address and the cookies alone.

The public site is one language (Vietnamese, the content's language) for everyone, so
its pages do not vary with ``Accept-Language``; the newsroom (the admin under
``/quan-tri/``, the language switch) follows each editor's choice. Anonymous readers'
pages read from the database replica; the newsroom's addresses (admin, previews) and any
request carrying a session are never stored by a shared cache. A request carrying what
no one types (NUL, bytes that are not UTF-8) is refused before any view reads it."""

from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.exceptions import BadRequest
from django.core.handlers.wsgi import get_bytes_from_wsgi
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


# The language a member of staff chose (people.Profile.language), kept in their session
# from login on, and in a cookie so that the login page speaks it too.
STAFF_LANGUAGE_KEY = "staff_language"


def staff_language(request):
    """The admin's language for this request: the person's own choice; else Vietnamese,
    whatever the browser asks for (a reporter's Chrome in English is not a choice)."""
    languages = dict(settings.LANGUAGES)
    session = getattr(request, "session", None)
    for chosen in (
        session.get(STAFF_LANGUAGE_KEY) if session is not None else None,
        request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME),
    ):
        if chosen in languages:
            return chosen
    return settings.LANGUAGE_CODE


def choose_staff_language(request, language, response=None):
    """Remember ``language`` for this person's next pages (and the login page's cookie)."""
    if language not in dict(settings.LANGUAGES):
        return
    request.session[STAFF_LANGUAGE_KEY] = language
    if response is not None:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            secure=settings.LANGUAGE_COOKIE_SECURE or settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )


class SiteLanguageMiddleware(LocaleMiddleware):
    """Django's ``LocaleMiddleware`` for the newsroom's addresses; ``LANGUAGE_CODE``,
    with no ``Vary: Accept-Language``, everywhere else."""

    def process_request(self, request):
        if request.path_info.startswith(NEWSROOM_LANGUAGE_PREFIXES):
            language = staff_language(request)
            translation.activate(language)
            request.LANGUAGE_CODE = language
            return None
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


def _unreadable(raw):
    """Whether percent-encoded ``raw`` bytes (a query string, a form's body) hold a NUL or
    bytes that are not UTF-8."""
    data = unquote_to_bytes(raw.replace(b"+", b" "))
    if b"\x00" in data:
        return True
    try:
        data.decode()
    except UnicodeDecodeError:
        return True
    return False


class UnreadableInputMiddleware:
    """A request whose address, query string, form fields or cookies hold a NUL, or whose
    query string or form holds bytes that are not UTF-8, gets a 400 before any view reads
    it. PostgreSQL refuses NUL in any text, so a lookup with one fails instead of finding
    nothing; Django would read bad bytes as U+FFFD, which then matches nothing sensible.
    (Bad bytes in the path stay percent-encoded there, and no route takes them; an upload
    form's fields are checked for NUL only, as reading its raw body would hold every file
    in memory.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            "\x00" in request.path_info
            or _unreadable(get_bytes_from_wsgi(request.META, "QUERY_STRING", ""))
            or any("\x00" in value for value in request.COOKIES.values())
            or (request.method == "POST" and self._unreadable_form(request))
        ):
            raise BadRequest("NUL or bytes that are not UTF-8 in the request")
        return self.get_response(request)

    def _unreadable_form(self, request):
        if request.content_type == "application/x-www-form-urlencoded":
            return _unreadable(request.body)
        if request.content_type == "multipart/form-data":
            return any(
                "\x00" in key or any("\x00" in value for value in values)
                for key, values in request.POST.lists()
            )
        return False
