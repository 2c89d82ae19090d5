"""Notifications: each workflow step told to the people it concerns, in the admin and by
mail when the newsroom wants it; everyone reads and clears only their own."""

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article, Status
from desk import notify
from desk.models import Kind, Notification
from tests import factories
from tests.desk.conftest import INBOX, at, step

REASON = "Cần thêm ý kiến của Sở Y tế."


@pytest.fixture
def desk(reporter, other_reporter, editor):
    """A story by two reporters, and a second editor on the desk."""
    second_editor = factories.editor(username="bientap2")
    story = factories.story(reporter, title="Dịch sốt xuất huyết tăng")
    story.authors.add(other_reporter)
    return story, second_editor


def told(kind):
    return {n.recipient.username for n in Notification.objects.filter(kind=kind).select_related()}


def test_handing_in_tells_every_editor(desk, reporter):
    story, _second = desk

    step(story, "submit", reporter)

    assert told(Kind.SUBMITTED) == {"bientap", "bientap2"}
    notice = Notification.objects.get(recipient__username="bientap")
    assert notice.article == story and notice.actor == reporter and notice.read_at is None


def test_returning_tells_the_authors_why(desk, reporter, editor):
    story, _second = desk
    step(story, "submit", reporter, at(hours=-1))

    step(story, "return", editor, comment=REASON)

    assert told(Kind.RETURNED) == {"phongvien", "phongvien2"}
    assert set(
        Notification.objects.filter(kind=Kind.RETURNED).values_list("reason", flat=True)
    ) == {REASON}


def test_publishing_tells_the_authors(desk, editor):
    story, _second = desk

    step(story, "publish", editor)

    assert told(Kind.PUBLISHED) == {"phongvien", "phongvien2"}


def test_scheduling_tells_the_authors_when_it_goes_live(desk, editor):
    story, _second = desk

    step(story, "publish", editor, publication_at=at(hours=3))

    assert told(Kind.SCHEDULED) == {"phongvien", "phongvien2"}
    assert told(Kind.PUBLISHED) == set()
    message = str(Notification.objects.filter(kind=Kind.SCHEDULED).first().message)
    assert "10/03/2026 19:00 (GMT+7)" in message


def test_bringing_a_scheduled_story_forward_tells_the_authors_it_is_published(desk, editor):
    story, _second = desk
    step(story, "publish", editor, at(hours=-1), publication_at=at(hours=3))

    step(story, "publish", editor, publication_at=at())

    assert told(Kind.PUBLISHED) == {"phongvien", "phongvien2"}


def test_saving_a_live_story_again_tells_nobody_again(desk, editor):
    story, _second = desk
    step(story, "publish", editor, at(hours=-1))

    step(story, "publish", editor)

    assert Notification.objects.filter(kind=Kind.PUBLISHED).count() == 2


def test_nobody_is_told_of_their_own_step(editor):
    story = factories.story(editor, title="Bài của biên tập viên")

    step(story, "submit", editor)
    step(story, "publish", editor)

    assert not Notification.objects.filter(recipient=editor).exists()


def test_withdrawing_tells_nobody(desk, editor):
    story, _second = desk
    step(story, "publish", editor, at(hours=-1))
    Notification.objects.all().delete()

    step(story, "withdraw", editor, comment="Sai số liệu.")

    assert not Notification.objects.exists()


# Mail


@pytest.fixture
def addresses(reporter, other_reporter):
    reporter.email = "phongvien@toasoan.vn"
    reporter.save()
    return reporter


def test_mail_goes_out_once_the_step_is_saved_when_the_newsroom_wants_it(
    settings, desk, addresses, editor, django_capture_on_commit_callbacks
):
    settings.NOTIFICATION_EMAILS = True
    story, _second = desk

    with django_capture_on_commit_callbacks(execute=False) as waiting:
        step(story, "publish", editor)
    assert mail.outbox == []  # not before the commit
    for callback in waiting:
        callback()

    # Only the author with an address gets one.
    assert [m.to for m in mail.outbox] == [["phongvien@toasoan.vn"]]
    assert story.title in mail.outbox[0].subject
    assert reverse("admin:articles_article_change", args=[story.pk]) in mail.outbox[0].body


def test_a_returned_storys_mail_says_why(settings, desk, addresses, reporter, editor, commit):
    settings.NOTIFICATION_EMAILS = True
    story, _second = desk
    step(story, "submit", reporter, at(hours=-1))

    with commit():
        step(story, "return", editor, comment=REASON)

    assert len(mail.outbox) == 1
    assert REASON in mail.outbox[0].body


def test_no_mail_unless_the_newsroom_wants_it(settings, desk, addresses, editor, commit):
    settings.NOTIFICATION_EMAILS = False
    story, _second = desk

    with commit():
        step(story, "publish", editor)

    assert mail.outbox == []
    assert told(Kind.PUBLISHED) == {"phongvien", "phongvien2"}


