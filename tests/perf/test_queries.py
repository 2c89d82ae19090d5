"""Query ceilings with every cache layer on, the same with 45 stories as with 200:

- after a story changes (the commonest change: every page that lists stories is made
  again), a page costs at most 4 queries of its own once the values every page shares
  are made again (the next scheduled time, "latest", the "most read" ranking);
- with every cache empty (a deploy that changed what entries hold, Redis restarted),
  at most those 4 plus the 12 shared values, each read once for the whole site: site
  settings and masthead, the comment settings, the section tree, "latest", the ranking,
  the live banners, and the clocks of what changes with nobody saving (the next
  scheduled story, banner, front-page edition and end of live coverage, the weather
  reading's age), one indexed lookup each (and a story's page reads its live coverage,
  corrections, topics, galleries and readers' comments (two queries), each kept under
  its own tag: none of them again when a story changes);
- warm, nothing at all: the page is kept whole."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom.caching import tags
from newsroom.caching.store import near
from tests.conftest import switch_caches_on
from tests.site.test_queries import Newsroom

pytestmark = pytest.mark.django_db

ADDRESSES = {
    "home": "/",
    "section": "/khoa-hoc/",
    "section page 2": "/khoa-hoc/?page=2",
    "child section": "/khoa-hoc/cong-nghe/",
    "tag": "/tag/giao-thong/",
    "author": "/tac-gia/thanhtung/",
    "search": "/tim-kiem/?q=tin",
    "story": None,
}
OWN = 4
SHARED = 12
STORY_PARTS = 6


def queries(client, address):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200, address
    return len(captured)


def counts(client, newsroom, address):
    """``(every cache empty, after a story change, warm)``."""
    cache.clear()
    near.clear()
    empty = queries(client, address)
    tags.bump("stories")
    # Another story's page and the home page make what pages share.
    client.get(newsroom.other.get_absolute_url())
    client.get("/")
    changed = queries(client, address) if address != "/" else None
    return empty, changed, queries(client, address)


@pytest.fixture
def newsroom(settings, site_settings, author, parent_section, child_section):
    switch_caches_on(settings)
    near.clear()
    newsroom = Newsroom(site_settings, author, parent_section, child_section)
    newsroom.add(45)
    newsroom.other = newsroom.story_with_a_tag_of_its_own()
    return newsroom


@pytest.mark.parametrize("page", list(ADDRESSES))
def test_a_page_costs_a_few_queries_of_its_own_after_a_change_and_none_warm(client, newsroom, page):
    address = ADDRESSES[page] or newsroom.first.get_absolute_url()

    few = counts(client, newsroom, address)
    newsroom.add(155)
    many = counts(client, newsroom, address)

    assert few == many
    empty, changed, warm = many
    assert changed is None or changed <= OWN
    assert empty <= OWN + SHARED + (STORY_PARTS if page == "story" else 0)
    assert warm == 0


def test_the_home_page_after_a_change_costs_its_lists_and_nothing_more(client, newsroom):
    client.get("/")
    tags.bump("stories")
    client.get(newsroom.other.get_absolute_url())  # "latest" and "most read" made again

    # Its lists (one UNION of bounded subqueries); the next scheduled time is known.
    assert queries(client, "/") <= 1
