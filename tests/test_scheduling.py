"""A story is public exactly when it is published and its time has come: one queryset
method, no cron job. Editors pick the time in Vietnam time."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.utils.translation import gettext_lazy as _

from articles import workflow
from articles.models import Article, Status
from tests import factories
from tests.factories import change_url, changelist_url, form_data, in_vietnamese

VIETNAM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
GO_LIVE = datetime.datetime(2026, 5, 19, 7, 30, tzinfo=VIETNAM)
SECOND = datetime.timedelta(seconds=1)


@pytest.fixture
def scheduled(editor, reporter):
    article = factories.story(reporter)
    with time_machine.travel(GO_LIVE - datetime.timedelta(hours=3), tick=False):
        workflow.transition(article, "publish", editor, publication_at=GO_LIVE)
    article.refresh_from_db()
    return article


@pytest.mark.parametrize(
    "moment, public",
    [(GO_LIVE - SECOND, False), (GO_LIVE, True), (GO_LIVE + SECOND, True)],
    ids=["one-second-before", "at", "one-second-after"],
)
def test_scheduled_story_goes_live_at_its_second(client, scheduled, moment, public):
    with time_machine.travel(moment, tick=False):
        assert Article.objects.public().filter(pk=scheduled.pk).exists() is public
        assert Article.objects.scheduled().filter(pk=scheduled.pk).exists() is not public
        assert scheduled.is_public() is public
        assert scheduled.is_scheduled is not public
        response = client.get(scheduled.get_absolute_url())
        assert response.status_code == (200 if public else 404)
        if public:
            assert scheduled.title in response.content.decode()


def test_withdrawn_story_disappears_at_once(client, editor, scheduled):
    with time_machine.travel(GO_LIVE + datetime.timedelta(minutes=5), tick=False):
        assert client.get(scheduled.get_absolute_url()).status_code == 200
        workflow.transition(scheduled, "withdraw", editor, comment="Sai số liệu.")
        assert not Article.objects.public().filter(pk=scheduled.pk).exists()
        assert client.get(scheduled.get_absolute_url()).status_code == 404


def test_withdrawn_scheduled_story_never_goes_live(client, editor, scheduled):
    with time_machine.travel(GO_LIVE - datetime.timedelta(hours=1), tick=False):
        workflow.transition(scheduled, "withdraw", editor, comment="Hoãn.")
    with time_machine.travel(GO_LIVE + datetime.timedelta(hours=1), tick=False):
        assert not Article.objects.public().exists()
        assert client.get(scheduled.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("status", [s for s in Status if s != Status.PUBLISHED])
def test_unpublished_states_are_never_public_even_with_a_past_time(client, reporter, status):
    article = factories.story(reporter)
    Article.objects.filter(pk=article.pk).update(
        status=status, publication_at=GO_LIVE - datetime.timedelta(days=30)
    )
    with time_machine.travel(GO_LIVE, tick=False):
        assert not Article.objects.public().exists()
        assert client.get(article.get_absolute_url()).status_code == 404


def test_editor_schedules_in_vietnam_time(editor_client, reporter):
    article = factories.story(reporter)
    Article.objects.filter(pk=article.pk).update(status=Status.IN_REVIEW)
    with time_machine.travel(datetime.datetime(2026, 11, 15, 8, 0, tzinfo=VIETNAM), tick=False):
        page = editor_client.get(change_url(article))
        response = editor_client.post(
            change_url(article),
            form_data(
                page,
                publication_at_0="15/11/2026",  # day first, as Vietnamese editors write it
                publication_at_1="17:44",
                workflow_action="publish",
            ),
            follow=True,
        )
        assert response.status_code == 200
        article.refresh_from_db()
        assert article.status == Status.PUBLISHED
        assert article.publication_at == datetime.datetime(
            2026, 11, 15, 10, 44, tzinfo=datetime.UTC
        )
        assert article.is_scheduled
        messages = [str(m) for m in response.context["messages"]]
        scheduled_message = in_vietnamese(_("Scheduled: the story goes live at %(time)s."))
        assert scheduled_message % {"time": "15/11/2026 17:44"} in messages

        # The form shows the time back as it was typed, not in UTC.
        again = form_data(editor_client.get(change_url(article)))
        assert (again["publication_at_0"], again["publication_at_1"]) == ("15/11/2026", "17:44:00")


def test_a_day_first_date_is_not_read_month_first(editor_client, reporter):
    article = factories.story(reporter)
    Article.objects.filter(pk=article.pk).update(status=Status.IN_REVIEW)
    with time_machine.travel(datetime.datetime(2026, 1, 2, tzinfo=VIETNAM), tick=False):
        page = editor_client.get(change_url(article))
        editor_client.post(
            change_url(article),
            form_data(
                page,
                publication_at_0="05/11/2026",
                publication_at_1="06:00",
                workflow_action="publish",
            ),
        )
    article.refresh_from_db()
    assert article.publication_at.astimezone(VIETNAM) == datetime.datetime(
        2026, 11, 5, 6, 0, tzinfo=VIETNAM
    )


def test_publishing_with_a_past_time_is_live_immediately(editor_client, reporter, client):
    article = factories.story(reporter)
    Article.objects.filter(pk=article.pk).update(status=Status.IN_REVIEW)
    page = editor_client.get(change_url(article))
    editor_client.post(
        change_url(article),
        form_data(
            page, publication_at_0="01/01/2024", publication_at_1="00:00", workflow_action="publish"
        ),
    )
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert article.publication_at == datetime.datetime(2023, 12, 31, 17, 0, tzinfo=datetime.UTC)
    assert client.get(article.get_absolute_url()).status_code == 200


def test_bulk_publish_now_brings_a_scheduled_story_forward(editor_client, scheduled, client):
    moment = GO_LIVE - datetime.timedelta(hours=1)
    with time_machine.travel(moment, tick=False):
        response = editor_client.post(
            changelist_url(), {"action": "publish_now", "_selected_action": [scheduled.pk]}
        )
        assert response.status_code == 302
        scheduled.refresh_from_db()
        assert scheduled.publication_at == moment
        assert scheduled.first_published_at == moment
        assert client.get(scheduled.get_absolute_url()).status_code == 200


def test_bulk_publish_now_keeps_a_live_storys_time(editor_client, scheduled):
    with time_machine.travel(GO_LIVE + datetime.timedelta(days=1), tick=False):
        editor_client.post(
            changelist_url(), {"action": "publish_now", "_selected_action": [scheduled.pk]}
        )
    scheduled.refresh_from_db()
    assert scheduled.publication_at == GO_LIVE
