"""The editor's board screen in the admin: find a story (accents optional, scheduled ones
too, never drafts), fill the slots, save, publish now or at a minute, preview, restore
an old edition; two editors never lose each other's work, reporters are refused by the
server, and bad input changes nothing."""

import datetime
import html
import re
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Status
from frontpage.models import Board, Edition
from sections.models import Section
from tests import factories
from tests.factories import form_data, in_vietnamese

from .conftest import edition

pytestmark = pytest.mark.django_db
VIETNAM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
HOUR = datetime.timedelta(hours=1)
CONFLICT = (
    "Someone else saved this board while you were editing it. Your changes were "
    "not saved: reload the board to see theirs."
)


@pytest.fixture
def board(db):
    return Board.objects.get_or_create(page="home")[0]


def screen_url(board):
    return reverse("admin:frontpage_board_screen", args=[board.pk])


def search_url():
    return reverse("admin:frontpage_board_stories")


def text(response):
    return html.unescape(response.content.decode())


def slots(draft):
    return list(draft.slots.order_by("name", "position").values_list("name", "story_id", "title"))


def top(page):
    """The top stories region of the home page."""
    return page.split('class="home-top"', 1)[1].split("</section>", 1)[0]


def open_board(client, board):
    response = client.get(screen_url(board))
    assert response.status_code == 200
    return response


def submit(client, board, response, action="save", **changes):
    data = form_data(response, "board_form", action=action, **changes)
    return client.post(screen_url(board), data)


def the_draft(board):
    return board.editions.get(status=Edition.Status.DRAFT)


# Finding stories


@pytest.fixture
def conference(section):
    """Stories about a conference: public, scheduled, a draft, a withdrawn one."""
    now = timezone.now()
    return {
        "public": factories.ArticleFactory(
            section=section, title="Hội nghị khoa học trẻ", published=True
        ),
        "scheduled": factories.ArticleFactory(
            section=section,
            title="Hội nghị thượng đỉnh ASEAN",
            status=Status.PUBLISHED,
            publication_at=now + 3 * HOUR,
        ),
        "draft": factories.ArticleFactory(section=section, title="Hội nghị còn nháp"),
        "withdrawn": factories.ArticleFactory(
            section=section, title="Hội nghị đã gỡ", status=Status.WITHDRAWN
        ),
    }


def test_search_finds_public_and_scheduled_stories_without_accents_but_not_drafts(
    editor_client, conference, section
):
    response = editor_client.get(search_url(), {"q": "hoi nghi"})
    assert response.status_code == 200
    found = response.json()["results"]
    # Newest first: the scheduled story goes live in three hours.
    assert [story["id"] for story in found] == [
        conference["scheduled"].pk,
        conference["public"].pk,
    ]
    assert [story["scheduled"] for story in found] == [True, False]
    assert found[0]["title"] == "Hội nghị thượng đỉnh ASEAN"
    assert found[0]["section"] == section.name
    local = timezone.localtime(conference["scheduled"].publication_at, VIETNAM)
    assert found[0]["time"] == local.strftime("%d/%m/%Y %H:%M") + " (GMT+7)"


@pytest.mark.parametrize("typed", ["Hội nghị", "HOI NGH", "thuong dinh", "hội  ngh"])
def test_search_as_you_type_matches_the_beginnings_of_words(editor_client, conference, typed):
    found = editor_client.get(search_url(), {"q": typed}).json()["results"]
    assert conference["scheduled"].pk in [story["id"] for story in found]
    assert conference["draft"].pk not in [story["id"] for story in found]


def test_search_finds_a_story_by_its_number(editor_client, conference):
    found = editor_client.get(search_url(), {"q": str(conference["public"].pk)}).json()
    assert [story["id"] for story in found["results"]] == [conference["public"].pk]


def test_search_gives_twenty_stories_at_most(editor_client, stories, section):
    for _n in range(15):
        factories.ArticleFactory(section=section, title="Tin số thêm", published=True)
    found = editor_client.get(search_url(), {"q": "tin so"}).json()["results"]
    assert len(found) == 20


@pytest.mark.parametrize("typed", ["", "   ", "<>!&|", "a" * 101, "\x07\u200b"])
def test_bad_search_gets_a_clear_400(editor_client, typed):
    response = editor_client.get(search_url(), {"q": typed})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]


