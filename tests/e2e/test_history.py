"""Journey: an editor opens a story's history, reads who did what in Vietnamese, compares
two versions and sees the words added and removed, a photo as a label, on a phone too."""

import datetime

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from articles import workflow
from tests import factories

from .browser import Journey, log_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def story(newsroom):
    start = timezone.now() - datetime.timedelta(hours=3)
    with time_machine.travel(start, tick=False):
        article = factories.story(
            newsroom.reporter,
            title="Khánh thành cầu vượt sông Đáy",
            body="<p>Cầu dài 1,2 km, bốn làn xe.</p>",
            section=newsroom.sections.society,
        )
        article.history.update(history_user=newsroom.reporter)
    with time_machine.travel(start + datetime.timedelta(hours=1), tick=False):
        article.body = (
            "<p>Cầu dài 2,1 km, bốn làn xe.</p>"
            '<figure class="image"><img src="/media/cau.jpg" alt="Cầu">'
            "<figcaption>Cây cầu nhìn từ bờ bắc</figcaption></figure>" + factories.STORY_BODY
            # Long enough to hand in (articles.checks.BODY_MIN_WORDS).
        )
        article._history_user = newsroom.reporter
        article.save()
    with time_machine.travel(start + datetime.timedelta(hours=2), tick=False):
        workflow.transition(article, "submit", newsroom.reporter)
    with time_machine.travel(start + datetime.timedelta(hours=2, minutes=30), tick=False):
        workflow.transition(article, "return", newsroom.editor, comment="Thêm ảnh toàn cảnh.")
    return article


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_an_editor_reads_the_history_and_compares_two_versions(
    newsroom, story, open_context, phone
):
    journey = Journey("history-phone" if phone else "history")
    editor = open_context(phone=phone).new_page()

    with journey.step("the history reads as one sentence per step", editor):
        log_in(editor, newsroom.editor)
        editor.goto(f"/quan-tri/articles/article/{story.pk}/history/")
        rows = editor.locator(".history-row")
        expect(rows).to_have_count(4)
        expect(rows.first).to_contain_text("trả lại phóng viên lúc")
        expect(rows.first).to_contain_text("(GMT+7) — Lý do: Thêm ảnh toàn cảnh.")
        journey.snap(editor, "the history", phone=phone)

    with journey.step("comparing the first version with the edit", editor):
        rows.nth(2).get_by_role("link", name="Xem thay đổi").click()
        diff = editor.locator("#history-diff")
        expect(diff.locator("del")).to_contain_text("1,2")
        expect(diff.locator("ins").first).to_contain_text("2,1")
        expect(diff).to_contain_text("[Ảnh: Cây cầu nhìn từ bờ bắc]")
        journey.snap(editor, "the comparison", phone=phone)
        assert (
            editor.evaluate("document.documentElement.scrollWidth")
            <= editor.viewport_size["width"] + 1
        )

    with journey.step("one click restores the first version", editor):
        editor.locator(".history-side").first.get_by_role(
            "button", name="Khôi phục phiên bản này"
        ).click()
        expect(editor.locator(".messagelist .success")).to_be_visible()
        expect(editor).to_have_url(
            f"{editor.url.split('/quan-tri/')[0]}/quan-tri/articles/article/{story.pk}/change/"
        )
        journey.snap(editor, "restored", phone=phone)
    story.refresh_from_db()
    assert "1,2 km" in story.body
