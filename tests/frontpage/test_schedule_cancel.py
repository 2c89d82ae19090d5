"""Cancelling a scheduled edition from the board screen before its minute: readers never see
it (every cache layer on, at and after the old minute), it is the board's one draft again
and can be changed and scheduled anew; an edition whose minute has come is refused, as are
reporters and stale or crafted posts. Restoring a scheduled edition starts a draft from
it. The plain Edition admin only shows editions: no status is changed there."""

import datetime
import html

import pytest
import time_machine
from django.db import connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from frontpage.models import Board, Edition, Slot
from frontpage.signals import next_edition
from newsroom.caching import tags
from tests import factories
from tests.conftest import switch_caches_on
from tests.factories import form_data, in_vietnamese

from .conftest import edition

pytestmark = pytest.mark.django_db
MINUTE = datetime.timedelta(minutes=1)
HOUR = datetime.timedelta(hours=1)
PASSED = (
    "Edition #%(number)s went live at %(time)s: its schedule can no longer be cancelled. "
    "To replace it, publish another edition."
)


@pytest.fixture
def board(db):
    return Board.objects.get_or_create(page="home")[0]


@pytest.fixture
def caches_on(settings, monkeypatch):
    """Every cache layer on, as readers get the site; what waits for the commit (the new
    version of the boards tag) runs at once, as right after the save in production."""
    switch_caches_on(settings)
    for connection in connections.all():
        monkeypatch.setattr(connection, "on_commit", lambda func, robust=False: func())


def text(response):
    return html.unescape(response.content.decode())


def top(page):
    """The top stories region of the home page."""
    return page.split('class="home-top"', 1)[1].split("</section>", 1)[0]


def lead_of_home(client):
    response = client.get("/")
    assert response.status_code == 200
    return top(text(response))


def history_url(board):
    return reverse("admin:frontpage_board_editions", args=[board.pk])


def cancel_url(board, edition_):
    return reverse("admin:frontpage_board_cancel", args=[board.pk, edition_.pk])


def cancel_from(client, page_url, edition_):
    """Press "Cancel schedule" for ``edition_`` on the page at ``page_url``, as shown."""
    page = client.get(page_url)
    form_id = f"board-cancel-{edition_.pk}"
    assert f'id="{form_id}"' in page.content.decode()
    return client.post(cancel_url(edition_.board, edition_), form_data(page, form_id))


def slots(edition_):
    return list(edition_.slots.order_by("name", "position").values_list("name", "story_id"))


# Readers


@pytest.mark.parametrize("cancelled", [True, False], ids=["cancelled", "left-scheduled"])
def test_readers_keep_the_live_edition_at_and_after_the_cancelled_minute(
    caches_on, editor_client, client_for, board, stories, cancelled
):
    reader = client_for(None)
    now = timezone.now().replace(second=0, microsecond=0)
    with time_machine.travel(now, tick=False):
        edition(publish_at=now - HOUR, lead=[stories[3]])
        planned = edition(
            status=Edition.Status.SCHEDULED, publish_at=now + 10 * MINUTE, lead=[stories[9]]
        )
        # The reader's page is kept (under the boards tag, until the planned minute).
        assert stories[3].title in lead_of_home(reader)
        assert stories[9].title not in lead_of_home(reader)
        assert next_edition(now.timestamp()) == (now + 10 * MINUTE).timestamp()
        before = tags.read()[0]["boards"]
        if cancelled:
            answer = cancel_from(editor_client, history_url(board), planned)
            assert answer.status_code == 302
            assert tags.read()[0]["boards"] != before  # the caches were told
            assert next_edition(now.timestamp()) is None  # the clock no longer counts it
        assert stories[9].title not in lead_of_home(reader)

    for moment in (10 * MINUTE - datetime.timedelta(seconds=1), 10 * MINUTE, 11 * MINUTE, HOUR):
        with time_machine.travel(now + moment, tick=False):
            shown = lead_of_home(reader)
            past_the_minute = moment >= 10 * MINUTE
            if cancelled or not past_the_minute:
                assert stories[9].title not in shown, moment
                assert shown.index(stories[3].title) < shown.index(stories[0].title)
            else:  # the same page without the cancelling: the planned edition goes live
                assert shown.index(stories[9].title) < shown.index(stories[0].title)


