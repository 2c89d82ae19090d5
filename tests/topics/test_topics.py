"""Topics and series: an editor gathers stories under a title; readers find them, pinned
first then newest, on /chu-de/<slug>/, in its RSS feed and under each story."""

import datetime
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Status
from tests import factories
from tests.conftest import switch_caches_on
from topics.models import Topic, TopicStory

from .conftest import join, published

pytestmark = pytest.mark.django_db


def titles(response):
    return re.findall(r'class="card__title"><a href="[^"]*">([^<]*)<', response.content.decode())


# The model


def test_the_address_is_made_from_the_vietnamese_title(topic):
    assert topic.slug == "bao-so-3"
    assert topic.get_absolute_url() == "/chu-de/bao-so-3/"


def test_two_topics_cannot_share_an_address(topic):
    other = Topic(title="Bão số 3", slug="bao-so-3")
    with pytest.raises(ValidationError) as error:
        other.full_clean()
    assert "Một chủ đề khác đã có địa chỉ này." in str(error.value)


def test_a_story_joins_a_topic_once(topic, section):
    story = published(section)
    join(topic, story)
    with pytest.raises(IntegrityError):
        join(topic, story)


def test_a_story_may_be_in_several_topics(topic, section):
    story = published(section)
    series = Topic.objects.create(title="Sống chung với lũ", kind=Topic.Kind.SERIES)
    join(topic, story)
    join(series, story)
    assert set(story.topics.all()) == {topic, series}


def test_pinned_stories_first_by_their_order_then_newest(topic, section):
    old = published(section, minutes_ago=600, title="Cũ")
    new = published(section, minutes_ago=5, title="Mới")
    middle = published(section, minutes_ago=60, title="Giữa")
    second = published(section, minutes_ago=1, title="Ghim hai")
    first = published(section, minutes_ago=900, title="Ghim một")
    for story in (old, new, middle):
        join(topic, story)
    join(topic, second, pinned=True, order=2)
    join(topic, first, pinned=True, order=1)
    assert list(topic.stories()) == [first, second, new, middle, old]


@pytest.mark.parametrize("status", [Status.DRAFT, Status.IN_REVIEW, Status.WITHDRAWN])
def test_only_public_stories_are_listed(topic, section, status):
    hidden = factories.ArticleFactory(section=section, status=status)
    shown = published(section)
    join(topic, hidden, pinned=True)
    join(topic, shown)
    assert list(topic.stories()) == [shown]


# The reader's pages


def test_the_topic_page_shows_title_description_and_stories(reader_caches, reader, topic, section):
    join(topic, published(section, title="Bão giật cấp 12"))
    response = reader.get("/chu-de/bao-so-3/")
    assert response.status_code == 200
    text = response.content.decode()
    assert '<h1 class="listing-head__title">Bão số 3</h1>' in text
    assert "Cơn bão mạnh nhất năm" in text
    assert titles(response) == ["Bão giật cấp 12"]
    assert 'rel="canonical" href="http://testserver/chu-de/bao-so-3/"' in text
    assert "/chu-de/bao-so-3/rss/" in text


def test_the_description_is_escaped(reader, site_settings):
    Topic.objects.create(title="<b>x</b>", slug="x", description="</script><i>")
    text = reader.get("/chu-de/x/").content.decode()
    assert "<i>" not in text and "&lt;/script&gt;&lt;i&gt;" in text


@pytest.mark.parametrize("address", ["/chu-de/khong-co/", "/chu-de/khong-co/rss/"])
def test_an_unknown_topic_is_not_found(reader_caches, reader, site_settings, address):
    assert reader.get(address).status_code == 404


@pytest.mark.parametrize("address", ["/chu-de/bao-so-3/", "/chu-de/bao-so-3/rss/"])
def test_an_inactive_topic_is_not_found(reader_caches, reader, topic, address):
    topic.is_active = False
    topic.save()
    assert reader.get(address).status_code == 404


