"""Fixtures for the performance tests: the reader's site fixtures (tests/site), the parts
of pages kept (``FRAGMENT_CACHE``) in a local-memory cache of the test's own, and running
what waits for a commit."""

import uuid

import pytest
from django.core.cache import cache

from newsroom.caching.store import near
from tests.site.conftest import (  # noqa: F401 - fixtures, found by pytest by name
    author,
    child_section,
    other_section,
    parent_section,
    site_settings,
)


@pytest.fixture
def fragment_cache(settings):
    """Parts of pages kept, as in production (the whole-page cache stays off), in a cache
    of this test's own and in this process's copies, both empty at the start and end."""
    settings.FRAGMENT_CACHE = True
    settings.PAGE_CACHE_TIMEOUT = 300
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"fragments-{uuid.uuid4().hex}",
        }
    }
    cache.clear()
    near.clear()
    yield
    cache.clear()
    near.clear()