# The board screen


def test_a_cancelled_edition_is_the_boards_one_draft_again_and_can_be_changed(
    editor_client, board, stories
):
    working = edition(status=Edition.Status.DRAFT, lead=[stories[1]])
    planned = edition(
        status=Edition.Status.SCHEDULED,
        publish_at=timezone.now() + 3 * HOUR,
        lead=[stories[9]],
        subleads=[stories[8]],
    )
    screen = reverse("admin:frontpage_board_screen", args=[board.pk])

    answer = cancel_from(editor_client, screen, planned)

    assert answer.status_code == 302 and answer.url == screen
    planned.refresh_from_db()
    working.refresh_from_db()
    assert (planned.status, planned.publish_at) == (Edition.Status.DRAFT, None)
    assert working.status == Edition.Status.ARCHIVED  # set aside, in the history
    assert list(board.editions.filter(status=Edition.Status.DRAFT)) == [planned]
    assert slots(planned) == [("lead", stories[9].pk), ("subleads", stories[8].pk)]
    page = text(editor_client.get(answer.url))
    done = in_vietnamese(
        "Schedule cancelled: edition #%(number)s is the board's draft again; readers do not see it."
    ) % {"number": planned.pk}
    assert done in page
    assert (
        in_vietnamese(
            "The draft being worked on (#%(numbers)s) was set aside: it is in the history."
        )
        % {"numbers": working.pk}
        in page
    )
    # The board opens on it, and it saves and schedules again.
    assert f'name="edition" value="{planned.pk}"' in page
    assert f'name="lead-0-story" value="{stories[9].pk}"' in page
    shown = editor_client.get(screen)
    data = form_data(shown, "board_form", action="save", **{"lead-0-story": str(stories[7].pk)})
    assert editor_client.post(screen, data).status_code == 302
    planned.refresh_from_db()
    assert slots(planned) == [("lead", stories[7].pk), ("subleads", stories[8].pk)]
    at = (timezone.now() + 5 * HOUR).replace(second=0, microsecond=0)
    shown = editor_client.get(screen)
    local = timezone.localtime(at, datetime.timezone(datetime.timedelta(hours=7)))
    data = form_data(
        shown, "board_form", action="schedule", publish_at=local.strftime("%Y-%m-%dT%H:%M")
    )
    assert editor_client.post(screen, data).status_code == 302
    planned.refresh_from_db()
    assert (planned.status, planned.publish_at) == (Edition.Status.SCHEDULED, at)


def test_the_board_and_its_history_offer_cancelling_only_before_the_minute(
    editor_client, board, stories
):
    live = edition(status=Edition.Status.SCHEDULED, lead=[stories[0]])  # its minute has come
    planned = edition(
        status=Edition.Status.SCHEDULED, publish_at=timezone.now() + HOUR, lead=[stories[1]]
    )
    published = edition(publish_at=timezone.now() - 2 * HOUR, lead=[stories[2]])
    for url in (
        reverse("admin:frontpage_board_screen", args=[board.pk]),
        history_url(board),
        reverse("admin:frontpage_board_edition", args=[board.pk, planned.pk]),
    ):
        page = editor_client.get(url).content.decode()
        assert f'id="board-cancel-{planned.pk}"' in page, url
        assert in_vietnamese("Cancel schedule") in page
        assert f'id="board-cancel-{live.pk}"' not in page
        assert f'id="board-cancel-{published.pk}"' not in page
    for done in (live, published):
        page = editor_client.get(reverse("admin:frontpage_board_edition", args=[board.pk, done.pk]))
        assert "board-cancel-" not in page.content.decode()


