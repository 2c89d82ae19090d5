"""The old site's addresses of stories, one rule for storing and finding them.

A WordPress post has its permalink (``/2021/11/15/slug/``, the path percent-encoded) and
its short address ``/?p=123``. Each is kept as a path without its trailing slash, the
percent-encoding decoded, ``?p=`` the only query kept: ``key_for_url`` when importing,
``key_for_request`` when a reader follows one."""

import unicodedata
from urllib.parse import parse_qs, unquote, urlsplit

from articles.models import Article

MAX_LENGTH = 500


def _key(path, post_id=None):
    path = unicodedata.normalize("NFC", unquote(path or "/")).rstrip("/")
    if post_id:
        return f"{path}/?p={post_id}"
    return path or None


def _post_id(query):
    value = (parse_qs(query).get("p") or [""])[0]
    return value if value.isascii() and value.isdigit() and len(value) < 12 else None


def key_for_url(url):
    """The key of an address the export gives (a permalink or a guid), or ``None`` for
    one that names no page of its own (the home page) or is too long to keep."""
    try:
        parts = urlsplit(url or "")
    except ValueError:
        return None
    key = _key(parts.path, _post_id(parts.query))
    return key if key and len(key) <= MAX_LENGTH else None


def key_for_request(request):
    return _key(request.path_info, _post_id(request.META.get("QUERY_STRING", "")))


def story_at(key):
    """The public story whose old address is ``key``, with what its address needs."""
    return Article.objects.public().filter(old_addresses__path=key).only("pk", "slug").first()
