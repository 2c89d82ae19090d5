"""Each process keeps copies of the fragments it read or made (articles.fragments.local):
a warm page asks the cache server for the content generation only, yet a change made
anywhere (another process, another machine) is on the very next page, and the copies
stay within their memory budget."""

import datetime

import pytest
from django.utils import timezone

from articles import fragments
from articles.models import Article, Status
from newsroom.cache import new_generation
from tests.perf.test_queries import ADDRESSES
from tests.site.test_queries import Newsroom

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragment_cache")]


@pytest.fixture
def newsroom(site_settings, author, parent_section, child_section):
    newsroom = Newsroom(site_settings, author, parent_section, child_section)
    newsroom.add(45)
    return newsroom


def page(client, address):
    response = client.get(address)
    assert response.status_code == 200, address
    return response.content.decode()


@pytest.mark.parametrize("name", list(ADDRESSES))
def test_a_warm_page_asks_the_cache_server_only_for_the_generation(
    client, newsroom, cache_calls, name
):
    address = ADDRESSES[name] or newsroom.first.get_absolute_url()
    first = page(client, address)
    cache_calls.clear()

    assert page(client, address) == first
    assert cache_calls == ["get"]  # the content generation


def test_a_change_committed_elsewhere_is_on_the_next_page(client, newsroom):
    story = newsroom.first
    address = story.get_absolute_url()
    assert story.title in page(client, "/")
    assert story.title in page(client, address)

    # What another process does when it saves a story: the row changes, and once its
    # transaction commits, a new generation starts. This process was told nothing.
    Article.objects.filter(pk=story.pk).update(title="Tiêu đề sửa ở máy khác")
    new_generation()

    assert "Tiêu đề sửa ở máy khác" in page(client, "/")
    assert "Tiêu đề sửa ở máy khác" in page(client, address)
    assert story.title not in page(client, address)


def test_a_story_kept_whole_is_gone_the_moment_its_row_stops_being_public(client, newsroom):
    story = newsroom.first
    address = story.get_absolute_url()
    page(client, address)
    page(client, address)

    # Even with no new generation (a change that skipped the signals), the story's row
    # decides: the kept page is not served.
    Article.objects.filter(pk=story.pk).update(status=Status.WITHDRAWN)
    assert client.get(address).status_code == 404

    Article.objects.filter(pk=story.pk).update(
        status=Status.PUBLISHED, publication_at=timezone.now() + datetime.timedelta(hours=1)
    )
    assert client.get(address).status_code == 404


def test_the_copies_stay_within_their_budget_least_recently_used_out():
    copies = fragments.LocalCopies(budget=20_000)
    far = 4_000_000_000.0
    for number in range(40):
        copies.put(f"card:{number}", "x" * 1_000, far)
        copies.get("card:0", now=0)  # read on every page: kept

    assert copies.used <= 20_000
    assert copies.get("card:0", now=0) is not None
    assert copies.get("card:39", now=0) is not None
    assert copies.get("card:1", now=0) is None


def test_a_copy_ends_when_its_entry_does():
    copies = fragments.LocalCopies(budget=20_000)
    copies.put("latest", [1, 2, 3], 1_000.0)

    assert copies.get("latest", now=999.0)[0] == [1, 2, 3]
    assert copies.get("latest", now=1_000.0) is None
