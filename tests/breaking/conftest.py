"""Fixtures for the breaking-news banner: every cache layer on (as in production), a
small public site, and a helper to put a banner up."""

import datetime
import uuid

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from articles.models import Status
from breaking.models import Banner, Level
from newsroom.caching.store import near
from tests import factories


@pytest.fixture
def caches_on(settings):
    """Every cache layer on: whole pages, parts of pages and this process's copies."""
    settings.PAGE_CACHE = True
    settings.FRAGMENT_CACHE = True
    settings.PAGE_CACHE_TIMEOUT = 300
    settings.CDN_PURGE_URL = ""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"breaking-{uuid.uuid4().hex}",
        }
    }
    cache.clear()
    near.clear()
    yield
    cache.clear()
    near.clear()


@pytest.fixture
def site(db):
    settings = factories.newsroom_settings()
    factories.masthead()
    return settings


@pytest.fixture
def section(db):
    return factories.SectionFactory(name="Thời sự", slug="thoi-su")


@pytest.fixture
def public_story(section):
    return factories.ArticleFactory(
        title="Bão số 9 đổ bộ miền Trung",
        slug="bao-so-9-do-bo-mien-trung",
        section=section,
        status=Status.PUBLISHED,
        publication_at=timezone.now() - datetime.timedelta(hours=1),
    )


@pytest.fixture
def reader():
    return Client()


def banner(*, text="Động đất mạnh ở Sơn La", level=Level.BREAKING, starts=-10, ends=60, **kwargs):
    """A banner from ``starts`` to ``ends`` minutes from now."""
    now = timezone.now()
    return Banner.objects.create(
        text=text,
        level=level,
        starts_at=now + datetime.timedelta(minutes=starts),
        ends_at=now + datetime.timedelta(minutes=ends),
        **kwargs,
    )
