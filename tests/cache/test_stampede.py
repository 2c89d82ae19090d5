"""Make-once locking (``newsroom.caching.store.MakeOnce``): when a page many readers want
is outdated, one request makes it while the others wait for it, so a change on a busy site
costs one render, not one per reader; an entry a change outdated is never served meanwhile;
only the "most read" ranking (time-bound, ``stale_ok``) is shown past its time while one
request ranks again."""

import hashlib
import html
import re
import threading
import time

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.utils import timezone

import articles.views
from articles.models import ArticleDailyViews, ArticleQuerySet, Status
from newsroom.caching import store
from newsroom.models import SiteSettings
from tests import factories

from .conftest import story

READERS = 50


def views(article, count):
    ArticleDailyViews.objects.update_or_create(
        article=article, day=timezone.localdate(), defaults={"count": count}
    )


def most_read_box(response):
    """The titles in the page's "most read" box, in the order readers see them."""
    page = response.content.decode()
    box = page.split('aria-labelledby="most-read-title"', 1)[1].split("</section>", 1)[0]
    return [
        html.unescape(title)
        for title in re.findall(r'class="card__title"><a [^>]*>([^<]*)</a>', box)
    ]


def making_lock(name):
    """The lock a request holds while it makes the entry ``name``."""
    return f"{store.key(name)}:making"


def page_name(path):
    address = f"http://testserver{path}"
    return "page:" + hashlib.md5(address.encode(), usedforsecurity=False).hexdigest()


def ranking_name():
    return f"most-read:site:{timezone.localdate():%Y%m%d}"


@pytest.fixture
def small_site(db):
    """Site settings, a masthead and a section, without the role groups: a transactional
    test empties the database after it runs, the groups the migrations made included."""
    SiteSettings(site_name="Báo Khoa học Đời sống", hotline="0904.164.838").save()
    factories.masthead()
    return factories.SectionFactory(name="Thời sự", slug="thoi-su")


def in_threads(count, work):
    """``work(number)`` in ``count`` threads released at once; their results, in order.
    Each thread's database connection is closed when it is done."""
    start = threading.Barrier(count)
    results, failures = [None] * count, []

    def run(number):
        try:
            start.wait()
            results[number] = work(number)
        except Exception as error:  # noqa: BLE001 - reported below
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert failures == []
    return results


# A stampede -------------------------------------------------------------------------------


# Committed data: each thread reads through a connection of its own.
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("page_cache")
def test_fifty_readers_right_after_a_change_make_the_page_once(small_site, monkeypatch):
    article = story(title="Giá xăng tăng nhẹ", section=small_site)
    assert "Giá xăng tăng nhẹ" in Client().get("/").content.decode()

    renders = []
    original = articles.views.render

    def slow_render(*args, **kwargs):
        renders.append(threading.current_thread().name)
        time.sleep(0.05)  # a page that takes a while to make: a wider window to race in
        return original(*args, **kwargs)

    monkeypatch.setattr(articles.views, "render", slow_render)
    article.title = "Giá xăng giảm mạnh"
    article.save()  # committed at once: the stories' version changes

    responses = in_threads(READERS, lambda number: Client().get("/"))

    assert [r.status_code for r in responses] == [200] * READERS
    assert all("Giá xăng giảm mạnh" in r.content.decode() for r in responses)
    assert not any("Giá xăng tăng nhẹ" in r.content.decode() for r in responses)
    assert len(renders) <= 2, renders
    assert sum(r["X-Page-Cache"] == "hit" for r in responses) >= READERS - 2


