"""The moderators' queue in the admin: moderators (a role of their own) and editors see
readers' comments newest first, filter them by status or story, approve them, reject them
with one reason, correct a typo and block an address; who decided and when is kept.
Reporters see none of it."""

import datetime
import html
import re

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from comments.models import Comment, CommentSettings, Mode, Status, StorySetting
from tests import factories

from .conftest import comment

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site")]

QUEUE = "/quan-tri/comments/comment/"


def change_url(obj):
    return f"{QUEUE}{obj.pk}/change/"


def act(client, action, comments, **extra):
    return client.post(
        QUEUE,
        {"action": action, ACTION_CHECKBOX_NAME: [c.pk for c in comments], **extra},
    )


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def waiting(public_story):
    now = timezone.now()
    return [
        comment(
            public_story,
            text=f"Ý kiến số {n}",
            status=Status.PENDING,
            created_at=now - datetime.timedelta(minutes=n),
            ip_address=f"203.0.113.{n + 1}",
        )
        for n in range(3)
    ]


def test_moderators_see_the_queue_newest_first(moderator_client, waiting):
    response = moderator_client.get(QUEUE)

    assert response.status_code == 200
    text = response.content.decode()
    positions = [text.index(f"Ý kiến số {n}") for n in range(3)]
    assert positions == sorted(positions)
    assert "comments/queue.js" in text  # the keyboard shortcuts


@pytest.mark.parametrize("who", ["moderator", "editor"])
def test_moderators_and_editors_may_moderate(client, who, moderator, editor, waiting):
    client.force_login(moderator if who == "moderator" else editor)
    assert client.get(QUEUE).status_code == 200


def test_reporters_and_staff_without_a_role_see_no_comments(client, reporter, staff_user, waiting):
    for person in (reporter, staff_user):
        client.force_login(person)
        assert client.get(QUEUE).status_code == 403
        assert client.get(change_url(waiting[0])).status_code == 403
        response = act(client, "approve", waiting)
        assert response.status_code == 403
    assert Comment.objects.pending().count() == 3


def test_the_queue_filters_by_status_and_story(moderator_client, waiting, section):
    other = factories.ArticleFactory(title="Bão số 9 đổ bộ", section=section, published=True)
    comment(other, text="Ở chỗ tôi gió rất mạnh", status=Status.PENDING)
    comment(waiting[0].story, text="Đã duyệt rồi", status=Status.APPROVED)

    pending = moderator_client.get(QUEUE, {"status__exact": "pending"}).content.decode()
    assert "Đã duyệt rồi" not in pending and "Ý kiến số 0" in pending

    one_story = moderator_client.get(QUEUE, {"story": other.pk}).content.decode()
    assert "Ở chỗ tôi gió rất mạnh" in one_story and "Ý kiến số 0" not in one_story
    assert moderator_client.get(QUEUE, {"story": "abc"}).status_code == 200


def test_approving_records_who_and_when(moderator_client, moderator, waiting):
    before = timezone.now()

    response = act(moderator_client, "approve", waiting[:2])

    assert response.status_code == 302
    for approved in Comment.objects.filter(pk__in=[c.pk for c in waiting[:2]]):
        assert approved.status == Status.APPROVED
        assert approved.moderated_by == moderator
        assert approved.moderated_at >= before
    assert Comment.objects.get(pk=waiting[2].pk).status == Status.PENDING


def test_rejecting_asks_for_one_reason_first(moderator_client, moderator, waiting):
    asked = act(moderator_client, "reject", waiting[:2])

    assert asked.status_code == 200
    assert "Ý kiến số 0" in asked.content.decode()
    assert Comment.objects.pending().count() == 3

    no_reason = act(moderator_client, "reject", waiting[:2], apply="1", reason=" ")
    assert no_reason.status_code == 200
    assert Comment.objects.pending().count() == 3

    done = act(moderator_client, "reject", waiting[:2], apply="1", reason="Công kích cá nhân")
    assert done.status_code == 302
    rejected = Comment.objects.filter(status=Status.REJECTED)
    assert rejected.count() == 2
    assert {(c.reason, c.moderated_by) for c in rejected} == {("Công kích cá nhân", moderator)}