def test_a_mail_server_that_fails_does_not_stop_publishing(
    settings, desk, addresses, editor, commit, monkeypatch, caplog
):
    settings.NOTIFICATION_EMAILS = True
    story, _second = desk

    def broken(*args, **kwargs):
        raise ConnectionRefusedError("SMTP down")

    monkeypatch.setattr(notify, "send_mail", broken)
    with commit():
        step(story, "publish", editor)

    assert Article.objects.public().filter(pk=story.pk).exists()
    assert told(Kind.PUBLISHED) == {"phongvien", "phongvien2"}
    assert "Notification mail" in caplog.text


def test_publishing_through_the_admin_still_works_with_a_broken_mail_server(
    settings, desk, addresses, editor_client, monkeypatch, commit
):
    settings.NOTIFICATION_EMAILS = True
    story, _second = desk
    monkeypatch.setattr(notify, "send_mail", lambda *a, **k: 1 / 0)
    page = editor_client.get(factories.change_url(story))

    with commit():
        response = editor_client.post(
            factories.change_url(story), factories.form_data(page, workflow_action="publish")
        )

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.status == Status.PUBLISHED


# The notifications page


@pytest.fixture
def inboxes(desk, reporter, editor):
    """The editors are told of a hand-in; the reporters of a return."""
    story, second = desk
    step(story, "submit", reporter, at(hours=-2))
    step(story, "return", editor, at(hours=-1), comment=REASON)
    return story, second


def test_the_page_lists_my_notifications_with_links_to_the_story(
    reporter_client, inboxes, reporter
):
    story, _second = inboxes

    response = reporter_client.get(reverse(INBOX))

    assert response.status_code == 200
    listed = list(response.context["cl"].result_list)
    assert [n.kind for n in listed] == [Kind.RETURNED]
    page = response.content.decode()
    opened = reporter_client.get(reverse("admin:desk_notification_open", args=[listed[0].pk]))
    assert opened.status_code == 302 and opened["Location"] == factories.change_url(story)
    assert REASON in page


def test_opening_a_notification_marks_it_read(reporter_client, inboxes, reporter):
    mine = Notification.objects.get(recipient=reporter)

    reporter_client.get(reverse("admin:desk_notification_open", args=[mine.pk]))

    mine.refresh_from_db()
    assert mine.is_read


def test_nobody_opens_another_persons_notification(reporter_client, inboxes, editor):
    theirs = Notification.objects.get(recipient=editor)

    response = reporter_client.get(reverse("admin:desk_notification_open", args=[theirs.pk]))

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert not theirs.is_read


def test_nobody_sees_another_persons_notifications(client_for, inboxes, editor, reporter):
    theirs = Notification.objects.get(recipient=editor)
    client = client_for(reporter)

    listed = client.get(reverse(INBOX)).context["cl"].result_list
    direct = client.get(reverse("admin:desk_notification_change", args=[theirs.pk]))

    assert theirs not in listed
    assert direct.status_code in (302, 403, 404)
    assert "handed in" not in direct.content.decode()


def test_marking_chosen_notifications_read_touches_only_mine(
    reporter_client, inboxes, reporter, editor
):
    mine = Notification.objects.get(recipient=reporter)
    theirs = Notification.objects.get(recipient=editor)

    response = reporter_client.post(
        reverse(INBOX),
        {"action": "mark_read", "_selected_action": [mine.pk, theirs.pk]},
    )

    assert response.status_code == 302
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.is_read and not theirs.is_read


def test_mark_all_read_clears_only_my_inbox(reporter_client, inboxes, reporter):
    reporter_client.get(reverse(INBOX))

    response = reporter_client.post(reverse("admin:desk_notification_read_all"))

    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=reporter).unread().exists()
    assert Notification.objects.exclude(recipient=reporter).unread().count() == 3


def test_mark_all_read_needs_a_post(reporter_client, inboxes, reporter):
    response = reporter_client.get(reverse("admin:desk_notification_read_all"))

    assert response.status_code == 302
    assert Notification.objects.filter(recipient=reporter).unread().exists()


def test_mark_all_read_is_refused_without_the_forms_token(client_for, inboxes, reporter):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reporter)

    response = client.post(reverse("admin:desk_notification_read_all"))

    assert response.status_code == 403
    assert Notification.objects.filter(recipient=reporter).unread().exists()


def test_the_unread_filter_shows_what_is_left(reporter_client, inboxes, reporter):
    Notification.objects.filter(recipient=reporter).mark_read()

    listed = reporter_client.get(reverse(INBOX), {"unread": "1"}).context["cl"].result_list

    assert list(listed) == []


def test_the_page_costs_the_same_queries_for_one_notification_or_twenty(
    client_for, reporter, editor
):
    client = client_for(editor)

    def queries():
        client.get(reverse(INBOX))  # warm the per-process caches (content types, session)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse(INBOX)).status_code == 200
        return len(captured)

    step(factories.story(reporter, title="Bài viết số 0"), "submit", reporter)
    few = queries()
    for n in range(1, 20):
        step(factories.story(reporter, title=f"Bài viết số {n}"), "submit", reporter)
    assert Notification.objects.filter(recipient=editor).count() == 20

    assert queries() == few