def test_without_script_the_board_searches_and_shows_the_numbers_to_type(
    editor_client, board, conference
):
    page = text(editor_client.get(screen_url(board), {"q": "hoi nghi"}))
    results = page.split('id="board-results"', 1)[1].split("</ul>", 1)[0]
    assert conference["public"].title in results
    assert in_vietnamese("No. %(number)s") % {"number": conference["scheduled"].pk} in results
    assert conference["draft"].title not in results


# The screen


def test_the_board_opens_on_a_draft_filled_as_the_live_edition(editor_client, board, stories):
    edition(lead=[stories[5]], subleads=stories[1:3])
    page = text(open_board(editor_client, board))
    draft = the_draft(board)
    assert slots(draft) == [
        ("lead", stories[5].pk, ""),
        ("subleads", stories[1].pk, ""),
        ("subleads", stories[2].pk, ""),
    ]
    for label in ("Lead story", "Sub-leads", "Spotlight"):
        assert in_vietnamese(label) in page
    assert "1/1" in page and "2/4" in page and "0/3" in page
    assert stories[5].title in page
    assert f'name="version" value="{draft.version}"' in page
    # Opened again, the same draft.
    open_board(editor_client, board)
    assert board.editions.filter(status=Edition.Status.DRAFT).count() == 1


def test_a_sections_board_has_the_sections_slots(editor_client, section, stories):
    board = Board.objects.create(section=section)
    page = text(open_board(editor_client, board))
    assert in_vietnamese("Lead story") in page and "0/3" in page
    assert in_vietnamese("Spotlight") not in page
    assert 'name="subleads-2-story"' in page and 'name="subleads-3-story"' not in page


def test_an_editor_fills_and_saves_the_draft(editor_client, board, stories):
    response = open_board(editor_client, board)
    saved = submit(
        editor_client,
        board,
        response,
        **{
            "lead-0-story": str(stories[7].pk),
            "lead-0-title": "Tiêu đề riêng",
            "subleads-0-story": str(stories[2].pk),
            "subleads-2-story": str(stories[4].pk),
        },
    )
    assert saved.status_code == 302
    draft = the_draft(board)
    assert slots(draft) == [
        ("lead", stories[7].pk, "Tiêu đề riêng"),
        ("subleads", stories[2].pk, ""),
        ("subleads", stories[4].pk, ""),
    ]
    assert draft.version == 2
    page = text(editor_client.get(saved.url))
    assert in_vietnamese("Draft saved. Readers see it once it is published.") in page
    assert Edition.objects.live("home") is None  # a draft is not live


def test_publish_now_puts_the_story_on_the_readers_home_page(
    editor_client, board, stories, client_for
):
    response = open_board(editor_client, board)
    published = submit(
        editor_client, board, response, "publish", **{"lead-0-story": str(stories[9].pk)}
    )
    assert published.status_code == 302
    live = Edition.objects.live("home")
    assert live.status == Edition.Status.PUBLISHED
    assert slots(live) == [("lead", stories[9].pk, "")]
    home = top(text(client_for(None).get("/")))
    assert home.index(stories[9].title) < home.index(stories[0].title)
    # The next visit to the board starts a new draft from what is live.
    open_board(editor_client, board)
    assert slots(the_draft(board)) == [("lead", stories[9].pk, "")]


def test_schedule_at_a_minute_in_vietnam_time(editor_client, board, stories):
    response = open_board(editor_client, board)
    at = (timezone.now() + 2 * HOUR).astimezone(VIETNAM).replace(second=0, microsecond=0)
    scheduled = submit(
        editor_client,
        board,
        response,
        "schedule",
        publish_at=at.strftime("%Y-%m-%dT%H:%M"),
        **{"lead-0-story": str(stories[9].pk)},
    )
    assert scheduled.status_code == 302
    edition_ = board.editions.get(status=Edition.Status.SCHEDULED)
    assert edition_.publish_at == at
    assert slots(edition_) == [("lead", stories[9].pk, "")]
    assert Edition.objects.live("home") is None
    page = text(editor_client.get(scheduled.url))
    assert (
        in_vietnamese("Scheduled: this edition goes live at %(time)s.")
        % {"time": at.strftime("%d/%m/%Y %H:%M") + " (GMT+7)"}
        in page
    )


def test_preview_saves_the_draft_and_opens_its_preview(editor_client, board, stories):
    response = open_board(editor_client, board)
    answer = submit(
        editor_client, board, response, "preview", **{"lead-0-story": str(stories[6].pk)}
    )
    draft = the_draft(board)
    assert answer.status_code == 302
    assert answer.url == reverse("admin:frontpage_board_preview", args=[board.pk, draft.pk])
    assert slots(draft) == [("lead", stories[6].pk, "")]