def test_a_moderator_corrects_a_typo_and_the_edit_is_in_the_history(
    moderator_client, moderator, waiting
):
    shown = waiting[0]
    response = moderator_client.get(change_url(shown))
    assert response.status_code == 200
    # Moderators may write to the writer; readers never see the address.
    assert "binh@example.vn" in response.content.decode()
    data = factories.form_data(response, text="Ý kiến số không, đã sửa lỗi chính tả")

    saved = moderator_client.post(change_url(shown), data)

    assert saved.status_code == 302
    shown.refresh_from_db()
    assert shown.text == "Ý kiến số không, đã sửa lỗi chính tả"
    assert shown.status == Status.PENDING
    assert shown.history.first().history_user == moderator


def test_approving_from_the_comments_page_records_the_moderator(
    moderator_client, moderator, waiting
):
    response = moderator_client.get(change_url(waiting[1]))
    data = factories.form_data(response, status=Status.APPROVED)

    assert moderator_client.post(change_url(waiting[1]), data).status_code == 302

    approved = Comment.objects.get(pk=waiting[1].pk)
    assert (approved.status, approved.moderated_by) == (Status.APPROVED, moderator)


def test_rejecting_from_the_comments_page_needs_a_reason(moderator_client, waiting):
    response = moderator_client.get(change_url(waiting[1]))
    data = factories.form_data(response, status=Status.REJECTED, reason="")

    assert moderator_client.post(change_url(waiting[1]), data).status_code == 200
    assert Comment.objects.get(pk=waiting[1].pk).status == Status.PENDING


def test_nobody_adds_a_comment_in_the_admin(moderator_client, editor_client):
    assert moderator_client.get(f"{QUEUE}add/").status_code == 403


def test_blocking_the_addresses_of_selected_comments(moderator_client, waiting):
    response = act(moderator_client, "block_addresses", waiting[:2])

    assert response.status_code == 302
    blocked = CommentSettings.load()
    assert blocked.blocks_address("203.0.113.1") and blocked.blocks_address("203.0.113.2")
    assert not blocked.blocks_address("203.0.113.3")


def test_moderators_keep_the_blocked_words(moderator_client):
    url = "/quan-tri/comments/commentsettings/"
    page = moderator_client.get(url, follow=True)
    data = factories.form_data(page, "commentsettings_form", blocked_words="lừa đảo\nđồ ngốc")
    moderator_client.post(page.redirect_chain[-1][0], data)

    assert CommentSettings.load().blocked_word_in("Đồ NGỐC") == "đồ ngốc"


def test_a_bad_blocked_address_is_refused_on_the_form(moderator_client):
    page = moderator_client.get("/quan-tri/comments/commentsettings/", follow=True)
    data = factories.form_data(page, "commentsettings_form", blocked_addresses="không phải IP")

    response = moderator_client.post(page.redirect_chain[-1][0], data)

    assert response.status_code == 200
    assert CommentSettings.load().blocked_addresses == ""


def test_an_editor_closes_comments_on_a_story_from_its_page(editor_client, public_story):
    response = editor_client.get(factories.change_url(public_story))
    data = factories.form_data(response, **{"comment_setting-0-mode": Mode.CLOSED})

    saved = editor_client.post(factories.change_url(public_story), data)

    assert saved.status_code == 302, saved.content.decode()[:3000]
    assert StorySetting.objects.get(story=public_story).mode == Mode.CLOSED


def test_the_queue_runs_the_same_queries_for_few_and_many(moderator_client, public_story):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert moderator_client.get(QUEUE).status_code == 200
        return len(captured)

    for n in range(3):
        comment(public_story, status=Status.PENDING, text=f"Ít {n}")
    few = queries()
    for n in range(30):
        comment(public_story, status=Status.PENDING, text=f"Nhiều {n}")
    assert queries() == few


def test_the_admin_header_counts_the_comments_waiting(moderator_client, waiting):
    page = moderator_client.get("/quan-tri/").content.decode()

    found = re.search(
        r'href="([^"]+)"[^>]*data-count="comments">[^<]*<span class="desk-count-number">(\d+)<',
        page,
    )
    assert found, "no count of the comments waiting in the header"
    assert html.unescape(found[1]) == f"{QUEUE}?status__exact=pending"
    assert found[2] == "3"


def test_reporters_do_not_open_or_close_comments_on_a_story(reporter_client, reporter, section):
    story = factories.story(reporter, section=section)
    page = reporter_client.get(factories.change_url(story)).content.decode()
    assert "comment_setting-TOTAL_FORMS" not in page
