"""The fragment cache (articles.fragments) changes how fast pages are made, never what
they show: the same HTML with it on or off, cold or warm; a change readers should see is
on the very next page once committed; a scheduled story joins the kept lists at its
minute; "most read" follows the views within the page cache's timeout; without a cache
server the pages are simply made afresh."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from articles import fragments
from articles.models import Status
from tests.site.conftest import story, views

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_settings")]


@pytest.fixture
def newsroom(author, parent_section, child_section, other_section):
    """A dozen public stories across sections, with a tag, an author and views."""
    stories = [
        story(
            title=f"Tin số {n}",
            section=[parent_section, child_section, other_section][n % 3],
            tags=["Giao thông"],
            authors=[author],
            hours_ago=n + 1,
            featured_on_home=n < 2,
        )
        for n in range(12)
    ]
    for number, article in enumerate(stories):
        views(article, 100 - number)
    return stories


def addresses(stories):
    return [
        "/",
        "/khoa-hoc/",
        "/khoa-hoc/cong-nghe/",
        "/the-thao/",
        "/tag/giao-thong/",
        "/tac-gia/thanhtung/",
        "/tim-kiem/?q=tin",
        stories[0].get_absolute_url(),
        stories[5].get_absolute_url(),
    ]


def text(client, address):
    response = client.get(address)
    assert response.status_code == 200, address
    return response.content.decode()


def test_pages_are_the_same_with_the_fragment_cache_off_cold_and_warm(client, settings, newsroom):
    settings.FRAGMENT_CACHE = False
    off = {address: text(client, address) for address in addresses(newsroom)}
    settings.FRAGMENT_CACHE = True
    cold = {address: text(client, address) for address in addresses(newsroom)}
    warm = {address: text(client, address) for address in addresses(newsroom)}

    for address in off:
        assert cold[address] == off[address], address
        assert warm[address] == off[address], address


@pytest.mark.usefixtures("fragment_cache")
def test_a_withdrawn_story_leaves_every_kept_list_once_committed(client, newsroom, commit):
    most_read = newsroom[0]
    shown_on = ["/", "/khoa-hoc/", "/tag/giao-thong/", "/tac-gia/thanhtung/"]
    for address in [*shown_on, newsroom[5].get_absolute_url()]:
        assert most_read.title in text(client, address), address

    with commit():
        most_read.status = Status.WITHDRAWN
        most_read.save()

    for address in shown_on:
        assert most_read.title not in text(client, address), address
    assert most_read.title not in text(client, newsroom[5].get_absolute_url())


@pytest.mark.usefixtures("fragment_cache")
def test_a_story_published_meanwhile_shows_once_committed(client, newsroom, child_section, commit):
    text(client, "/")
    text(client, newsroom[3].get_absolute_url())
    draft = story("in_review", title="Cầu Long Biên đóng cửa", section=child_section)

    with commit():
        draft.status = Status.PUBLISHED
        draft.publication_at = timezone.now() - datetime.timedelta(minutes=1)
        draft.save()

    assert draft.title in text(client, "/")
    assert draft.title in text(client, "/khoa-hoc/")
    assert draft.title in text(client, newsroom[3].get_absolute_url())  # "latest"


@pytest.mark.usefixtures("fragment_cache")
def test_an_edited_title_shows_on_every_card_once_committed(client, newsroom, commit):
    article = newsroom[1]
    text(client, "/")
    text(client, newsroom[4].get_absolute_url())

    with commit():
        article.title = "Tiêu đề đã sửa"
        article.save()

    assert "Tiêu đề đã sửa" in text(client, "/")
    assert "Tiêu đề đã sửa" in text(client, newsroom[4].get_absolute_url())


@pytest.mark.usefixtures("fragment_cache")
def test_a_scheduled_story_joins_the_kept_lists_at_its_minute(client, newsroom, child_section):
    live_at = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=2)
    scheduled = story("scheduled", title="Tin hẹn giờ", section=child_section, at=live_at)
    pages = ["/", "/khoa-hoc/", "/khoa-hoc/cong-nghe/", newsroom[2].get_absolute_url()]

    with time_machine.travel(live_at - datetime.timedelta(seconds=1), tick=False):
        for address in pages:
            assert scheduled.title not in text(client, address), address
    with time_machine.travel(live_at, tick=False):
        for address in pages:
            assert scheduled.title in text(client, address), address


@pytest.mark.usefixtures("fragment_cache")
def test_most_read_follows_the_views_within_the_page_cache_timeout(client, newsroom, settings):
    rising = newsroom[11]
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        box = text(client, "/").split('id="most-read-title"', 1)[1]
        assert rising.title not in box
        views(rising, 10_000)
    with time_machine.travel(start + datetime.timedelta(seconds=settings.PAGE_CACHE_TIMEOUT + 1)):
        box = text(client, "/").split('id="most-read-title"', 1)[1]
        assert box.index(rising.title) < box.index(newsroom[0].title)


@pytest.mark.usefixtures("fragment_cache")
def test_while_one_request_ranks_most_read_afresh_the_others_show_the_last_ranking(
    client, newsroom, settings
):
    from articles.views import _most_read_name

    def box():
        return text(client, "/").split('id="most-read-title"', 1)[1]

    rising = newsroom[11]
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        before = box()
        views(rising, 10_000)
    due = start + datetime.timedelta(seconds=settings.PAGE_CACHE_TIMEOUT + 1)
    ranking = fragments._key(fragments.LASTING, _most_read_name())
    with time_machine.travel(due, tick=False):
        # Another server is ranking them right now.
        assert fragments.cache.add(f"{ranking}:making", 1, 60)
        assert box() == before
        fragments.cache.delete(f"{ranking}:making")

        after = box()
    assert after.index(rising.title) < after.index(newsroom[0].title)


@pytest.mark.usefixtures("fragment_cache")
def test_without_a_cache_server_pages_are_made_afresh(client, newsroom, monkeypatch):
    expected = {address: text(client, address) for address in addresses(newsroom)}
    monkeypatch.setattr(fragments, "current_generation", lambda: None)
    newsroom[1].title = "Tiêu đề mới"
    newsroom[1].save()  # never committed: no new generation, yet seen at once

    assert "Tiêu đề mới" in text(client, "/")
    assert text(client, "/tag/giao-thong/") != expected["/tag/giao-thong/"]


@pytest.mark.usefixtures("fragment_cache")
def test_the_kept_most_read_box_closes_up_behind_a_withdrawn_story(client, newsroom, commit):
    def box():
        return text(client, "/").split('id="most-read-title"', 1)[1].split("</section>", 1)[0]

    before = box()
    assert before.count('class="most-read__item"') == 8
    with commit():
        newsroom[1].status = Status.WITHDRAWN
        newsroom[1].save()

    after = box()
    assert newsroom[1].title not in after
    assert after.count('class="most-read__item"') == 8
    assert newsroom[8].title in after and newsroom[8].title not in before
