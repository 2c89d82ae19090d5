"""Each process keeps copies of the entries it read or made (``newsroom.caching.store.near``):
a page served again reads only the versions of the cache tags from the cache server, in one
round trip, and a change saved by any other process or machine is on this process's very
next page all the same."""

import threading

import pytest
from django.core.cache import caches

from articles.models import Article
from newsroom.caching import tags
from newsroom.caching.store import Entry, NearCache

from .conftest import story

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache", "site")]


@pytest.fixture
def round_trips(monkeypatch):
    """The calls this process makes to the cache server, by method name: the outermost
    only (the local-memory backend's ``get_many`` calls its own ``get``, where Redis's is
    one MGET)."""
    calls, depth = [], threading.local()
    backend = caches["default"]
    for method in ("get", "get_many", "set", "set_many", "add", "delete", "delete_many"):
        original = getattr(backend, method)

        def counted(*args, _original=original, _method=method, **kwargs):
            outermost = not getattr(depth, "value", 0)
            if outermost:
                calls.append(_method)
            depth.value = getattr(depth, "value", 0) + 1
            try:
                return _original(*args, **kwargs)
            finally:
                depth.value -= 1

        monkeypatch.setattr(backend, method, counted)
    return calls


def test_a_page_served_again_reads_only_the_tag_versions(reader, section, round_trips):
    address = story(title="Mưa lớn ở Hà Nội", section=section).get_absolute_url()
    first = reader.get(address)
    round_trips.clear()

    again = reader.get(address)

    assert again["X-Page-Cache"] == "hit" and again.content == first.content
    assert round_trips == ["get_many"]


def test_a_change_saved_elsewhere_is_on_the_next_page(reader, section):
    article = story(title="Mưa lớn ở Hà Nội", section=section)
    address = article.get_absolute_url()
    assert "Mưa lớn ở Hà Nội" in reader.get(address).content.decode()
    assert "Mưa lớn ở Hà Nội" in reader.get("/").content.decode()

    # Another process saves the story: the row changes and, once committed, the "stories"
    # tag gets a new version. Nothing tells this process.
    Article.objects.filter(pk=article.pk).update(title="Mưa đá ở Hà Nội")
    tags.bump("stories")

    assert "Mưa đá ở Hà Nội" in reader.get(address).content.decode()
    assert "Mưa đá ở Hà Nội" in reader.get("/").content.decode()


def test_this_processs_copies_stay_within_their_budget():
    """At most ``CACHE_LOCAL_BYTES``, roughly: the least recently used copy goes first, and
    an entry larger than the whole budget is not copied at all."""
    copies = NearCache(budget=20_000)

    def entry(text):
        return Entry(text, fresh_until=0.0, made_under=())

    for number in range(10):
        copies.put(f"page:{number}", entry(f"{number}" * 4000))
        copies.get("page:0")  # read on every request: kept
    assert copies.used <= 20_000
    assert copies.get("page:0") is not None and copies.get("page:9") is not None
    assert copies.get("page:1") is None  # the least recently used

    copies.put("page:9", entry("x" * 50_000))
    assert copies.get("page:9") is None  # not even the copy it replaced
    assert copies.used <= 20_000
