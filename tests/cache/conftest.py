"""Fixtures for the page cache tests: the cache switched on (local memory of the test's
own), a small public site, and a fake CDN on loopback that records what it is told."""

import datetime
import http.server
import json
import threading
import uuid

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from articles.models import Status
from newsroom.caching import cdn
from newsroom.caching.store import near
from newsroom.models import SiteSettings
from tests import factories


@pytest.fixture
def page_cache(settings):
    """Every cache layer on, as in production (whole pages, parts of pages, and this
    process's copies of both), in a local-memory cache of this test's own."""
    settings.PAGE_CACHE = True
    settings.FRAGMENT_CACHE = True
    settings.PAGE_CACHE_TIMEOUT = 300
    settings.HTTP_CACHE_MAX_AGE = 30
    settings.HTTP_CACHE_S_MAXAGE = 60
    settings.HTTP_CACHE_STALE_WHILE_REVALIDATE = 30
    settings.HTTP_CACHE_STALE_IF_ERROR = 86400
    settings.CDN_PURGE_URL = ""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"pages-{uuid.uuid4().hex}",
        }
    }
    cache.clear()
    near.clear()
    yield
    cache.clear()
    near.clear()


@pytest.fixture
def site(db):
    """Site settings with a masthead, a section and an author."""
    SiteSettings(site_name="Báo Khoa học Đời sống", hotline="0904.164.838").save()
    factories.masthead()
    return SiteSettings.load()


@pytest.fixture
def section(db):
    return factories.SectionFactory(name="Thời sự", slug="thoi-su")


@pytest.fixture
def author(db):
    return factories.reporter(username="thanhtung", first_name="Thanh", last_name="Tùng")


def story(*, state="published", at=None, tags=(), authors=(), **kwargs):
    """A story: published an hour ago (or at ``at``), or in another ``state``."""
    if state == "published":
        kwargs.update(
            status=Status.PUBLISHED,
            publication_at=at or timezone.now() - datetime.timedelta(hours=1),
        )
    else:
        kwargs.update(status=state)
    article = factories.ArticleFactory(**kwargs)
    if tags:
        article.tags.add(*tags)
    if authors:
        article.authors.add(*authors)
    return article


@pytest.fixture
def reader():
    """An anonymous reader's browser: no cookie at all."""
    return Client()


# A fake CDN ------------------------------------------------------------------------------


class FakeCDN(http.server.ThreadingHTTPServer):
    """Records every request as ``(method, path, headers, json body)``."""

    daemon_threads = True

    def __init__(self, delay=0.0, status=200):
        self.received, self.delay, self.status = [], delay, status
        super().__init__(("127.0.0.1", 0), _Handler)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}/purge"

    def urls(self):
        return set().union(*(set(body["urls"]) for _m, _p, _h, body in self.received))


class _Handler(http.server.BaseHTTPRequestHandler):
    def _record(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        if self.server.delay:
            threading.Event().wait(self.server.delay)
        self.server.received.append((self.command, self.path, dict(self.headers), body))
        self.send_response(self.server.status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = do_PURGE = _record

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_cdn(settings):
    """A CDN purge endpoint on loopback, set as ``CDN_PURGE_URL``."""
    server = FakeCDN()
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    settings.CDN_PURGE_URL = server.url
    settings.CDN_SURROGATE_KEY = "toasoan"
    settings.SITE_URL = "https://baokhoahoc.example"
    yield server
    assert cdn.wait(), "a purge request was still pending"
    server.shutdown()
    server.server_close()