def test_an_edition_whose_minute_has_come_is_refused_with_a_clear_message(
    editor_client, board, stories
):
    now = timezone.now().replace(second=0, microsecond=0)
    with time_machine.travel(now, tick=False):
        planned = edition(
            status=Edition.Status.SCHEDULED, publish_at=now + 10 * MINUTE, lead=[stories[9]]
        )
        data = form_data(editor_client.get(history_url(board)), f"board-cancel-{planned.pk}")
    # The page was opened before the minute; the button is pressed once it has come.
    with time_machine.travel(now + 10 * MINUTE, tick=False):
        answer = editor_client.post(cancel_url(board, planned), data)
        assert answer.status_code == 302 and answer.url == history_url(board)
        page = text(editor_client.get(answer.url))
    local = timezone.localtime(planned.publish_at, datetime.timezone(datetime.timedelta(hours=7)))
    time = local.strftime("%d/%m/%Y %H:%M") + " (GMT+7)"
    assert in_vietnamese(PASSED) % {"number": planned.pk, "time": time} in page
    planned.refresh_from_db()
    assert (planned.status, planned.publish_at) == (Edition.Status.SCHEDULED, now + 10 * MINUTE)
    assert Edition.objects.live(board, now + 10 * MINUTE) == planned
    assert not board.editions.filter(status=Edition.Status.DRAFT).exists()


@pytest.mark.parametrize("case", ["draft", "published", "archived", "stale", "no version"])
def test_what_is_not_a_schedule_to_cancel_is_refused_and_nothing_changes(
    editor_client, board, stories, case
):
    status = {"draft": "draft", "published": "published", "archived": "archived"}.get(
        case, Edition.Status.SCHEDULED
    )
    target = edition(status=status, publish_at=timezone.now() + HOUR, lead=[stories[4]])
    version = {"stale": target.version + 1, "no version": ""}.get(case, target.version)
    answer = editor_client.post(cancel_url(board, target), {"version": version})
    assert answer.status_code == 302
    page = text(editor_client.get(answer.url))
    assert 'class="error"' in page  # the message list says why
    expected = {
        "stale": "Someone else changed edition #%(number)s since you opened this page: "
        "nothing was cancelled. Look at it again.",
        "no version": "The form is incomplete: reload the board and try again.",
    }.get(case, "Edition #%(number)s is not scheduled: there is no schedule to cancel.")
    assert in_vietnamese(expected).replace("%(number)s", str(target.pk)) in page
    before = (target.status, target.publish_at, target.version)
    target.refresh_from_db()
    assert (target.status, target.publish_at, target.version) == before
    assert board.editions.count() == 1


def test_cancelling_takes_a_post(editor_client, board, stories):
    planned = edition(status=Edition.Status.SCHEDULED, publish_at=timezone.now() + HOUR)
    assert editor_client.get(cancel_url(board, planned)).status_code == 405
    planned.refresh_from_db()
    assert planned.status == Edition.Status.SCHEDULED


def test_an_edition_of_another_board_is_not_found(editor_client, board, section):
    other = Board.objects.create(section=section)
    planned = edition(status=Edition.Status.SCHEDULED, publish_at=timezone.now() + HOUR)
    url = reverse("admin:frontpage_board_cancel", args=[other.pk, planned.pk])
    assert editor_client.post(url, {"version": planned.version}).status_code == 404
    planned.refresh_from_db()
    assert planned.status == Edition.Status.SCHEDULED


def test_cancelling_needs_the_csrf_token(editor, board):
    planned = edition(status=Edition.Status.SCHEDULED, publish_at=timezone.now() + HOUR)
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    answer = client.post(cancel_url(board, planned), {"version": planned.version})
    assert answer.status_code == 403
    planned.refresh_from_db()
    assert planned.status == Edition.Status.SCHEDULED


@pytest.mark.parametrize("who", ["reporter", "staff without a role"])
def test_reporters_are_refused_even_with_a_crafted_post(client_for, board, stories, who):
    user = factories.reporter(username="phongvien") if who == "reporter" else None
    user = user or factories.UserFactory(username="nhanvien")
    planned = edition(
        status=Edition.Status.SCHEDULED, publish_at=timezone.now() + HOUR, lead=[stories[9]]
    )
    answer = client_for(user).post(
        cancel_url(board, planned), {"version": planned.version, "back": "screen"}
    )
    assert answer.status_code == 403
    planned.refresh_from_db()
    assert planned.status == Edition.Status.SCHEDULED
    assert planned.publish_at is not None and board.editions.count() == 1