def test_two_editors_never_lose_each_others_work(board, stories, client_for, editor):
    other = factories.editor(username="bientap2")
    first, second = client_for(editor), client_for(other)
    seen_by_first = open_board(first, board)
    seen_by_second = open_board(second, board)

    submit(second, board, seen_by_second, **{"lead-0-story": str(stories[3].pk)})
    refused = submit(first, board, seen_by_first, **{"lead-0-story": str(stories[8].pk)})

    assert refused.status_code == 200
    page = text(refused)
    assert in_vietnamese(CONFLICT) in page
    # What the first editor typed is still on their screen, and saved nowhere.
    assert f'name="lead-0-story" value="{stories[8].pk}"' in page
    assert slots(the_draft(board)) == [("lead", stories[3].pk, "")]


# Reporters


REFUSED = [
    ("get", "screen"),
    ("post", "screen"),
    ("get", "stories"),
    ("get", "editions"),
    ("get", "edition"),
    ("post", "restore"),
    ("post", "cancel"),
    ("get", "preview"),
    ("get", "preview_page"),
]


@pytest.mark.parametrize(("method", "view"), REFUSED)
def test_reporters_are_refused_even_with_a_crafted_post(
    reporter_client, board, stories, method, view
):
    draft = edition(status=Edition.Status.DRAFT, lead=[stories[0]])
    args = {"stories": []}.get(view, [board.pk])
    if view in ("edition", "restore", "cancel", "preview", "preview_page"):
        args = [board.pk, draft.pk]
    url = reverse(f"admin:frontpage_board_{view}", args=args)
    data = {"edition": draft.pk, "version": draft.version, "action": "publish"}
    data["lead-0-story"] = stories[5].pk
    response = getattr(reporter_client, method)(url, data if method == "post" else {"q": "tin"})
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.status == Edition.Status.DRAFT
    assert slots(draft) == [("lead", stories[0].pk, "")]
    assert board.editions.count() == 1


def test_a_staff_account_without_a_role_is_refused(client_for, staff_user, board):
    assert client_for(staff_user).get(screen_url(board)).status_code == 403


# Flags


def test_a_withdrawn_story_is_flagged_on_the_board(editor_client, board, stories):
    edition(status=Edition.Status.DRAFT, lead=[stories[0]], subleads=stories[1:3])
    stories[1].status = Status.WITHDRAWN
    stories[1].save()
    page = text(open_board(editor_client, board))
    flag = in_vietnamese(
        "Story withdrawn or not yet published: this place shows the newest story instead."
    )
    assert page.count(flag) == 1
    flagged_place = page.split(flag, 1)[0].rsplit("<li", 1)[1]
    assert "is-flagged" in flagged_place and stories[1].title in flagged_place


def test_a_scheduled_story_is_flagged_with_its_time(editor_client, board, conference):
    scheduled = conference["scheduled"]
    edition(status=Edition.Status.DRAFT, lead=[scheduled])
    page = text(open_board(editor_client, board))
    local = timezone.localtime(scheduled.publication_at, VIETNAM)
    message = in_vietnamese(
        "Scheduled story: it goes live at %(time)s; until then this place shows the newest story."
    )
    assert message % {"time": local.strftime("%d/%m/%Y %H:%M") + " (GMT+7)"} in page


def test_titles_are_escaped_on_the_board_and_in_the_search(editor_client, board, section):
    story = factories.ArticleFactory(
        section=section, title='Bài <b>"đặc biệt"</b> </script>', published=True
    )
    edition(status=Edition.Status.DRAFT, lead=[(story, {"title": "<i>riêng</i>"})])
    page = open_board(editor_client, board).content.decode()
    assert "<b>" not in page and "<i>riêng" not in page
    assert "&lt;b&gt;" in page and "&lt;i&gt;riêng" in page
    found = editor_client.get(search_url(), {"q": "dac biet"})
    assert found["Content-Type"] == "application/json"  # JSON, never read as a page
    assert found.json()["results"][0]["title"] == story.title


# History


