"""Journey: a reader has read a story; an editor adds a correction from the story's admin
page; the reader, coming back, finds it at the end of the story with its time, and on the
newsroom's corrections page."""

import pytest
from playwright.sync_api import expect

from corrections.models import Correction
from tests import factories

from .browser import Journey, log_in

pytestmark = pytest.mark.e2e

TEXT = "Bản trước ghi nhầm chiều dài cây cầu là 1,2 km; con số đúng là 2,1 km."


@pytest.fixture
def story(newsroom):
    return factories.story(
        newsroom.reporter,
        title="Khánh thành cầu vượt sông Đáy",
        lead="Cây cầu mới rút ngắn đường đi giữa hai huyện.",
        body="<p>Cầu dài 2,1 km, bốn làn xe.</p>" + factories.STORY_BODY,
        section=newsroom.sections.society,
        published=True,
    )


def test_an_editor_corrects_a_story_and_readers_see_it(newsroom, story, open_context):
    journey = Journey("corrections")
    reader = open_context().new_page()
    editor = open_context().new_page()

    with journey.step("a reader reads the story: nothing corrected yet", reader):
        reader.goto(story.get_absolute_url())
        expect(reader.locator(".story-note")).to_have_count(0)

    with journey.step("the editor adds a correction on the story's admin page", editor):
        log_in(editor, newsroom.editor)
        editor.goto(f"/quan-tri/articles/article/{story.pk}/change/")
        group = editor.locator("#corrections-group")
        group.locator(".add-row a").click()
        editor.fill("#id_corrections-0-text", TEXT)
        editor.select_option("#id_corrections-0-kind", "correction")
        journey.snap(editor, "the correction form")
        editor.click("input[name=_continue]")
        expect(editor.locator(".messagelist .success")).to_be_visible()
        expect(editor.locator("#corrections-group")).to_contain_text(TEXT)
    assert Correction.objects.get().created_by == newsroom.editor

    with journey.step("the reader reloads the story and finds it at its end", reader):
        # A plain revisit may be answered by the browser's own copy for the page's max-age;
        # a reload asks the server, which answers with the corrected page.
        reader.reload()
        note = reader.locator(".story-notes--below .story-note--correction")
        expect(note).to_contain_text(TEXT)
        expect(note.locator("time")).to_contain_text("(GMT+7)")
        journey.snap(reader, "the correction under the story")

    with journey.step("and on the newsroom's corrections page", reader):
        reader.goto("/dinh-chinh/")
        expect(reader.locator(".corrections-list")).to_contain_text(TEXT)
        expect(reader.get_by_role("link", name="Khánh thành cầu vượt sông Đáy")).to_be_visible()
