"""With a read replica, readers' pages are made from it, and it may replay a change a few
seconds after the primary committed it (``DATABASE_REPLICA_LAG``). Whatever is made during
those seconds may lack the change: it is kept only until they are over, so a change is on
every page ``DATABASE_REPLICA_LAG`` seconds after it at the latest, and a scheduled story
still goes live at its minute.

The replica's lag is played here on the one test database: what the replica still shows
is written in SQL (telling nobody) before the reader's request, and the primary's state
written back after it."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from articles.models import Article, Status
from newsroom import db_router

from .conftest import story

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache", "site")]

LAG = 5
SECOND = datetime.timedelta(seconds=1)


@pytest.fixture
def lagging_replica(settings, monkeypatch):
    settings.DATABASE_REPLICA_LAG = LAG
    monkeypatch.setattr(db_router, "replica_in_use", lambda: True)


@pytest.fixture
def clock():
    # Ahead of the real time, to the second: a clock only ever moves forward.
    start = (timezone.now() + datetime.timedelta(days=1)).replace(microsecond=0)
    with time_machine.travel(start, tick=False) as traveller:
        yield traveller, start


def as_the_replica_has_it(article, **fields):
    Article.objects.filter(pk=article.pk).update(**fields)


def test_a_page_made_while_the_replica_lags_is_kept_only_until_it_caught_up(
    lagging_replica, clock, reader, section, commit
):
    traveller, start = clock
    article = story(title="Giá xăng tăng nhẹ", section=section)
    reader.get("/")

    with commit():
        article.title = "Giá xăng giảm mạnh"
        article.save()

    traveller.move_to(start + SECOND)
    as_the_replica_has_it(article, title="Giá xăng tăng nhẹ")
    during = reader.get("/")
    as_the_replica_has_it(article, title="Giá xăng giảm mạnh")
    assert "Giá xăng tăng nhẹ" in during.content.decode()
    # No cache may keep it past the lag either.
    assert "s-maxage=4," in during["Cache-Control"]

    traveller.move_to(start + LAG * SECOND)
    after = reader.get("/")
    assert after["X-Page-Cache"] == "miss"
    assert "Giá xăng giảm mạnh" in after.content.decode()
    assert "s-maxage=60," in after["Cache-Control"]


def test_a_story_scheduled_while_the_replica_lags_goes_live_at_its_minute(
    lagging_replica, clock, reader, section, commit
):
    traveller, start = clock
    story(title="Tin đã đăng", section=section)
    scheduled = story(state=Status.IN_REVIEW, title="Kết quả bầu cử", section=section)
    goes_live = start + datetime.timedelta(minutes=1)
    reader.get("/")

    with commit():
        scheduled.status = Status.PUBLISHED
        scheduled.publication_at = goes_live
        scheduled.save()

    traveller.move_to(start + SECOND)
    as_the_replica_has_it(scheduled, status=Status.IN_REVIEW)
    reader.get("/")
    as_the_replica_has_it(scheduled, status=Status.PUBLISHED)

    traveller.move_to(start + LAG * SECOND)
    before = reader.get("/")
    assert "Kết quả bầu cử" not in before.content.decode()
    assert "s-maxage=55," in before["Cache-Control"]

    traveller.move_to(goes_live)
    assert "Kết quả bầu cử" in reader.get("/").content.decode()
