"""Nothing unpublished reaches a reader: drafts, stories in review or returned, scheduled
stories before their minute and withdrawn ones are absent from every page and list, and a
scheduled story appears on all of them at its time."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from articles.models import Article

from .conftest import UNPUBLISHED_STATES, box_titles, story, views

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom(author, parent_section, child_section):
    """One public story, and one story in each unpublished state, all sharing the public
    one's section, tag and author, each with plenty of views today."""
    shared = {"section": child_section, "tags": ["Giao thông"], "authors": [author]}
    public = story(title="Tin đã đăng", featured_on_home=True, **shared)
    other = story(title="Tin đã đăng khác", **shared)
    hidden = [
        story(state, title=f"Tin ẩn {state}", featured_on_home=True, **shared)
        for state in UNPUBLISHED_STATES
    ]
    for article in [public, other, *hidden]:
        views(article, 1000 if article in hidden else 5)
    return public, hidden


def pages(public):
    return {
        "home": "/",
        "section": "/khoa-hoc/",
        "child section": "/khoa-hoc/cong-nghe/",
        "tag": f"/tag/{public.tags.get().slug}/",
        "author": "/tac-gia/thanhtung/",
        "story (related, latest, most read)": public.get_absolute_url(),
    }


@pytest.mark.parametrize(
    "page",
    ["home", "section", "child section", "tag", "author", "story (related, latest, most read)"],
)
def test_unpublished_stories_are_absent_from_every_page(client, newsroom, page):
    public, hidden = newsroom

    response = client.get(pages(public)[page])

    assert response.status_code == 200
    content = response.content.decode()
    assert "Tin đã đăng khác" in content or page == "home"
    for article in hidden:
        assert article.title not in content, article.status
        assert article.get_absolute_url() not in content


def test_unpublished_stories_are_absent_from_every_box(client, newsroom):
    public, hidden = newsroom
    home = client.get("/")
    story_page = client.get(public.get_absolute_url())
    boxes = [
        (home, "most-read-title"),
        (home, "latest-title"),
        (story_page, "related-title"),
        (story_page, "latest-title"),
        (story_page, "most-read-title"),
    ]
    listed = {
        title
        for page, box in boxes
        if box in page.content.decode()
        for title in box_titles(page, box)
    }

    assert listed
    assert not {article.title for article in hidden} & listed


def test_most_read_lists_only_public_stories_however_often_others_were_read(newsroom):
    titles = {s.title for s in Article.objects.most_read(10)}

    assert titles == {"Tin đã đăng", "Tin đã đăng khác"}


@pytest.mark.parametrize(
    ("offset", "visible"),
    [(-1, False), (0, True), (1, True)],
    ids=["a second before", "at the minute", "a second after"],
)
def test_scheduled_story_appears_everywhere_at_its_time(
    client, author, child_section, offset, visible
):
    at = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=2)
    scheduled = story(
        "scheduled",
        at=at,
        title="Tin hẹn giờ",
        section=child_section,
        tags=["Hẹn giờ"],
        authors=[author],
        featured_on_home=True,
    )
    views(scheduled, 50, day=timezone.localdate(at))
    anchor = story(title="Tin neo", section=child_section, tags=["Hẹn giờ"], authors=[author])
    urls = ["/", "/khoa-hoc/", "/khoa-hoc/cong-nghe/", "/tac-gia/thanhtung/"]
    urls += [f"/tag/{anchor.tags.get().slug}/", anchor.get_absolute_url()]

    with time_machine.travel(at + datetime.timedelta(seconds=offset), tick=False):
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            assert ("Tin hẹn giờ" in response.content.decode()) is visible, url
        story_status = client.get(scheduled.get_absolute_url()).status_code

    assert story_status == (200 if visible else 404)
