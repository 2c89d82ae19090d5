"""The live blog: what readers and the newsroom see."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from live.models import Coverage, Update
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_story(editor):
    story = ArticleFactory(published=True)
    coverage = Coverage.objects.create(story=story, created_by=editor)
    return story, coverage


def post(coverage, author, body, **kwargs):
    return Update.objects.create(coverage=coverage, author=author, body=body, **kwargs)


def test_update_body_is_sanitised(live_story, editor):
    _, coverage = live_story
    update = post(coverage, editor, '<p>Tin mới</p><script>alert(1)</script><a onclick="x">a</a>')
    assert "<script" not in update.body
    assert "onclick" not in update.body
    assert "Tin mới" in update.body


def test_pinned_first_then_newest_first_with_key_events(client, live_story, editor, reader_caches):
    story, coverage = live_story
    from django.utils import timezone

    now = timezone.now()
    post(coverage, editor, "<p>Cũ nhất</p>", at=now - timezone.timedelta(minutes=30), pinned=True)
    post(coverage, editor, "<p>Giữa</p>", at=now - timezone.timedelta(minutes=20), key_event=True)
    post(coverage, editor, "<p>Mới nhất</p>", at=now - timezone.timedelta(minutes=10))
    page = client.get(story.get_absolute_url()).content.decode()
    updates = page[page.index("data-live-updates") :]
    assert updates.index("Cũ nhất") < updates.index("Mới nhất") < updates.index("Giữa")
    assert 'aria-live="polite" data-live-updates' in page
    key_events = page[page.index("live__key-events") : page.index("data-live-updates")]
    middle = Update.objects.get(key_event=True)
    assert f'href="#cap-nhat-{middle.pk}">Giữa</a>' in key_events
    assert "Mới nhất" not in key_events


def test_update_reaches_readers_within_one_request(client, live_story, editor, settings, commit):
    from tests.conftest import switch_caches_on

    switch_caches_on(settings)
    story, coverage = live_story
    poll_url = reverse("live:poll", args=[story.pk])
    assert "Đội tuyển ghi bàn" not in client.get(story.get_absolute_url()).content.decode()
    client.get(poll_url)
    with commit():
        post(coverage, editor, "<p>Đội tuyển ghi bàn</p>")
    assert "Đội tuyển ghi bàn" in client.get(story.get_absolute_url()).content.decode()
    assert "Đội tuyển ghi bàn" in client.get(poll_url).json()["updates"][0]["html"]


def test_poll_is_short_lived_and_says_when_ended(client, live_story, editor, settings, commit):
    from django.utils import timezone

    story, coverage = live_story
    post(coverage, editor, "<p>Một</p>")
    response = client.get(reverse("live:poll", args=[story.pk]))
    data = response.json()
    assert data["ended"] is False
    assert "Một" in data["updates"][0]["html"]
    coverage.ended_at = timezone.now()
    coverage.save()
    data = client.get(reverse("live:poll", args=[story.pk])).json()
    assert data["ended"] is True
    page = client.get(story.get_absolute_url()).content.decode()
    assert "live/live.js" not in page


@pytest.mark.parametrize("state", ["draft", "scheduled"])
def test_no_leak_from_unpublished_story(client, editor, state):
    from django.utils import timezone

    if state == "draft":
        story = ArticleFactory()
    else:
        story = ArticleFactory(
            published=True, publication_at=timezone.now() + timezone.timedelta(hours=1)
        )
    coverage = Coverage.objects.create(story=story)
    post(coverage, editor, "<p>Bí mật</p>")
    assert client.get(reverse("live:poll", args=[story.pk])).status_code == 404
    assert client.get(reverse("live:updates", args=[story.pk])).status_code == 404


def test_json_ld_is_live_blog_posting(client, live_story, editor):
    story, coverage = live_story
    post(coverage, editor, "<p>Cập nhật đầu tiên</p>")
    text = client.get(story.get_absolute_url()).content.decode()
    start = text.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    data = json.loads(text[start : text.index("</script>", start)])
    assert data["@type"] == "LiveBlogPosting"
    assert "coverageStartTime" in data
    assert data["liveBlogUpdate"][0]["articleBody"] == "Cập nhật đầu tiên"


def test_anonymous_and_reader_cannot_post(client, live_story, django_user_model):
    story, _ = live_story
    url = reverse("live:post", args=[story.pk])
    response = client.post(url, {"body": "x"})
    assert response.status_code in (302, 403)
    reader = django_user_model.objects.create_user("docgia", password="x")
    client.force_login(reader)
    assert client.post(url, {"body": "x"}).status_code in (302, 403)
    assert not Update.objects.exists()


def test_editor_posts_and_bad_input_is_refused(live_story, editor):
    story, _ = live_story
    url = reverse("live:post", args=[story.pk])
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.post(url, {"body": "<p>x</p>"}).status_code == 403
    client.get(reverse("admin:articles_article_change", args=[story.pk]))
    token = client.cookies["csrftoken"].value
    bad = client.post(url, {"body": "   "}, HTTP_X_CSRFTOKEN=token)
    assert bad.status_code == 400 and "error" in bad.json()
    assert not Update.objects.exists()
    good = client.post(url, {"body": "<p>Bắt đầu</p>", "key_event": "on"}, HTTP_X_CSRFTOKEN=token)
    assert good.status_code == 201
    assert Update.objects.get().key_event


def test_story_page_queries_do_not_grow_with_updates(client, editor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_with(count):
        story = ArticleFactory(published=True)
        coverage = Coverage.objects.create(story=story)
        Update.objects.bulk_create(
            Update(coverage=coverage, author=editor, body=f"<p>Tin {n}</p>") for n in range(count)
        )
        with CaptureQueriesContext(connection) as queries:
            response = client.get(story.get_absolute_url())
        assert response.status_code == 200
        return len(queries), response.content.decode()

    queries_with(1)  # the site-wide lists kept once, so both pages below start alike
    few, few_page = queries_with(5)
    many, many_page = queries_with(200)
    assert few == many
    assert "?trang=2" in many_page and "?trang=2" not in few_page
    assert many_page.count('<article class="live-update') == 50
