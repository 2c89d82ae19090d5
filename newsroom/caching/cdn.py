"""Telling the CDN (or the Varnish/nginx cache in front of the site) that pages changed.

When ``CDN_PURGE_URL`` is set, every committed content change sends one request there:

    POST <CDN_PURGE_URL>            (CDN_PURGE_METHOD: POST by default, PURGE for Varnish)
    Content-Type: application/json
    Surrogate-Key: <CDN_SURROGATE_KEY>
    Authorization: Bearer <CDN_PURGE_TOKEN>        (when set)

    {"surrogate_keys": ["toasoan"], "urls": ["https://example.vn/", …]}

Every cached reader's page carries the surrogate key, so purging the key refreshes them
all (a published story changes the "latest" lists on every page); ``urls`` names the pages
most directly concerned, for CDNs that can only purge by address.

Requests go from a background thread, a few changes merged into one request: an
editor's save never waits on the CDN, and a CDN that is down is logged, not raised."""

import json
import logging
import threading
import urllib.error
import urllib.request
from urllib.parse import urljoin

from django.conf import settings

logger = logging.getLogger(__name__)

_pending = []
_condition = threading.Condition()
_worker = None
_busy = False


def pages_changed(paths=()):
    """Queue a purge of ``paths`` (site paths such as ``/thoi-su/``) and of the site's
    surrogate key. Does nothing without ``CDN_PURGE_URL``."""
    if not settings.CDN_PURGE_URL:
        return
    base = settings.SITE_URL.rstrip("/") + "/"
    urls = {urljoin(base, "/"), *(urljoin(base, path) for path in paths)}
    global _worker
    with _condition:
        _pending.append(urls)
        if _worker is None or not _worker.is_alive():
            _worker = threading.Thread(target=_work, name="cdn-purge", daemon=True)
            _worker.start()
        _condition.notify_all()


def wait(timeout=5.0):
    """Block until every queued purge has been sent (or has failed); for tests and for
    management commands that exit right after a change. ``True`` when all were sent."""
    with _condition:
        return _condition.wait_for(lambda: not _pending and not _busy, timeout)


def _work():
    global _busy
    while True:
        with _condition:
            _condition.wait_for(lambda: _pending)
            urls = set().union(*_pending)
            _pending.clear()
            _busy = True
        try:
            send(sorted(urls))
        finally:
            with _condition:
                _busy = False
                _condition.notify_all()


def send(urls):
    """One purge request for ``urls``; ``True`` when the CDN accepted it."""
    endpoint = settings.CDN_PURGE_URL
    if not endpoint.startswith(("http://", "https://")):
        logger.error("CDN_PURGE_URL must be an http(s) address, not %r.", endpoint)
        return False
    keys = [settings.CDN_SURROGATE_KEY] if settings.CDN_SURROGATE_KEY else []
    body = json.dumps({"surrogate_keys": keys, "urls": urls}).encode()
    headers = {"Content-Type": "application/json", "User-Agent": "toasoan-purge"}
    if keys:
        headers["Surrogate-Key"] = " ".join(keys)
    if settings.CDN_PURGE_TOKEN:
        headers["Authorization"] = f"Bearer {settings.CDN_PURGE_TOKEN}"
    # The scheme is checked above: http(s) only.
    request = urllib.request.Request(  # noqa: S310
        endpoint, data=body, headers=headers, method=settings.CDN_PURGE_METHOD
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.CDN_PURGE_TIMEOUT) as answer:  # noqa: S310
            answer.read()
    except (urllib.error.URLError, OSError, ValueError) as error:
        logger.error(
            "CDN purge of %d pages failed (%s): they stay cached until their s-maxage.",
            len(urls),
            error,
        )
        return False
    return True
