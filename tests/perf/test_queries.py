"""Query ceilings with the fragment cache on: at most 8 queries on every public page
whether its fragments are kept yet (cold) or not (warm), the same with 5 stories as with
200, and fewer once warm."""

import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom.cache import current_generation, fresh_until
from newsroom.models import SiteSettings
from tests.site.test_queries import CEILINGS, Newsroom

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragment_cache")]

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
# Once warm, a story costs the story itself (its visibility and address); a tag's or an
# author's list, the tag or the author; a search, its page of stories (for the snippets).
WARM = {
    "home": 0,
    "section": 0,
    "section page 2": 0,
    "child section": 0,
    "tag": 1,
    "author": 1,
    "search": 2,
    "story": 1,
}


def queries(client, address):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200, address
    return len(captured)


def cold_and_warm(client, address):
    client.get(address)  # site settings and content types cached, as on a live site
    cache.clear()
    SiteSettings.load()
    # Once per content generation for the whole site, not per page: when the next
    # scheduled story goes live, which bounds how long anything is kept.
    fresh_until(current_generation(), time.time())
    cold = queries(client, address)
    return cold, queries(client, address)


@pytest.mark.parametrize("page", list(ADDRESSES))
def test_page_runs_at_most_8_queries_cold_or_warm_with_5_or_200_stories(
    client, site_settings, author, parent_section, child_section, page
):
    newsroom = Newsroom(site_settings, author, parent_section, child_section)
    newsroom.add(45)
    address = ADDRESSES[page] or newsroom.first.get_absolute_url()

    few = cold_and_warm(client, address)
    newsroom.add(155)
    many = cold_and_warm(client, address)

    assert few == many
    cold, warm = many
    assert cold <= CEILINGS.get(page, 8) <= 8
    assert warm <= WARM[page]