def test_history_lists_the_editions_and_restores_one_into_a_new_draft(
    editor_client, board, stories, editor
):
    old = edition(publish_at=timezone.now() - 48 * HOUR, lead=[(stories[8], {"title": "Cũ"})])
    old.created_by = editor
    old.save()
    edition(lead=[stories[0]])
    page = text(editor_client.get(reverse("admin:frontpage_board_editions", args=[board.pk])))
    assert f"#{old.pk}" in page
    assert editor.get_full_name() in page
    local = timezone.localtime(old.publish_at, VIETNAM)
    assert local.strftime("%d/%m/%Y %H:%M") + " (GMT+7)" in page

    shown = editor_client.get(reverse("admin:frontpage_board_edition", args=[board.pk, old.pk]))
    assert stories[8].title in text(shown) and "Cũ" in text(shown)

    restore = reverse("admin:frontpage_board_restore", args=[board.pk, old.pk])
    assert editor_client.get(restore).status_code == 405
    answer = editor_client.post(restore)
    assert answer.status_code == 302 and answer.url == screen_url(board)
    draft = the_draft(board)
    assert slots(draft) == [("lead", stories[8].pk, "Cũ")]
    assert draft.created_by == editor
    assert Edition.objects.live("home").slots.get().story == stories[0]  # nothing went live
    assert stories[8].title in text(open_board(editor_client, board))


def test_restoring_sets_aside_the_draft_being_worked_on(editor_client, board, stories):
    working = edition(status=Edition.Status.DRAFT, lead=[stories[1]])
    old = edition(lead=[stories[2]])
    editor_client.post(reverse("admin:frontpage_board_restore", args=[board.pk, old.pk]))
    working.refresh_from_db()
    assert working.status == Edition.Status.ARCHIVED
    assert slots(the_draft(board)) == [("lead", stories[2].pk, "")]


# Preview


def test_preview_shows_the_drafts_lead_and_the_live_home_page_stays(
    editor_client, board, stories, client_for, reader_caches
):
    client = client_for(None)  # a reader
    edition(lead=[stories[0]])
    draft = edition(status=Edition.Status.DRAFT, lead=[stories[9]])
    before = top(text(client.get("/")))
    assert stories[9].title not in before

    frame = editor_client.get(reverse("admin:frontpage_board_preview", args=[board.pk, draft.pk]))
    page_url = reverse("admin:frontpage_board_preview_page", args=[board.pk, draft.pk])
    assert f'src="{page_url}"' in frame.content.decode()
    preview = editor_client.get(page_url)
    assert preview.status_code == 200
    assert top(text(preview)).index(stories[9].title) < top(text(preview)).index(stories[0].title)
    cache_control = {part.strip() for part in preview["Cache-Control"].split(",")}
    assert {"no-cache", "no-store", "private"} <= cache_control
    assert "noindex" in preview["X-Robots-Tag"]
    assert preview["X-Frame-Options"] == "SAMEORIGIN"

    after = top(text(client.get("/")))
    assert stories[9].title not in after
    assert after.index(stories[0].title) < after.index(stories[1].title)


def test_preview_offers_desktop_and_phone_widths(editor_client, board, stories):
    draft = edition(status=Edition.Status.DRAFT, lead=[stories[9]])
    url = reverse("admin:frontpage_board_preview", args=[board.pk, draft.pk])
    desktop = editor_client.get(url).content.decode()
    assert 'class="board-preview__frame"' in desktop
    assert f'href="{url}?width=phone"' in desktop
    phone = editor_client.get(url, {"width": "phone"}).content.decode()
    assert 'class="board-preview__frame is-phone"' in phone


def test_a_section_boards_preview_shows_its_drafts_lead_on_the_sections_page(
    editor_client, stories, section, client_for
):
    board = Board.objects.create(section=section)
    draft = edition(status=Edition.Status.DRAFT, board=board, lead=[stories[9]])
    url = reverse("admin:frontpage_board_preview_page", args=[board.pk, draft.pk])
    page = text(editor_client.get(url))
    assert section.name in page
    assert top(page).index(stories[9].title) < top(page).index(stories[0].title)
    # Readers' section page: nothing curated is live there.
    assert 'class="home-top"' not in text(client_for(None).get(section.get_absolute_url()))


# Bad input changes nothing


