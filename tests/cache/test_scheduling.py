"""Scheduled stories with the page cache on: no page, stored by Django or by any HTTP
cache that honours our headers, outlives the minute a scheduled story goes live. Time is
frozen one second before, at and one second after that minute."""

import datetime

import pytest
import time_machine
from django.core.cache import cache

from articles.models import Status
from newsroom.caching.http import public_cache_control
from newsroom.caching.store import near

from .conftest import story

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache", "site")]

VN = datetime.timezone(datetime.timedelta(hours=7))
GOES_LIVE = datetime.datetime(2026, 3, 10, 10, 0, tzinfo=VN)
SECOND = datetime.timedelta(seconds=1)

PAGES = {
    "home": "/",
    "section": "/thoi-su/",
    "tag": "/tag/bau-cu/",
    "feed": "/rss/",
    "section feed": "/thoi-su/rss/",
    "news sitemap": "/sitemap-news.xml",
    "sitemap": "/sitemap-stories.xml",
}


@pytest.fixture
def clock():
    with time_machine.travel(GOES_LIVE - datetime.timedelta(hours=2), tick=False) as traveller:
        yield traveller


@pytest.fixture
def scheduled(clock, section):
    # A public story already shares the tag, so the tag page exists before the minute.
    story(title="Tin đã đăng", section=section, tags=["Bầu cử"])
    return story(
        title="Kết quả bầu cử",
        section=section,
        tags=["Bầu cử"],
        at=GOES_LIVE,
        state="published",
    )


@pytest.mark.parametrize("page", PAGES)
def test_a_scheduled_story_is_on_every_page_at_its_minute(reader, clock, scheduled, page):
    path, marker = PAGES[page], scheduled.slug
    clock.move_to(GOES_LIVE - SECOND)
    before = reader.get(path)
    again = reader.get(path)
    assert marker not in before.content.decode()
    assert again["X-Page-Cache"] == "hit"
    # One second left: no cache may keep the page longer, or serve it stale meanwhile.
    assert "max-age=1," in before["Cache-Control"] and "s-maxage=1" in before["Cache-Control"]
    assert "stale-while-revalidate" not in before["Cache-Control"]

    clock.move_to(GOES_LIVE)
    at = reader.get(path)
    assert marker in at.content.decode()

    clock.move_to(GOES_LIVE + SECOND)
    after = reader.get(path)
    assert marker in after.content.decode()
    assert after["X-Page-Cache"] == "hit"


def test_the_story_page_itself_opens_at_its_minute(reader, clock, scheduled):
    clock.move_to(GOES_LIVE - SECOND)
    assert reader.get(scheduled.get_absolute_url()).status_code == 404
    clock.move_to(GOES_LIVE)
    assert reader.get(scheduled.get_absolute_url()).status_code == 200


def test_a_page_stored_long_before_the_minute_is_not_served_after_it(reader, clock, scheduled):
    clock.move_to(GOES_LIVE - datetime.timedelta(minutes=4))
    assert "Kết quả bầu cử" not in reader.get("/").content.decode()
    clock.move_to(GOES_LIVE - SECOND)
    assert reader.get("/")["X-Page-Cache"] == "hit"
    clock.move_to(GOES_LIVE)
    assert "Kết quả bầu cử" in reader.get("/").content.decode()


@pytest.mark.parametrize(
    ("before_live", "expected"),
    [
        (
            datetime.timedelta(hours=1),
            "public, max-age=30, s-maxage=60, stale-while-revalidate=30, stale-if-error=86400",
        ),
        (
            datetime.timedelta(seconds=75),
            "public, max-age=30, s-maxage=60, stale-while-revalidate=15, stale-if-error=86400",
        ),
        (
            datetime.timedelta(seconds=20),
            "public, max-age=20, s-maxage=20, stale-if-error=86400",
        ),
    ],
)
def test_http_lifetimes_end_by_the_minute(reader, clock, scheduled, before_live, expected):
    clock.move_to(GOES_LIVE - before_live)
    assert reader.get("/")["Cache-Control"] == expected
    # The same bound when the page comes from the cache a little later.
    clock.move_to(GOES_LIVE - before_live + datetime.timedelta(seconds=5))
    later = reader.get("/")
    assert later["X-Page-Cache"] == "hit"
    assert later["Cache-Control"] == public_cache_control(before_live.total_seconds() - 5)


def test_rescheduling_earlier_moves_the_bound(reader, clock, scheduled, editor, commit):
    from articles import workflow

    clock.move_to(GOES_LIVE - datetime.timedelta(minutes=30))
    reader.get("/")
    with commit():
        workflow.transition(
            scheduled, "publish", editor, publication_at=GOES_LIVE - datetime.timedelta(minutes=10)
        )
    assert "s-maxage=60" in reader.get("/")["Cache-Control"]
    clock.move_to(GOES_LIVE - datetime.timedelta(minutes=10))
    assert "Kết quả bầu cử" in reader.get("/").content.decode()


def test_the_date_in_the_header_turns_at_midnight(reader, section):
    story(section=section, at=datetime.datetime(2026, 3, 9, 8, 0, tzinfo=VN))
    midnight = datetime.datetime(2026, 3, 11, 0, 0, tzinfo=VN)
    with time_machine.travel(midnight - SECOND, tick=False) as clock:
        # The site was set up at the real time, after 10 March 2026: what was worked out
        # then (the next midnight) lies in a future that has not come. Start as a site
        # running on 10 March would.
        cache.clear()
        near.clear()
        assert "10/03/2026" in reader.get("/").content.decode()
        assert reader.get("/")["X-Page-Cache"] == "hit"
        clock.move_to(midnight)
        assert "11/03/2026" in reader.get("/").content.decode()


def test_a_withdrawn_scheduled_story_no_longer_bounds_the_pages(
    reader, clock, scheduled, editor, commit
):
    from articles import workflow

    clock.move_to(GOES_LIVE - datetime.timedelta(seconds=20))
    assert "s-maxage=20" in reader.get("/")["Cache-Control"]
    with commit():
        workflow.transition(scheduled, "withdraw", editor, comment="Chưa có kết quả chính thức.")
    assert scheduled.status == Status.WITHDRAWN
    assert "s-maxage=60" in reader.get("/")["Cache-Control"]
