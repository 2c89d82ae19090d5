"""Each process keeps copies of the entries it read or made (``newsroom.caching.store.near``,
a ``NearCache``): a warm page costs one round trip to the cache server (every tag's
version) and no query, yet a change made anywhere (another process, another machine) is on
the very next page; the copies stay within their memory budget, least recently used out,
whatever threads use them at once."""

import datetime
import sys
import threading
import time
import uuid

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, Status
from newsroom import caching
from newsroom.caching import store, tags
from newsroom.caching.store import Entry, NearCache
from tests import optional
from tests.perf.test_queries import ADDRESSES
from tests.site.test_queries import Newsroom


@pytest.fixture(params=["parts", "pages and parts"])
def layers(request, settings, fragment_cache):
    """The parts of pages kept; then also whole pages, as readers get them."""
    settings.PAGE_CACHE = request.param == "pages and parts"
    return request.param


@pytest.fixture
def redis(request, settings, fragment_cache):
    """The cache server as in production (Redis: one ``get_many`` is one round trip), under
    a key prefix of this test's own."""
    optional.require(request, "redis")
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.caching.redis.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:6379/6",
            "KEY_PREFIX": f"toasoan-copies-{uuid.uuid4().hex}",
        }
    }
    store.near.clear()
    yield
    cache.clear()
    store.near.clear()


@pytest.fixture
def newsroom(db, site_settings, author, parent_section, child_section):
    newsroom = Newsroom(site_settings, author, parent_section, child_section)
    newsroom.add(45)
    return newsroom


def page(client, address):
    response = client.get(address)
    assert response.status_code == 200, address
    return response.content.decode()


def read(client, address):
    """``(html, queries)`` of a reader's page."""
    with CaptureQueriesContext(connection) as captured:
        html = page(client, address)
    return html, len(captured)


# A warm page ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(ADDRESSES))
def test_a_warm_page_costs_one_round_trip_to_the_cache_server(
    client, layers, redis, newsroom, cache_calls, name
):
    address = ADDRESSES[name] or newsroom.first.get_absolute_url()
    first = page(client, address)
    cache_calls.clear()

    html, queries = read(client, address)

    assert html == first
    assert cache_calls == ["get_many"]  # every tag's version, at once
    if layers == "pages and parts":
        assert queries == 0


@pytest.mark.parametrize("name", list(ADDRESSES))
def test_a_page_kept_by_another_process_costs_one_round_trip_too(
    client, settings, redis, newsroom, cache_calls, name
):
    settings.PAGE_CACHE = True
    address = ADDRESSES[name] or newsroom.first.get_absolute_url()
    first = page(client, address)
    store.near.clear()  # this process never saw it
    cache_calls.clear()

    response = client.get(address)
    with CaptureQueriesContext(connection) as captured:
        again = client.get(address)

    assert response["X-Page-Cache"] == again["X-Page-Cache"] == "hit"
    assert response.content.decode() == first
    assert cache_calls == ["get_many", "get_many"]  # the versions and the page; the versions
    assert len(captured) == 0


# Changes made elsewhere -------------------------------------------------------------------


@pytest.mark.django_db
def test_a_change_committed_elsewhere_is_on_the_next_page(client, layers, newsroom):
    story = newsroom.first
    address = story.get_absolute_url()
    assert story.title in page(client, "/")
    assert story.title in page(client, address)

    # What another process does when it saves a story: the row changes, and once its
    # transaction commits, the tag gets a new version. This process was told nothing.
    Article.objects.filter(pk=story.pk).update(title="Tiêu đề sửa ở máy khác")
    tags.bump("stories")

    assert "Tiêu đề sửa ở máy khác" in page(client, "/")
    assert "Tiêu đề sửa ở máy khác" in page(client, address)
    assert story.title not in page(client, address)


@pytest.mark.django_db
def test_a_story_changed_in_bulk_leaves_its_page_at_once(
    client, layers, newsroom, django_capture_on_commit_callbacks
):
    # A command or the shell changing stories with QuerySet.update: no save, no signal,
    # yet the change is on the next page, every layer on.
    story = newsroom.first
    address = story.get_absolute_url()
    page(client, address)
    page(client, address)

    with django_capture_on_commit_callbacks(execute=True):
        Article.objects.filter(pk=story.pk).update(status=Status.WITHDRAWN)
    assert client.get(address).status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        Article.objects.filter(pk=story.pk).update(
            status=Status.PUBLISHED, publication_at=timezone.now() + datetime.timedelta(hours=1)
        )
    assert client.get(address).status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        Article.objects.filter(pk=story.pk).update(title="Tiêu đề sửa hàng loạt")
    assert client.get(address).status_code == 404  # still scheduled
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=1, minutes=1)):
        assert "Tiêu đề sửa hàng loạt" in page(client, address)


@pytest.mark.django_db
def test_a_copy_here_is_not_used_once_another_process_changed_the_tag(fragment_cache):
    assert caching.remember("x", lambda: "first", tags=["stories"], ttl=60) == "first"
    assert caching.remember("x", lambda: "second", tags=["stories"], ttl=60) == "first"

    tags.bump("stories")  # in another process: this one was told nothing

    assert caching.remember("x", lambda: "second", tags=["stories"], ttl=60) == "second"


@pytest.mark.django_db
def test_a_copy_ends_when_its_entry_does(fragment_cache):
    start = time.time()
    with time_machine.travel(start, tick=False):
        assert caching.remember("ranking", lambda: [1, 2, 3], ttl=60) == [1, 2, 3]
    with time_machine.travel(start + 59, tick=False):
        assert caching.remember("ranking", lambda: [3, 2, 1], ttl=60) == [1, 2, 3]
    with time_machine.travel(start + 60, tick=False):
        assert caching.remember("ranking", lambda: [3, 2, 1], ttl=60) == [3, 2, 1]


# The budget ---------------------------------------------------------------------------------


def entry(value):
    return Entry(value, fresh_until=4_000_000_000.0, made_under=())


def test_the_copies_stay_within_their_budget_least_recently_used_out():
    copies = NearCache(budget=20_000)
    for number in range(40):
        copies.put(f"card:{number}", entry("x" * 1_000))
        copies.get("card:0")  # read on every page: kept

    assert copies.used <= 20_000
    assert copies.get("card:0") is not None
    assert copies.get("card:39") is not None
    assert copies.get("card:1") is None
    assert copies.used == sum(size for _entry, size in copies.entries.values())


def test_a_copy_replaced_counts_once_and_one_too_big_is_not_kept():
    copies = NearCache(budget=20_000)
    copies.put("latest", entry("x" * 1_000))
    copies.put("latest", entry("y" * 1_000))
    assert copies.get("latest").value == "y" * 1_000
    assert copies.used == sys.getsizeof("y" * 1_000)

    copies.put("huge", entry("z" * 30_000))  # bigger than the whole budget
    assert copies.get("huge") is None
    assert copies.get("latest") is not None  # nothing else let go for it


def test_the_copies_are_safe_across_threads():
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns as often as they can
    copies = NearCache(budget=50_000)
    failures = []

    def work(number):
        try:
            for step in range(3_000):
                copies.put(f"k{(number * 37 + step) % 200}", entry("x" * (step % 700)))
                copies.get(f"k{step % 200}")
        except Exception as error:
            failures.append(error)

    threads = [threading.Thread(target=work, args=(number,)) for number in range(8)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)

    assert failures == []
    assert copies.used == sum(size for _entry, size in copies.entries.values())
    assert copies.used <= 50_000
