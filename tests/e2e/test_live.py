"""Journey: a reader keeps a live story open; the editor posts three updates from the
story's admin page, on a phone, without reloading it; each reaches the reader's open page
without a reload; ending the coverage says so there and stops the page asking."""

import pytest
from playwright.sync_api import expect

from live.models import Coverage, Update
from tests import factories
from tests.factories import in_vietnamese

from .browser import Journey, log_in

pytestmark = pytest.mark.e2e

UPDATES = [
    "Đoàn xe cứu trợ đầu tiên đã tới xã Tân Phú.",
    "Lực lượng cứu hộ sơ tán thêm 40 hộ dân ở vùng trũng.",
    "Nước bắt đầu rút, các tuyến đường chính đã thông xe.",
]


@pytest.fixture
def live_story(newsroom, settings):
    settings.LIVE_POLL_SECONDS = 1
    story = factories.story(
        newsroom.reporter,
        title="Trực tiếp: cứu trợ vùng lũ miền Trung",
        lead="Cập nhật liên tục tình hình cứu trợ.",
        body="<p>Bài tường thuật trực tiếp.</p>" + factories.STORY_BODY,
        section=newsroom.sections.society,
        published=True,
    )
    Coverage.objects.create(story=story, created_by=newsroom.editor)
    return story


def test_reader_sees_updates_posted_from_the_admin_without_reloading(
    newsroom, live_story, open_context
):
    journey = Journey("live blog")
    reader = open_context().new_page()
    editor = open_context(phone=True).new_page()

    with journey.step("a reader opens the live story", reader):
        reader.goto(live_story.get_absolute_url())
        expect(reader.locator("section.live")).to_be_visible()
        reader.evaluate("window.notReloaded = true")

    with journey.step("the editor opens the story's admin page on a phone", editor):
        log_in(editor, newsroom.editor)
        editor.goto(f"/quan-tri/articles/article/{live_story.pk}/change/")
        expect(editor.locator("[data-live-post]")).to_be_visible()

    for text in UPDATES:
        with journey.step(f"the editor posts “{text}”", editor):
            editor.fill("#live-body", text)
            editor.click("[data-live-send]")
            expect(editor.locator("[data-live-admin-updates]")).to_contain_text(text)
            expect(editor.locator("#live-body")).to_have_value("")
        with journey.step("it reaches the reader's open page", reader):
            expect(reader.locator("[data-live-updates]")).to_contain_text(text, timeout=15_000)

    with journey.step("the newest update is on top, and the page never reloaded", reader):
        expect(reader.locator("[data-live-updates] [data-update]").first).to_contain_text(
            UPDATES[-1]
        )
        assert reader.evaluate("window.notReloaded") is True
        journey.snap(reader, "three updates arrived")

    with journey.step("the editor, mid-edit of the title, ends the coverage", editor):
        editor.evaluate("window.notReloaded = true")
        editor.fill("#id_title", "Trực tiếp: cứu trợ vùng lũ miền Trung (đã kết thúc)")
        editor.click("button[name=action][value=end]")
        expect(editor.locator("button[name=action][value=start]")).to_be_visible()
        expect(editor.locator("[data-live-coverage-message]")).to_have_text(
            in_vietnamese("Live coverage has ended")
        )
        # The story's page stayed as it was: the unsaved title is still being edited.
        expect(editor.locator("#id_title")).to_have_value(
            "Trực tiếp: cứu trợ vùng lũ miền Trung (đã kết thúc)"
        )
        assert editor.evaluate("window.notReloaded") is True

    with journey.step("the reader's open page says it has ended and stops asking", reader):
        expect(reader.locator("section.live[data-ended]")).to_have_count(1, timeout=15_000)
        asked = []
        reader.on("request", lambda request: asked.append(request.url))
        reader.wait_for_timeout(3_000)
        assert not [url for url in asked if "/moi/" in url]
        journey.snap(reader, "coverage ended")


def test_starting_coverage_keeps_the_story_s_unsaved_edits(newsroom, open_context):
    """The editor is editing a story's title when news breaks: starting the live coverage
    neither saves nor throws away that edit; the first update goes out at once, and the
    title is saved when the editor saves the story."""
    story = factories.story(
        newsroom.reporter,
        title="Bão số 3 đổ bộ",
        lead="Bão mạnh cấp 12 đang tiến vào đất liền.",
        body="<p>Bão số 3 đang vào bờ.</p>" + factories.STORY_BODY,
        section=newsroom.sections.society,
        published=True,
    )
    new_title = "Trực tiếp: bão số 3 đổ bộ vào đất liền"
    journey = Journey("live coverage keeps unsaved edits")
    editor = open_context().new_page()

    with journey.step("the editor changes the story's title and does not save", editor):
        log_in(editor, newsroom.editor)
        editor.goto(f"/quan-tri/articles/article/{story.pk}/change/")
        expect(editor.locator("[data-live-post]")).to_be_hidden()
        editor.evaluate("window.notReloaded = true")
        editor.fill("#id_title", new_title)

    with journey.step("the editor starts live coverage", editor):
        editor.click("button[name=action][value=start]")
        expect(editor.locator("button[name=action][value=end]")).to_be_visible()
        expect(editor.locator("[data-live-coverage-message]")).to_have_text(
            in_vietnamese("Live coverage has started.")
        )
        assert Coverage.objects.get(story=story).ended_at is None
        expect(editor.locator("#id_title")).to_have_value(new_title)
        assert editor.evaluate("window.notReloaded") is True
        story.refresh_from_db()
        assert story.title == "Bão số 3 đổ bộ"  # not saved behind the editor's back
        journey.snap(editor, "coverage started, the title edit still there")

    with journey.step("an empty update is refused with the server's reason", editor):
        expect(editor.locator("[data-live-post]")).to_be_visible()
        editor.click("[data-live-send]")
        expect(editor.locator("[data-live-message]")).to_contain_text(
            in_vietnamese("Write something for readers.")
        )

    with journey.step("the first update goes out without leaving the page", editor):
        editor.fill("#live-body", "Tâm bão đang ở cách bờ 50 km.")
        editor.click("[data-live-send]")
        expect(editor.locator("[data-live-admin-updates]")).to_contain_text("cách bờ 50 km")
        assert Update.objects.filter(coverage__story=story).count() == 1
        expect(editor.locator("#id_title")).to_have_value(new_title)

    with journey.step("the editor saves the story: the new title is kept", editor):
        editor.click("input[name=_continue]")
        expect(editor.locator(".messagelist .success").first).to_be_visible()
        story.refresh_from_db()
        assert story.title == new_title
        expect(editor.locator("button[name=action][value=end]")).to_be_visible()


def test_without_a_script_starting_coverage_leaves_the_story_s_page_alone(newsroom, open_context):
    """No script: the coverage form opens in a new tab, and the story's page, with its
    unsaved edits, stays where it was."""
    story = factories.story(
        newsroom.reporter,
        title="Bão số 3 đổ bộ",
        section=newsroom.sections.society,
        published=True,
    )
    context = open_context(java_script_enabled=False)
    editor = context.new_page()
    log_in(editor, newsroom.editor)
    editor.goto(f"/quan-tri/articles/article/{story.pk}/change/")
    editor.fill("#id_title", "Trực tiếp: bão số 3")
    with context.expect_page() as opened:
        editor.click("button[name=action][value=start]")
    result = opened.value
    result.wait_for_load_state()
    expect(result.locator("button[name=action][value=end]")).to_be_visible()
    assert Coverage.objects.get(story=story).ended_at is None
    expect(editor.locator("#id_title")).to_have_value("Trực tiếp: bão số 3")
