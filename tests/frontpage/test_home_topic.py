"""A topic (or series) shown on the home page as a box after the spotlight: an editor picks
it on the home board (saved with the slots, under the same version lock; a bad choice
saves nothing), and readers see its title, cover, description and newest public stories
(pinned ones first), with every cache layer on as with none: a scheduled edition's topic
at its minute, a story leaving the site leaving the box at once, a renamed topic at once.
An inactive topic or one without a public story shows no box. Fixed queries."""

import datetime
import html

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Status
from demo import day_frontpage, day_topics
from frontpage import editing
from frontpage.models import Board, Edition
from newsroom.caching import tags
from newsroom.caching.store import near
from tests import factories
from tests.conftest import switch_caches_on
from tests.factories import form_data, in_vietnamese
from topics.models import Topic, TopicStory

from .conftest import edition

pytestmark = pytest.mark.django_db
MINUTE = datetime.timedelta(minutes=1)
REFUSED = "Unknown or inactive topic: choose an active topic or series, or none."
CONFLICT = (
    "Someone else saved this board while you were editing it. Your changes were "
    "not saved: reload the board to see theirs."
)


# Helpers


def text(response):
    return html.unescape(response.content.decode())


def home(client):
    response = client.get("/")
    assert response.status_code == 200
    return text(response)


def box(page):
    """The topic box of a home page, "" when there is none."""
    if 'class="section-block topic-box"' not in page:
        return ""
    return page.split('class="section-block topic-box"', 1)[1].split("</section>", 1)[0]


def titles_in(region, stories):
    """The titles of ``stories`` shown in ``region``, in the order it shows them."""
    shown = [story for story in stories if f">{story.title}<" in region]
    return [story.title for story in sorted(shown, key=lambda s: region.index(f">{s.title}<"))]


def story(section, title, minutes_ago=60, **kwargs):
    at = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    defaults = {"status": Status.PUBLISHED, "publication_at": at, "first_published_at": at}
    return factories.ArticleFactory(section=section, title=title, **{**defaults, **kwargs})


@pytest.fixture
def caches_on(settings, monkeypatch):
    """Every cache layer on, as readers get the site; what waits for the commit (the new
    versions of the tags) runs at once, as right after the save in production."""
    switch_caches_on(settings)
    for each in connections.all():
        monkeypatch.setattr(each, "on_commit", lambda func, robust=False: func())


@pytest.fixture
def cover(db):
    return factories.ImageFactory(alt_text="Mưa lớn trên quốc lộ 1A")


@pytest.fixture
def topic(db, cover):
    return Topic.objects.create(
        title="Mùa mưa bão miền Trung",
        description="Các tỉnh miền Trung bước vào cao điểm mưa lũ.",
        cover=cover,
    )


@pytest.fixture
def in_topic(topic, section, stories):
    """Five public stories of the topic (the 3rd newest pinned), a scheduled one, a draft
    and a withdrawn one; the site's own newest stories (``stories``) are in no topic."""
    made = [story(section, f"Bão số {n}: tin thứ {n}", minutes_ago=30 + n * 60) for n in range(5)]
    for n, each in enumerate(made):
        TopicStory.objects.create(topic=topic, story=each, pinned=n == 2, order=1)
    hidden = [
        story(section, "Tin hẹn giờ về bão", minutes_ago=-60),
        story(section, "Bản nháp về bão", status=Status.DRAFT),
        story(section, "Tin đã gỡ về bão", status=Status.WITHDRAWN),
    ]
    for each in hidden:
        TopicStory.objects.create(topic=topic, story=each, pinned=True)
    return made


@pytest.fixture
def reader(client_for):
    """A reader of a site with its settings and masthead, as on a live site."""
    factories.newsroom_settings()
    return client_for(None)


# What readers see (caches on and off)


@pytest.mark.usefixtures("reader_caches")
def test_the_box_shows_the_topic_and_its_three_newest_public_stories_pinned_first(
    reader, topic, in_topic
):
    assert box(home(reader)) == ""
    edition(lead=[in_topic[4]], topic=topic)

    page = home(reader)
    shown = box(page)
    assert f'<a href="/chu-de/{topic.slug}/">{topic.title}</a>' in shown
    assert topic.description in shown
    assert "<picture" in shown and topic.cover.file.name.rsplit("/", 1)[-1].split(".")[0] in shown
    # The pinned story first, then the newest; three of them, public ones only.
    assert titles_in(shown, in_topic) == [in_topic[n].title for n in (2, 0, 1)]
    for hidden in ("Tin hẹn giờ về bão", "Bản nháp về bão", "Tin đã gỡ về bão"):
        assert hidden not in page
    # After the spotlight, before the sections' blocks.
    spotlight, first_block = page.index('id="spotlight-title"'), page.index('labelledby="block-')
    assert spotlight < page.index("topic-box") < first_block


