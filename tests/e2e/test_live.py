"""Journey: a reader keeps a live story open; the editor posts three updates from the
story's admin page, on a phone, without reloading it; each reaches the reader's open page
without a reload; ending the coverage says so there and stops the page asking."""

import pytest
from playwright.sync_api import expect

from live.models import Coverage
from tests import factories

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
        body="<p>Bài tường thuật trực tiếp.</p>",
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

    with journey.step("the editor ends the coverage", editor):
        editor.click("button[name=action][value=end]")
        expect(editor.locator("button[name=action][value=start]")).to_be_visible()

    with journey.step("the reader's open page says it has ended and stops asking", reader):
        expect(reader.locator("section.live[data-ended]")).to_have_count(1, timeout=15_000)
        asked = []
        reader.on("request", lambda request: asked.append(request.url))
        reader.wait_for_timeout(3_000)
        assert not [url for url in asked if "/moi/" in url]
        journey.snap(reader, "coverage ended")
