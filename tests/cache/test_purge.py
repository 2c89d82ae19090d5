"""The CDN purge hook: after a content change commits, the CDN (here a fake one on
loopback) is told which pages changed, with the surrogate key every cached page carries;
nothing is sent for a change rolled back, and a CDN that is slow or down never holds up
or fails the editor's save."""

import logging
import time

import pytest
from django.db import transaction

from articles import workflow
from articles.models import Article, Status
from newsroom.caching import cdn
from tests import factories

from .conftest import FakeCDN, story

SITE = "https://baokhoahoc.example"


@pytest.fixture
def draft(section):
    return story(state=Status.IN_REVIEW, title="Cầu Long Biên đóng cửa", section=section)


@pytest.mark.django_db
@pytest.mark.usefixtures("page_cache", "site")
def test_publishing_tells_the_cdn_once_committed(fake_cdn, draft, editor, commit):
    with commit():
        workflow.transition(draft, "publish", editor)
        assert cdn.wait()
        assert fake_cdn.received == []

    assert cdn.wait()
    method, path, headers, body = fake_cdn.received[0]
    assert (method, path) == ("POST", "/purge")
    assert headers["Content-Type"] == "application/json"
    assert headers["Surrogate-Key"] == "toasoan"
    assert body["surrogate_keys"] == ["toasoan"]
    assert {f"{SITE}/", f"{SITE}{draft.get_absolute_url()}"} <= fake_cdn.urls()


@pytest.mark.django_db
@pytest.mark.usefixtures("page_cache", "site")
def test_a_renamed_story_purges_its_old_and_new_addresses(fake_cdn, section, commit):
    article = story(title="Giá xăng tăng", section=section)
    old = article.get_absolute_url()
    with commit():
        article.title = "Giá xăng giảm"
        article.save()
    assert cdn.wait()
    assert {f"{SITE}{old}", f"{SITE}{article.get_absolute_url()}"} <= fake_cdn.urls()


@pytest.mark.django_db
@pytest.mark.usefixtures("page_cache", "site")
def test_a_change_rolled_back_tells_the_cdn_nothing(fake_cdn, draft, editor, commit):
    with commit(), pytest.raises(RuntimeError), transaction.atomic():
        workflow.transition(draft, "publish", editor)
        raise RuntimeError("the save failed half-way")
    assert cdn.wait()
    assert fake_cdn.received == []


@pytest.mark.django_db
@pytest.mark.usefixtures("page_cache", "site")
def test_the_readers_pages_carry_the_surrogate_key(fake_cdn, reader, section):
    story(section=section)
    assert reader.get("/")["Surrogate-Key"] == "toasoan"


@pytest.mark.django_db
@pytest.mark.usefixtures("page_cache", "site")
def test_varnish_style_purge_and_a_token(fake_cdn, settings, section, commit):
    settings.CDN_PURGE_METHOD = "PURGE"
    settings.CDN_PURGE_TOKEN = "bi-mat"
    with commit():
        section.name = "Chính trị"
        section.save()
    assert cdn.wait()
    method, _path, headers, body = fake_cdn.received[0]
    assert method == "PURGE"
    assert headers["Authorization"] == "Bearer bi-mat"
    assert f"{SITE}/thoi-su/" in body["urls"]


@pytest.mark.django_db
@pytest.mark.usefixtures("page_cache", "site")
def test_a_cdn_that_is_down_is_logged_and_the_save_goes_through(
    settings, draft, editor, commit, caplog
):
    closed = FakeCDN()
    settings.CDN_PURGE_URL = closed.url
    closed.server_close()  # nothing listens there any more
    with caplog.at_level(logging.ERROR, logger="newsroom.caching.cdn"), commit():
        workflow.transition(draft, "publish", editor)
    assert cdn.wait()
    assert Article.objects.get(pk=draft.pk).status == Status.PUBLISHED
    assert "CDN purge of" in caplog.text


@pytest.mark.django_db
@pytest.mark.usefixtures("page_cache", "site")
def test_a_cdn_error_status_is_logged(fake_cdn, draft, editor, commit, caplog):
    fake_cdn.status = 503
    with caplog.at_level(logging.ERROR, logger="newsroom.caching.cdn"), commit():
        workflow.transition(draft, "publish", editor)
    assert cdn.wait()
    assert "503" in caplog.text


@pytest.mark.django_db
@pytest.mark.usefixtures("page_cache", "site")
def test_a_slow_cdn_does_not_hold_up_the_save(fake_cdn, draft, editor, commit):
    fake_cdn.delay = 1.0
    started = time.monotonic()
    with commit():
        workflow.transition(draft, "publish", editor)
    assert time.monotonic() - started < 0.5
    assert cdn.wait(timeout=5)
    assert len(fake_cdn.received) == 1


@pytest.mark.django_db
def test_no_purge_url_sends_nothing(settings, section, commit):
    settings.CDN_PURGE_URL = ""
    with commit():
        section.save()
    assert cdn.wait(timeout=0.1)


# A real commit: the purge is sent after COMMIT, not when the change is made.
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("page_cache")
def test_the_purge_follows_the_real_commit(fake_cdn, section):
    editor = factories.UserFactory(username="tongbientap", is_superuser=True)
    draft = story(state=Status.IN_REVIEW, title="Tin nóng trong ngày", section=section)
    assert cdn.wait()
    fake_cdn.received.clear()  # the section's creation, committed at once
    with transaction.atomic():
        workflow.transition(draft, "publish", editor)
        assert cdn.wait()
        assert fake_cdn.received == []
    assert cdn.wait()
    assert f"{SITE}{draft.get_absolute_url()}" in fake_cdn.urls()
