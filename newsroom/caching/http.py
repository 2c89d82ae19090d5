"""Whole pages for anonymous readers: ``cached_page``, and the HTTP caching headers
(``Cache-Control``, ``ETag``, ``Surrogate-Key``) that let a browser, a CDN or a reverse
proxy keep them exactly as long as they stay right.

A page depends on everything (every registered tag): its entry is kept until anything
readers see changes, until the next change nobody saves, for ``PAGE_CACHE_TIMEOUT``
seconds at most. Editors (a logged-in session) always get a fresh page, marked private,
that is never kept. ``PAGE_CACHE=off`` switches the page cache off."""

import hashlib
import logging
import time
from dataclasses import dataclass
from functools import partial, wraps

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotAllowed
from django.utils.cache import get_conditional_response, quote_etag

from . import store
from . import tags as tag_versions

logger = logging.getLogger(__name__)

PRIVATE = "private, no-store"
# The only methods a reader's page answers (405 with ``Allow: GET, HEAD`` otherwise).
READER_METHODS = ("GET", "HEAD")
KEPT_STATUSES = {200, 301}
# Headers set on every response as it is served, never kept with a page.
NOT_KEPT = {"cache-control", "vary", "etag", "expires", "x-page-cache", "surrogate-key"}


@dataclass(frozen=True, slots=True)
class Page:
    status: int
    headers: tuple
    content: bytes
    etag: str | None
    shareable: bool

    @classmethod
    def of(cls, response):
        etag = None
        if response.status_code == 200 and not response.streaming:
            etag = quote_etag(hashlib.md5(response.content, usedforsecurity=False).hexdigest())
        shareable = _may_share(response)
        headers = tuple((k, v) for k, v in response.items() if k.lower() not in NOT_KEPT)
        content = response.content if shareable else b""
        return cls(response.status_code, headers, content, etag, shareable)

    def response(self):
        response = HttpResponse(self.content, status=self.status)
        for name, value in self.headers:
            response[name] = value
        return response


def _may_share(response):
    """A response made for anyone: no cookie set, nothing read from the session, not
    marked private by the view."""
    if response.status_code not in KEPT_STATUSES or response.streaming or response.cookies:
        return False
    if "cookie" in response.get("Vary", "").lower():
        logger.warning("A reader's page read the session; it is not cached.")
        return False
    control = response.get("Cache-Control", "").lower()
    return "private" not in control and "no-store" not in control


def public_cache_control(seconds_left):
    """``Cache-Control`` for a page that stays right ``seconds_left`` more seconds: neither
    a browser nor a shared cache may keep it, or serve it stale while revalidating, past
    that. Stale copies when the site is failing are better than error pages."""
    left = max(0, int(seconds_left))
    max_age = min(settings.HTTP_CACHE_MAX_AGE, left)
    s_maxage = min(settings.HTTP_CACHE_S_MAXAGE, left)
    revalidate = min(settings.HTTP_CACHE_STALE_WHILE_REVALIDATE, left - max(max_age, s_maxage))
    parts = ["public", f"max-age={max_age}", f"s-maxage={s_maxage}"]
    if revalidate > 0:
        parts.append(f"stale-while-revalidate={revalidate}")
    if settings.HTTP_CACHE_STALE_IF_ERROR:
        parts.append(f"stale-if-error={settings.HTTP_CACHE_STALE_IF_ERROR}")
    return ", ".join(parts)


def is_editor(request):
    """A logged-in member of the newsroom. Readers have no session cookie, so for them
    the session is never read (and no ``Vary: Cookie`` is added)."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


def cached_page(view=None, *, timeout=None):
    """A reader's page: GET and HEAD only, kept whole for anonymous readers for
    ``timeout`` seconds at most (``PAGE_CACHE_TIMEOUT`` by default). Whatever the view
    renders (its parts included) is read under the versions read first thing."""
    if view is None:
        return partial(cached_page, timeout=timeout)

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        if request.method not in READER_METHODS:
            response = HttpResponseNotAllowed(READER_METHODS)
            response["Cache-Control"] = PRIVATE
            return response
        made = partial(_rendered, view, request, *args, **kwargs)
        if is_editor(request):
            return _uncached(request, made, editor=True)
        if not settings.PAGE_CACHE:
            return _uncached(request, made)
        return _serve(request, made, timeout or settings.PAGE_CACHE_TIMEOUT)

    # Nothing here changes state and every unsafe method is refused above: the CSRF check
    # would only turn that 405 into a 403.
    cached_view.csrf_exempt = True
    return cached_view


def _rendered(view, request, *args, **kwargs):
    response = view(request, *args, **kwargs)
    if callable(getattr(response, "render", None)):
        response = response.render()
    return response


def _uncached(request, made, editor=False):
    # An editor's page is made afresh, its parts too: what the database holds now.
    token = tag_versions.begin()[0] if settings.FRAGMENT_CACHE and not editor else None
    try:
        response = made()
    finally:
        if token is not None:
            tag_versions.end(token)
    if editor and settings.PAGE_CACHE:
        response["Cache-Control"] = PRIVATE
        response["X-Page-Cache"] = "bypass"
    return response


def _serve(request, made, timeout):
    name = (
        "page:"
        + hashlib.md5(request.build_absolute_uri().encode(), usedforsecurity=False).hexdigest()
    )
    k = store.key(name)
    copy = store.near.get(k)
    # One round trip: every tag's version, and the page when this process has no copy.
    token, versions, found = tag_versions.begin([] if copy else [k])
    ours = []

    def make():
        ours.append(made())
        return Page.of(ours[0])

    try:
        entry = copy or store.accept(k, found.get(k))
        tags = tag_versions.registered()
        entry = store.obtain(
            name, make, tags=tags, ttl=timeout, keeps=lambda page: page.shareable, found=entry
        )
        if entry is None:  # the cache is away: made for this request only
            page = make()
            until = tag_versions.fresh_until(
                tags, dict.fromkeys(tags, ("", 0)), time.time(), timeout
            )
        else:
            page, until = entry.value, entry.fresh_until
    finally:
        tag_versions.end(token)
    response = ours[0] if ours else page.response()
    response["X-Page-Cache"] = "miss" if ours else "hit"
    if not page.shareable:
        return response
    response["Cache-Control"] = public_cache_control(until - time.time())
    if settings.CDN_PURGE_URL and settings.CDN_SURROGATE_KEY:
        response["Surrogate-Key"] = settings.CDN_SURROGATE_KEY
    if page.etag:
        response["ETag"] = page.etag
        return get_conditional_response(request, etag=page.etag, response=response)
    return response
