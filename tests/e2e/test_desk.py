"""Journey: the desk. A reporter hands a story in; the editor's desk counts it and lists it
under "waiting for review"; the editor returns it; the reporter's desk shows it returned,
with the reason, and the notification links to the story. On a phone too."""

import pytest
from playwright.sync_api import expect

from articles import workflow
from tests import factories

from .browser import PHONE, Journey, log_in, scroll_width

pytestmark = pytest.mark.e2e

TITLE = "Đà Nẵng thử nghiệm đèn giao thông thông minh"
REASON = "Bổ sung ý kiến của Sở Giao thông vận tải."


def test_the_desk_shows_each_role_what_waits_for_them(newsroom, open_context):
    journey = Journey("desk")
    story = factories.story(newsroom.reporter, title=TITLE, section=newsroom.sections.society)
    workflow.transition(story, "submit", newsroom.reporter)
    editor = open_context().new_page()
    reporter = open_context(phone=True).new_page()

    with journey.step("the editor's desk counts and lists the story waiting", editor):
        log_in(editor, newsroom.editor)
        editor.goto("/quan-tri/")
        expect(editor.locator("[data-count=review] .desk-count-number")).to_have_text("1")
        waiting = editor.locator("[data-panel=review]")
        expect(waiting).to_contain_text(TITLE)
        expect(waiting).to_contain_text("Lan Nguyễn")
        expect(editor.locator("[data-panel=most_read]")).to_contain_text(newsroom.others[0].title)
        journey.snap(editor, "editor's desk")

    with journey.step("the editor returns it with a reason", editor):
        waiting.get_by_role("link", name=TITLE).click()
        editor.fill("#id_workflow_comment", REASON)
        editor.click("button[name=workflow_action][value=return]")
        expect(editor.locator(".messagelist .success").first).to_be_visible()

    with journey.step("the reporter's desk, on a phone, shows it returned and why", reporter):
        log_in(reporter, newsroom.reporter)
        reporter.goto("/quan-tri/")
        expect(reporter.locator("[data-count=returned] .desk-count-number")).to_have_text("1")
        returned = reporter.locator("[data-panel=returned]")
        expect(returned).to_contain_text(TITLE)
        expect(returned).to_contain_text(REASON)
        expect(returned).to_contain_text("Hùng Trần")
        assert scroll_width(reporter) <= PHONE["width"]
        journey.snap(reporter, "reporter's desk")

    with journey.step("the notification leads to the story", reporter):
        reporter.click("[data-count=notifications]")
        expect(reporter.locator("#result_list")).to_contain_text(REASON)
        reporter.locator("#result_list a.notification").first.click()
        assert f"/articles/article/{story.pk}/change/" in reporter.url
        expect(reporter.locator("[data-count=notifications] .desk-count-number")).to_have_text("0")
        journey.snap(reporter, "the story")