def test_the_stories_are_paginated_and_a_bad_page_is_not_found(
    reader_caches, reader, topic, section
):
    for minutes in range(25):
        join(topic, published(section, minutes_ago=minutes + 1, title=f"Tin {minutes}"))
    first = reader.get("/chu-de/bao-so-3/")
    second = reader.get("/chu-de/bao-so-3/?page=2")
    assert len(titles(first)) == 20 and titles(first)[0] == "Tin 0"
    assert titles(second) == [f"Tin {n}" for n in range(20, 25)]
    for page in ("3", "0", "abc"):
        assert reader.get(f"/chu-de/bao-so-3/?page={page}").status_code == 404


def test_the_index_lists_active_topics_only(reader_caches, reader, topic):
    Topic.objects.create(title="Đại hội XIV", is_active=False)
    text = reader.get("/chu-de/").content.decode()
    assert "Bão số 3" in text and "Đại hội XIV" not in text


def test_the_feed_carries_only_public_stories(reader_caches, reader, topic, section):
    join(topic, published(section, title="Đã đăng"))
    join(topic, factories.ArticleFactory(section=section, title="Bản nháp"))
    join(topic, published(section, minutes_ago=-30, title="Hẹn giờ"))
    response = reader.get("/chu-de/bao-so-3/rss/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "<title>Đã đăng</title>" in text
    assert "Bản nháp" not in text and "Hẹn giờ" not in text
    assert "<title>Bão số 3 - " in text


# Under the story


def test_a_story_in_a_topic_links_to_it(reader_caches, reader, topic, section):
    story = published(section)
    join(topic, story)
    text = reader.get(story.get_absolute_url()).content.decode()
    assert 'Chủ đề: <a href="/chu-de/bao-so-3/">Bão số 3</a>' in text


def test_the_link_leaves_when_the_topic_is_made_inactive(
    reader_caches, reader, topic, section, commit
):
    story = published(section)
    join(topic, story)
    assert "/chu-de/bao-so-3/" in reader.get(story.get_absolute_url()).content.decode()
    with commit():
        topic.is_active = False
        topic.save()
    assert "/chu-de/bao-so-3/" not in reader.get(story.get_absolute_url()).content.decode()


def test_no_link_under_a_story_in_no_topic(reader, topic, section):
    story = published(section)
    assert "/chu-de/" not in reader.get(story.get_absolute_url()).content.decode()


# With every cache layer on


def test_a_scheduled_story_appears_at_its_minute(reader_caches, reader, topic, section, commit):
    at = (timezone.now() + datetime.timedelta(hours=2)).replace(second=0, microsecond=0)
    with commit():
        join(topic, published(section, title="Đã đăng"))
        join(
            topic,
            factories.ArticleFactory(
                section=section, title="Hẹn giờ", status=Status.PUBLISHED, publication_at=at
            ),
        )
    with time_machine.travel(at - datetime.timedelta(seconds=1), tick=False):
        assert titles(reader.get("/chu-de/bao-so-3/")) == ["Đã đăng"]
    with time_machine.travel(at, tick=False):
        assert titles(reader.get("/chu-de/bao-so-3/")) == ["Hẹn giờ", "Đã đăng"]
    with time_machine.travel(at + datetime.timedelta(seconds=1), tick=False):
        assert "Hẹn giờ" in reader.get("/chu-de/bao-so-3/rss/").content.decode()


def test_a_change_is_seen_on_the_next_request(reader_caches, reader, topic, section, commit):
    story = published(section, title="Mới vào")
    assert titles(reader.get("/chu-de/bao-so-3/")) == []
    with commit():
        link = join(topic, story)
    assert titles(reader.get("/chu-de/bao-so-3/")) == ["Mới vào"]
    with commit():
        topic.title = "Bão Yagi"
        topic.save()
    assert "Bão Yagi" in reader.get("/chu-de/bao-so-3/").content.decode()
    with commit():
        link.delete()
    assert titles(reader.get("/chu-de/bao-so-3/")) == []


def test_the_queries_do_not_grow_with_the_stories(reader_caches, reader, topic, section):
    def queries():
        from django.core.cache import cache

        from newsroom.caching.store import near

        cache.clear()
        near.clear()
        with CaptureQueriesContext(connection) as captured:
            assert reader.get("/chu-de/bao-so-3/").status_code == 200
        return len(captured)

    join(topic, published(section, minutes_ago=1), pinned=True)
    few = queries()
    for minutes in range(15):
        join(topic, published(factories.SectionFactory(), minutes_ago=minutes + 2))
    assert queries() == few


# Who may do what


@pytest.mark.parametrize(
    ("user", "may_change_topics"), [("reporter", False), ("editor", True), ("staff_user", False)]
)
def test_only_editors_manage_topics(request, client_for, topic, user, may_change_topics):
    person = request.getfixturevalue(user)
    client = client_for(person)
    add = client.post(
        reverse("admin:topics_topic_add"),
        {
            "kind": "topic",
            "title": "Đại hội XIV",
            "slug": "dai-hoi-xiv",
            "is_active": "on",
            "links-TOTAL_FORMS": "0",
            "links-INITIAL_FORMS": "0",
        },
    )
    assert (add.status_code == 302) is may_change_topics
    assert Topic.objects.filter(slug="dai-hoi-xiv").exists() is may_change_topics
    delete = client.post(reverse("admin:topics_topic_delete", args=[topic.pk]), {"post": "yes"})
    assert Topic.objects.filter(pk=topic.pk).exists() is not may_change_topics
    assert delete.status_code in (302, 403)


def test_a_reporter_sees_the_topics_on_the_story_page_but_cannot_pin(
    client_for, reporter, topic, section
):
    story = factories.story(reporter, section=section)
    page = client_for(reporter).get(factories.change_url(story))
    assert page.status_code == 200
    text = page.content.decode()
    assert 'name="topic_links-TOTAL_FORMS"' in text
    assert 'name="topic_links-0-pinned"' not in text
    assert 'name="topic_links-__prefix__-pinned"' not in text


def test_an_editor_pins_from_the_story_page(editor_client, topic, section):
    story = published(section)
    text = editor_client.get(factories.change_url(story)).content.decode()
    assert 'name="topic_links-__prefix__-pinned"' in text


def test_topic_search_ignores_accents(editor_client, topic):
    text = editor_client.get(
        reverse("admin:topics_topic_changelist") + "?q=bao+so"
    ).content.decode()
    assert "Bão số 3" in text


def test_a_reporter_adds_a_story_to_a_topic_but_a_crafted_pin_is_ignored(
    client_for, reporter, topic, section
):
    story = factories.story(reporter, section=section)
    client = client_for(reporter)
    page = client.get(factories.change_url(story))
    data = factories.form_data(
        page,
        **{
            "topic_links-TOTAL_FORMS": "1",
            "topic_links-0-topic": str(topic.pk),
            "topic_links-0-pinned": "on",
            "topic_links-0-order": "1",
        },
    )
    saved = client.post(factories.change_url(story), data)
    assert saved.status_code == 302, saved.content.decode()[:3000]
    link = TopicStory.objects.get(story=story)
    assert link.topic == topic
    assert not link.pinned and link.order == 0


def test_an_editor_leaves_the_address_empty_and_gets_it_from_the_title(editor_client):
    saved = editor_client.post(
        reverse("admin:topics_topic_add"),
        {
            "kind": "series",
            "title": "Mùa nước nổi",
            "slug": "",
            "is_active": "on",
            "links-TOTAL_FORMS": "0",
            "links-INITIAL_FORMS": "0",
        },
    )
    assert saved.status_code == 302
    assert Topic.objects.get().slug == "mua-nuoc-noi"


def test_a_kept_topic_page_reads_nothing(settings, reader, topic, section):
    switch_caches_on(settings)
    join(topic, published(section), pinned=True)
    join(topic, published(section, minutes_ago=5))
    assert reader.get("/chu-de/bao-so-3/").status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert reader.get("/chu-de/bao-so-3/").status_code == 200
    assert len(captured) == 0


def test_the_cover_is_shown_and_shared(reader, topic, media_root):
    topic.cover = factories.ImageFactory(alt_text="Sóng lớn đánh vào kè biển")
    topic.save()
    text = reader.get("/chu-de/bao-so-3/").content.decode()
    assert 'class="topic-cover"' in text
    assert '<meta property="og:image:alt" content="Sóng lớn đánh vào kè biển">' in text