# Starting a draft from a scheduled edition


def test_restoring_a_scheduled_edition_starts_a_draft_from_it_and_keeps_the_schedule(
    editor_client, board, stories
):
    edition(publish_at=timezone.now() - HOUR, lead=[stories[0]])  # live
    at = timezone.now().replace(second=0, microsecond=0) + 2 * HOUR
    planned = edition(
        status=Edition.Status.SCHEDULED,
        publish_at=at,
        lead=[(stories[9], {"title": "Bản sáng"})],
        subleads=stories[5:7],
    )
    screen = reverse("admin:frontpage_board_screen", args=[board.pk])
    page = editor_client.get(screen)
    restore = reverse("admin:frontpage_board_restore", args=[board.pk, planned.pk])
    assert f'action="{restore}"' in page.content.decode()  # offered beside the schedule

    answer = editor_client.post(restore)

    assert answer.status_code == 302 and answer.url == screen
    draft = board.editions.get(status=Edition.Status.DRAFT)
    assert list(draft.slots.order_by("name", "position").values_list("story_id", "title")) == [
        (stories[9].pk, "Bản sáng"),
        (stories[5].pk, ""),
        (stories[6].pk, ""),
    ]
    planned.refresh_from_db()
    assert (planned.status, planned.publish_at) == (Edition.Status.SCHEDULED, at)
    assert f'name="edition" value="{draft.pk}"' in text(editor_client.get(screen))
    assert Edition.objects.live(board, at) == planned  # still goes live at its minute


# The plain Edition admin


@pytest.fixture
def superuser(db):
    return factories.UserFactory(username="tongbientap", is_superuser=True)


@pytest.mark.parametrize("who", ["editor", "superuser"])
def test_the_plain_edition_admin_only_shows_editions(client_for, editor, superuser, stories, who):
    client = client_for(editor if who == "editor" else superuser)
    planned = edition(
        status=Edition.Status.SCHEDULED, publish_at=timezone.now() + HOUR, lead=[stories[9]]
    )
    change = reverse("admin:frontpage_edition_change", args=[planned.pk])

    listed = client.get(reverse("admin:frontpage_edition_changelist"))
    assert listed.status_code == 200
    board_edition = reverse("admin:frontpage_board_edition", args=[planned.board_id, planned.pk])
    assert f'href="{board_edition}"' in listed.content.decode()
    shown = client.get(change)
    assert shown.status_code == 200
    page = shown.content.decode()
    assert 'name="status"' not in page and 'name="slots-0-story"' not in page
    assert f'href="{board_edition}"' in page  # to the board screen, where it is changed
    assert in_vietnamese("View on the board screen") in page

    # A crafted POST of the change form changes nothing, slots included.
    crafted = {
        "board": planned.board_id,
        "status": Edition.Status.ARCHIVED,
        "publish_at_0": "01/01/2020",
        "publish_at_1": "00:00",
        "slots-TOTAL_FORMS": "1",
        "slots-INITIAL_FORMS": "1",
        "slots-MIN_NUM_FORMS": "0",
        "slots-MAX_NUM_FORMS": "1000",
        "slots-0-id": planned.slots.get().pk,
        "slots-0-edition": planned.pk,
        "slots-0-name": "lead",
        "slots-0-position": "0",
        "slots-0-story": stories[0].pk,
        "slots-0-DELETE": "on",
        "_save": "1",
    }
    assert client.post(change, crafted).status_code == 403
    assert client.post(reverse("admin:frontpage_edition_add"), crafted).status_code == 403
    delete = reverse("admin:frontpage_edition_delete", args=[planned.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    bulk = {"action": "delete_selected", "_selected_action": [planned.pk], "post": "yes"}
    client.post(reverse("admin:frontpage_edition_changelist"), bulk)
    planned.refresh_from_db()
    assert (planned.status, planned.version) == (Edition.Status.SCHEDULED, 1)
    assert list(Slot.objects.values_list("edition", "story")) == [(planned.pk, stories[9].pk)]