@pytest.mark.usefixtures("reader_caches")
def test_an_edition_featuring_a_topic_alone_shows_the_box_and_the_page_as_it_was(
    reader, topic, in_topic, stories
):
    before = home(reader)
    edition(topic=topic)
    page = home(reader)
    assert titles_in(box(page), in_topic) == [in_topic[n].title for n in (2, 0, 1)]
    top = page.split('class="home-top"', 1)[1].split("</section>", 1)[0]
    assert top == before.split('class="home-top"', 1)[1].split("</section>", 1)[0]


@pytest.mark.usefixtures("reader_caches")
def test_an_inactive_topic_or_one_without_a_public_story_shows_no_box(
    reader, topic, in_topic, section, stories
):
    edition(lead=[stories[0]], topic=topic)
    assert box(home(reader))

    Topic.objects.filter(pk=topic.pk).update(is_active=False)
    cache.clear()
    near.clear()
    assert box(home(reader)) == ""

    empty = Topic.objects.create(title="Chưa có tin")
    TopicStory.objects.create(topic=empty, story=story(section, "Nháp", status=Status.DRAFT))
    Edition.objects.all().delete()
    edition(lead=[stories[0]], topic=empty)
    cache.clear()
    near.clear()
    page = home(reader)
    assert box(page) == "" and "Chưa có tin" not in page


@pytest.mark.usefixtures("reader_caches")
def test_no_edition_or_no_topic_no_box(reader, topic, in_topic, stories):
    assert box(home(reader)) == ""
    edition(lead=[stories[0]])
    assert box(home(reader)) == ""
    assert "topic-box" not in home(reader)


# At its minute, with every cache layer on


def test_a_scheduled_editions_topic_shows_at_its_minute(caches_on, reader, topic, in_topic):
    now = timezone.now().replace(second=0, microsecond=0)
    with time_machine.travel(now, tick=False):
        edition(lead=[in_topic[4]])
        edition(status=Edition.Status.SCHEDULED, publish_at=now + 10 * MINUTE, topic=topic)
        assert box(home(reader)) == ""
    with time_machine.travel(now + 10 * MINUTE - datetime.timedelta(seconds=1), tick=False):
        assert box(home(reader)) == ""
    with time_machine.travel(now + 10 * MINUTE, tick=False):
        assert topic.title in box(home(reader))


def test_a_story_leaving_the_site_leaves_the_box_at_once(caches_on, reader, topic, in_topic):
    edition(topic=topic)
    assert in_topic[2].title in box(home(reader))

    in_topic[2].status = Status.WITHDRAWN
    in_topic[2].save()

    shown = box(home(reader))
    assert in_topic[2].title not in shown
    assert titles_in(shown, in_topic) == [in_topic[n].title for n in (0, 1, 3)]


def test_a_scheduled_story_joins_the_box_at_its_minute(caches_on, reader, topic, in_topic):
    now = timezone.now().replace(second=0, microsecond=0)
    with time_machine.travel(now, tick=False):
        edition(topic=topic)
        coming = story(in_topic[0].section, "Bão số 9 đổ bộ", minutes_ago=-5)
        TopicStory.objects.create(topic=topic, story=coming)
        assert coming.title not in box(home(reader))
    with time_machine.travel(now + 5 * MINUTE, tick=False):
        assert titles_in(box(home(reader)), [*in_topic, coming])[:2] == [
            in_topic[2].title,
            coming.title,
        ]


def test_the_topics_title_and_its_cover_show_at_once(caches_on, reader, topic, in_topic):
    edition(topic=topic)
    assert topic.title in box(home(reader))

    topic.title = "Bão Yagi và hoàn lưu"
    topic.save()
    shown = box(home(reader))
    assert "Bão Yagi và hoàn lưu" in shown and "Mùa mưa bão miền Trung" not in shown

    before = tags.read()[0]["boards"]
    topic.cover.caption = "Chú thích mới"
    topic.cover.save()
    assert tags.read()[0]["boards"] != before

    topic.is_active = False
    topic.save()
    assert box(home(reader)) == ""