# Stale while one request ranks again ------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.usefixtures("page_cache", "site")
def test_the_previous_ranking_is_shown_while_another_request_ranks_again(reader, section, commit):
    first = story(title="Tin đọc nhiều nhất", section=section)
    second = story(title="Tin đọc nhiều thứ hai", section=section)
    views(first, 50)
    views(second, 10)
    assert most_read_box(reader.get("/")) == ["Tin đọc nhiều nhất", "Tin đọc nhiều thứ hai"]
    views(second, 90)

    with time_machine.travel(time.time() + django_settings.PAGE_CACHE_TIMEOUT + 1):
        # Another request is ranking again, and ranking a million stories takes a while.
        assert cache.add(making_lock(ranking_name()), 1, 30)
        started = time.monotonic()
        meanwhile = reader.get("/")
        waited = time.monotonic() - started

        assert meanwhile.status_code == 200
        assert most_read_box(meanwhile) == ["Tin đọc nhiều nhất", "Tin đọc nhiều thứ hai"]
        assert waited < store.WAIT_AT_MOST / 2

        # The previous ranking never brings back a story taken off the site meanwhile.
        with commit():
            first.status = Status.DRAFT
            first.save()
        home = reader.get("/")
        assert most_read_box(home) == ["Tin đọc nhiều thứ hai"]
        assert "Tin đọc nhiều nhất" not in home.content.decode()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("page_cache")
def test_a_reranking_for_one_page_does_not_hold_up_another(small_site, monkeypatch):
    """A reader of a story's page starts ranking again; a reader of the home page
    meanwhile gets the previous ranking at once, not after the ranking."""
    first = story(title="Tin đọc nhiều nhất", section=small_site)
    second = story(title="Tin đọc nhiều thứ hai", section=small_site)
    views(first, 50)
    views(second, 10)
    for path in ("/", first.get_absolute_url()):
        assert most_read_box(Client().get(path))[0] in {first.title, second.title}
    views(second, 90)

    ranking, done = threading.Event(), threading.Event()
    original = ArticleQuerySet.most_read

    def slow_ranking(self, *args, **kwargs):
        if threading.current_thread().name == "ranks-again":
            ranking.set()
            done.wait(timeout=10)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(ArticleQuerySet, "most_read", slow_ranking)
    monkeypatch.setattr(store, "WAIT_AT_MOST", 1.0)
    story_page = []

    def ranks_again():
        try:
            story_page.append(Client().get(first.get_absolute_url()))
        finally:
            connection.close()

    with time_machine.travel(time.time() + django_settings.PAGE_CACHE_TIMEOUT + 1):
        thread = threading.Thread(target=ranks_again, name="ranks-again")
        thread.start()
        try:
            assert ranking.wait(timeout=10), "the story's page did not start ranking"
            started = time.monotonic()
            home = Client().get("/")
            waited = time.monotonic() - started
        finally:
            done.set()
            thread.join(timeout=10)

    assert home.status_code == 200
    assert most_read_box(home) == ["Tin đọc nhiều nhất", "Tin đọc nhiều thứ hai"]
    assert waited < 0.5
    assert most_read_box(story_page[0]) == ["Tin đọc nhiều thứ hai"]


# Never an entry a change outdated ---------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.usefixtures("page_cache", "site")
@pytest.mark.parametrize("holder", ["finishes", "takes too long"])
def test_a_page_a_change_outdated_is_never_served_while_another_request_makes_it(
    reader, section, commit, monkeypatch, holder
):
    article = story(title="Giá xăng tăng nhẹ", section=section)
    assert "Giá xăng tăng nhẹ" in reader.get("/").content.decode()
    with commit():
        article.title = "Giá xăng giảm mạnh"
        article.save()

    monkeypatch.setattr(store, "WAIT_AT_MOST", 2.0 if holder == "finishes" else 0.5)
    lock = making_lock(page_name("/"))
    # Another request is making the page (and will keep nothing: it fails, say).
    assert cache.add(lock, 1, 30)
    done = threading.Timer(0.2, cache.delete, args=[lock])
    if holder == "finishes":
        done.start()

    started = time.monotonic()
    response = reader.get("/")
    waited = time.monotonic() - started
    if holder == "finishes":
        done.join()

    assert response.status_code == 200
    assert "Giá xăng giảm mạnh" in response.content.decode()
    assert "Giá xăng tăng nhẹ" not in response.content.decode()
    # It waited for the other request rather than serving what it had, until that one
    # was done or had taken too long.
    assert waited >= 0.2
    if holder == "finishes":
        assert waited < store.WAIT_AT_MOST
    else:
        assert waited >= store.WAIT_AT_MOST