BAD = {
    "unknown story": (
        {"lead-0-story": "999999"},
        "No published or scheduled story has this number.",
    ),
    "not a number": ({"lead-0-story": "12abc"}, "A story's number is digits only."),
    "a draft": ({"lead-0-story": "draft"}, "No published or scheduled story has this number."),
    "too many": (
        {"lead-0-story": "first", "lead-1-story": "second"},
        "“%(label)s” takes at most %(count)d stories.",
    ),
    "twice": (
        {"lead-0-story": "first", "subleads-0-story": "first"},
        "A story can fill only one slot.",
    ),
    "no such slot": ({"nowhere-0-story": "first"}, "There is no slot “%(name)s” on this page."),
    "unknown image": (
        {"lead-0-story": "first", "lead-0-image": "999999"},
        "Unknown image: give the number of an image in the library.",
    ),
    "two-line title": (
        {"lead-0-story": "first", "lead-0-title": "Một\ndòng"},
        "This field must be a single line.",
    ),
    "no version": ({"lead-0-story": "first", "version": "x"}, None),
    "no edition": ({"lead-0-story": "first", "edition": "99999"}, None),
    "unknown action": ({"lead-0-story": "first", "action": "delete"}, None),
    "past schedule": (
        {"lead-0-story": "first", "action": "schedule", "publish_at": "past"},
        "That time has passed: choose a later minute, or publish now.",
    ),
    "this minute": (
        {"lead-0-story": "first", "action": "schedule", "publish_at": "now"},
        "That time has passed: choose a later minute, or publish now.",
    ),
    "garbled time": (
        {"lead-0-story": "first", "action": "schedule", "publish_at": "31/02/2026 25:61"},
        "Enter the time to publish as dd/mm/yyyy hh:mm (Vietnam time).",
    ),
    "year one": (
        {"lead-0-story": "first", "action": "schedule", "publish_at": "0001-01-01T00:00"},
        "Enter the time to publish as dd/mm/yyyy hh:mm (Vietnam time).",
    ),
}


@pytest.mark.parametrize("case", BAD)
def test_bad_input_gets_a_clear_error_and_changes_nothing(
    editor_client, board, stories, section, case
):
    changes, message = BAD[case]
    unpublished = factories.ArticleFactory(section=section, status=Status.DRAFT)
    named = {"first": stories[0].pk, "second": stories[1].pk, "draft": unpublished.pk}
    now = timezone.now().astimezone(VIETNAM)
    named["past"] = (now - HOUR).strftime("%d/%m/%Y %H:%M")
    named["now"] = now.strftime("%Y-%m-%dT%H:%M")
    edition(lead=[stories[4]])  # live
    response = open_board(editor_client, board)
    draft = the_draft(board)
    changes = {name: str(named.get(value, value)) for name, value in changes.items()}

    answer = submit(editor_client, board, response, changes.pop("action", "publish"), **changes)

    assert answer.status_code == 200
    if message:
        expected = in_vietnamese(message) % {
            "label": in_vietnamese("Lead story"),
            "count": 1,
            "name": "nowhere",
        }
        assert expected in text(answer)
    assert text(answer).count('class="errornote"') + text(answer).count("messagelist") >= 1
    draft.refresh_from_db()
    assert (draft.status, draft.version) == (Edition.Status.DRAFT, 1)
    assert slots(draft) == [("lead", stories[4].pk, "")]
    assert Edition.objects.live("home").slots.get().story == stories[4]
    assert board.editions.count() == 2


# The list of boards


def test_the_home_board_is_always_there_to_open(editor_client):
    assert not Board.objects.exists()
    page = editor_client.get(reverse("admin:frontpage_board_changelist"))
    home = Board.objects.get()
    assert home.page == "home"
    assert screen_url(home) in page.content.decode()
    editor_client.get(reverse("admin:frontpage_board_changelist"))
    assert Board.objects.count() == 1


def test_section_boards_are_for_top_level_sections_only(editor_client, section):
    child = Section.objects.create(name="Giáo dục", slug="giao-duc", parent=section)
    add = reverse("admin:frontpage_board_add")
    form = editor_client.get(add).content.decode()
    assert f'value="{section.pk}"' in form
    assert f'value="{child.pk}"' not in form
    refused = editor_client.post(add, {"section": child.pk})
    assert refused.status_code == 200 and not Board.objects.filter(section=child).exists()
    assert editor_client.post(add, {"section": ""}).status_code == 200
    assert not Board.objects.filter(section=None).exists()
    editor_client.post(add, {"section": section.pk})
    assert Board.objects.get(section=section).page == f"section-{section.pk}"


def test_the_board_form_is_a_plain_form_that_script_enhances(editor_client, board):
    page = open_board(editor_client, board).content.decode()
    assert re.search(r'<script src="[^"]*frontpage/board\.js" defer>', page)
    assert "<script>" not in page  # no inline script: the CSP allows none
    assert 'name="lead-0-story"' in page and 'name="spotlight-2-lead"' in page