def test_the_box_is_kept_and_a_story_change_costs_one_query_for_it(
    caches_on, reader, topic, in_topic, section
):
    edition(lead=[in_topic[4]], topic=topic)
    home(reader)
    with CaptureQueriesContext(connection) as warm:
        home(reader)
    assert len(warm) == 0, [q["sql"] for q in warm]

    tags.bump("stories")
    with CaptureQueriesContext(connection) as changed:
        home(reader)
    box_queries = [q for q in changed if "topics_topicstory" in q["sql"]]
    assert len(box_queries) == 1
    assert not [q for q in changed if "frontpage_" in q["sql"]]  # the topic came with the lists

    tags.bump("topics")
    with CaptureQueriesContext(connection) as renamed:
        home(reader)
    assert len(renamed) == 1  # the box alone: the lists are kept

    # As many queries with 40 stories in the topic.
    for n in range(35):
        TopicStory.objects.create(topic=topic, story=story(section, f"Thêm {n}", minutes_ago=n))
    tags.bump("stories")
    with CaptureQueriesContext(connection) as more:
        home(reader)
    assert len(more) == len(changed)


@pytest.mark.usefixtures("reader_caches")
def test_queries_do_not_grow_with_the_topics_stories(reader, topic, in_topic, section):
    edition(lead=[in_topic[4]], topic=topic)
    home(reader)  # the site's settings made once, as on any first visit

    def count():
        cache.clear()
        near.clear()
        with CaptureQueriesContext(connection) as queries:
            home(reader)
        return queries

    few = count()
    for n in range(35):
        TopicStory.objects.create(topic=topic, story=story(section, f"Thêm {n}", minutes_ago=n))
    many = count()
    assert len(many) == len(few)
    assert len([q for q in many if "topics_" in q["sql"]]) == 1


# The board screen


@pytest.fixture
def board(db):
    return Board.objects.get_or_create(page="home")[0]


def screen_url(board):
    return reverse("admin:frontpage_board_screen", args=[board.pk])


def open_board(client, board):
    response = client.get(screen_url(board))
    assert response.status_code == 200
    return response


def submit(client, board, response, action="save", **changes):
    return client.post(
        screen_url(board), form_data(response, "board_form", action=action, **changes)
    )


def the_draft(board):
    return board.editions.get(status=Edition.Status.DRAFT)


def test_the_board_offers_the_active_topics_without_script(editor_client, board, topic):
    series = Topic.objects.create(title="Giao thông đô thị", kind=Topic.Kind.SERIES)
    Topic.objects.create(title="Chủ đề đã đóng", is_active=False)
    page = text(open_board(editor_client, board))
    form = page.split('id="board_form"', 1)[1].split("</form>", 1)[0]
    select = form.split('<select name="topic"', 1)[1].split("</select>", 1)[0]
    assert '<option value="">' in select
    assert f'value="{topic.pk}"' in select and f'value="{series.pk}"' in select
    assert "Chủ đề đã đóng" not in select
    assert in_vietnamese("Series") in select


def test_an_editor_picks_a_topic_publishes_and_readers_see_the_box(
    editor_client, board, topic, in_topic, reader
):
    response = open_board(editor_client, board)
    published = submit(editor_client, board, response, "publish", topic=str(topic.pk))
    assert published.status_code == 302
    live = Edition.objects.live("home")
    assert live.topic == topic
    assert topic.title in box(home(reader))

    # The next draft starts from what is live, its topic chosen; clearing it saves none.
    response = open_board(editor_client, board)
    assert the_draft(board).topic == topic
    assert f'<option value="{topic.pk}" selected>' in response.content.decode()
    submit(editor_client, board, response, topic="")
    assert the_draft(board).topic is None
    assert Edition.objects.live("home").topic == topic  # the live edition is as it was


def test_the_preview_shows_the_drafts_box_and_readers_do_not_see_it(
    editor_client, board, topic, in_topic, reader, caches_on
):
    edition(lead=[in_topic[4]])
    draft = edition(status=Edition.Status.DRAFT, lead=[in_topic[4]], topic=topic)
    home(reader)
    url = reverse("admin:frontpage_board_preview_page", args=[board.pk, draft.pk])
    preview = text(editor_client.get(url))
    assert titles_in(box(preview), in_topic) == [in_topic[n].title for n in (2, 0, 1)]
    assert box(home(reader)) == ""
    # The preview kept nothing: a title changed since shows in the next preview at once.
    Topic.objects.filter(pk=topic.pk).update(title="Tên mới của chủ đề")
    assert "Tên mới của chủ đề" in box(text(editor_client.get(url)))


BAD_TOPICS = {
    "unknown": "999999",
    "inactive": "inactive",
    "not a number": "12abc",
}


