"""The home page shows the live edition's slots, with every cache layer on as readers get
it: right after publishing, at a scheduled minute with nobody saving, overrides in the
slot only, a withdrawn story replaced at once, empty slots filled without repeats."""

import datetime
import html

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Status
from frontpage import layouts
from frontpage.models import Edition
from newsroom.caching.store import near

from .conftest import edition

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reader_caches")]
MINUTE = datetime.timedelta(minutes=1)


def home(client):
    response = client.get("/")
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def top(page):
    """The top stories region of the home page."""
    return page.split('class="home-top"', 1)[1].split("</section>", 1)[0]


def test_the_lead_is_the_editors_choice_after_publishing(client, stories):
    oldest = stories[-1]
    assert oldest.title not in top(home(client))

    edition(lead=[oldest])

    assert top(home(client)).index(oldest.title) < top(home(client)).index(stories[0].title)


def test_a_scheduled_edition_goes_live_at_its_minute_with_nobody_saving(client, stories):
    now = timezone.now().replace(second=0, microsecond=0)
    with time_machine.travel(now, tick=False):
        edition(status=Edition.Status.SCHEDULED, publish_at=now + 10 * MINUTE, lead=[stories[-1]])
        assert stories[-1].title not in top(home(client))
    with time_machine.travel(now + 10 * MINUTE - datetime.timedelta(seconds=1), tick=False):
        assert stories[-1].title not in top(home(client))
    with time_machine.travel(now + 10 * MINUTE, tick=False):
        assert stories[-1].title in top(home(client))


def test_overrides_show_in_the_slot_only(client, stories):
    story = stories[-1]
    edition(lead=[(story, {"title": "Tiêu đề riêng cho trang chủ"})])

    assert "Tiêu đề riêng cho trang chủ" in top(home(client))
    # Elsewhere the story keeps its own title.
    page = html.unescape(client.get(f"/{story.section.slug}/").content.decode())
    assert story.title in page
    assert "Tiêu đề riêng cho trang chủ" not in page


def test_a_withdrawn_story_leaves_its_slot_at_once(client, stories):
    story = stories[-1]
    edition(lead=[story])
    assert story.title in top(home(client))

    story.status = Status.DRAFT
    story.save()

    page = home(client)
    assert story.title not in page
    assert stories[0].title in top(page)


def test_empty_slots_are_filled_from_the_newest_and_nothing_is_shown_twice(client, stories):
    edition(lead=[stories[3]], subleads=[stories[0]])
    page = home(client).split("layout__aside", 1)[0]  # the main column
    for story in stories:
        assert page.count(f">{story.title}<") <= 1, story.title
    # The lead and the first sub-lead as chosen, the other sub-leads the newest left.
    chosen = [stories[n].title for n in (3, 0, 1, 2, 4)]
    assert [top(page).index(title) for title in chosen] == sorted(
        top(page).index(title) for title in chosen
    )
    assert len(chosen) == layouts.HOME[layouts.LEAD][1] + layouts.HOME[layouts.SUBLEADS][1]


def test_queries_do_not_grow_with_the_slots(client, stories, reader_caches):
    def count():
        with CaptureQueriesContext(connection) as queries:
            home(client)
        return len(queries)

    home(client)  # the site's settings made once, as on any first visit
    edition(lead=[stories[0]])
    cache.clear()
    near.clear()
    one = count()
    Edition.objects.all().delete()
    edition(
        lead=[stories[0]],
        subleads=stories[1:5],
        spotlight=stories[5:8],
    )
    cache.clear()
    near.clear()
    assert count() == one
    if reader_caches == "caches-off":
        # The home page's three, and the live edition (with the topic it features) and its
        # slots: two queries however many slots (one when no edition is live), their
        # public stories read with the home page's.
        with CaptureQueriesContext(connection) as queries:
            home(client)
        mine = [q for q in queries if "frontpage_" in q["sql"]]
        assert len(mine) == 2
        stories_read = [q for q in queries if q["sql"].startswith('SELECT "articles_article"')]
        assert len(stories_read) <= 2  # the home page's one, as without a board