@pytest.mark.parametrize("case", BAD_TOPICS)
def test_a_bad_topic_gets_a_clear_error_and_nothing_is_saved(
    editor_client, board, topic, stories, case
):
    closed = Topic.objects.create(title="Chủ đề đã đóng", is_active=False)
    value = {"inactive": str(closed.pk)}.get(BAD_TOPICS[case], BAD_TOPICS[case])
    edition(lead=[stories[4]], topic=topic)  # live
    response = open_board(editor_client, board)
    draft = the_draft(board)

    answer = submit(
        editor_client,
        board,
        response,
        "publish",
        topic=value,
        **{"lead-0-story": str(stories[0].pk)},
    )

    assert answer.status_code == 200
    assert in_vietnamese(REFUSED) in text(answer)
    draft.refresh_from_db()
    assert (draft.status, draft.version, draft.topic) == (Edition.Status.DRAFT, 1, topic)
    assert draft.slots.get().story == stories[4]
    assert Edition.objects.live("home").topic == topic


def test_a_stale_version_saves_no_topic(board, topic, stories, client_for, editor):
    other = factories.editor(username="bientap2")
    first, second = client_for(editor), client_for(other)
    seen_by_first = open_board(first, board)
    seen_by_second = open_board(second, board)
    submit(second, board, seen_by_second, **{"lead-0-story": str(stories[3].pk)})

    refused = submit(first, board, seen_by_first, topic=str(topic.pk))

    assert refused.status_code == 200
    assert in_vietnamese(CONFLICT) in text(refused)
    assert the_draft(board).topic is None
    # What the first editor chose is still on their screen.
    assert f'<option value="{topic.pk}" selected>' in refused.content.decode()


def test_a_sections_board_has_no_topic_box(editor_client, section, topic, stories):
    board = Board.objects.create(section=section)
    response = open_board(editor_client, board)
    assert 'name="topic"' not in response.content.decode()
    answer = submit(editor_client, board, response, topic=str(topic.pk))
    assert answer.status_code == 200
    assert in_vietnamese("Only the home page has a topic box.") in text(answer)
    assert the_draft(board).topic is None


def test_an_inactive_chosen_topic_is_flagged_on_the_board(editor_client, board, topic, in_topic):
    edition(status=Edition.Status.DRAFT, topic=topic)
    Topic.objects.filter(pk=topic.pk).update(is_active=False)
    page = text(open_board(editor_client, board))
    assert f'<option value="{topic.pk}" selected>' in page
    assert (
        in_vietnamese(
            "This topic is inactive or gone: readers see no topic box. Choose another, or none."
        )
        in page
    )


def test_reporters_may_not_choose_the_topic(reporter_client, board, topic, stories):
    draft = edition(status=Edition.Status.DRAFT, lead=[stories[0]])
    data = {"edition": draft.pk, "version": draft.version, "action": "publish", "topic": topic.pk}
    assert reporter_client.post(screen_url(board), data).status_code == 403
    draft.refresh_from_db()
    assert (draft.status, draft.topic) == (Edition.Status.DRAFT, None)


# The rules


def test_restore_copies_the_topic(topic, stories, editor):
    old = edition(lead=[stories[0]], topic=topic)
    assert editing.restore(old, editor).topic == topic


def test_saving_the_slots_alone_leaves_the_topic_as_it_is(topic, stories):
    draft = edition(status=Edition.Status.DRAFT, topic=topic)
    editing.save_slots(draft, draft.version, {"lead": [{"story": stories[0].pk}]})
    draft.refresh_from_db()
    assert draft.topic == topic
    editing.save_slots(draft, draft.version, {}, topic=None)
    draft.refresh_from_db()
    assert draft.topic is None


# The demo


def test_the_demo_features_its_topic_on_the_live_home_edition_once(editor):
    now = timezone.now()
    section = factories.SectionFactory(name="Thời sự")
    for n, data in enumerate(day_topics.TOPICS):
        for title in data["stories"]:
            story(section, title, minutes_ago=10 + n)
    for n in range(10):
        story(section, f"Tin số {n}", minutes_ago=100 + n)
    day_topics.seed(now, {})
    day_frontpage.seed(now, {"bientap": editor})

    live = Edition.objects.live("home", now)
    assert live.topic.title == day_topics.TOPICS[0]["title"]
    assert day_frontpage.seed(now, {"bientap": editor})["front page topic boxes"] == 0
    assert Edition.objects.get(pk=live.pk).topic == live.topic
