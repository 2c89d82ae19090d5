"""Journey: an editor opens the story's "SEO and social networks" section, sees the Google
result and the share card as the story stands, types an SEO title (the preview follows, and
the counter turns red past its advice) and saves; the reader's page takes the new title."""

import re

import pytest
from playwright.sync_api import expect

from articles import seo_limits
from tests import factories

from .browser import Journey, log_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def story(newsroom):
    return factories.story(
        newsroom.reporter,
        title="Khánh thành cầu vượt sông Đáy",
        lead="Cây cầu mới rút ngắn đường đi giữa hai huyện.",
        # A published story must stay publishable to be saved: a full body.
        body="<p>Cầu dài 2,1 km, bốn làn xe.</p>" + factories.STORY_BODY,
        section=newsroom.sections.society,
        published=True,
    )


def test_an_editor_writes_an_seo_title_and_watches_the_preview(newsroom, story, open_context):
    journey = Journey("seo")
    editor = open_context().new_page()
    preview = editor.locator("#seo-preview")
    title = preview.locator("[data-seo-show=title]")

    with journey.step("the section shows the story's own title and lead", editor):
        log_in(editor, newsroom.editor)
        editor.goto(f"/quan-tri/articles/article/{story.pk}/change/")
        editor.locator("#id_seo_title").locator("xpath=ancestor::details").locator(
            "summary"
        ).click()
        expect(title).to_have_text("Khánh thành cầu vượt sông Đáy")
        expect(preview.locator("[data-seo-show=social_description]")).to_have_text(
            "Cây cầu mới rút ngắn đường đi giữa hai huyện."
        )

    with journey.step("typing an SEO title changes the Google result and the card", editor):
        editor.fill("#id_seo_title", "Cầu vượt sông Đáy thông xe")
        expect(title).to_have_text("Cầu vượt sông Đáy thông xe")
        expect(preview.locator("[data-seo-show=social_title]")).to_have_text(
            "Cầu vượt sông Đáy thông xe"
        )
        counter = editor.locator("#id_seo_title + .seo-counter")
        expect(counter).to_contain_text(f"26/{seo_limits.SEO_TITLE.advice}")
        expect(counter).not_to_have_class("seo-counter seo-counter--over")

    with journey.step("a title too long for Google turns the counter red", editor):
        editor.fill("#id_seo_title", "Cầu " * 20)
        expect(counter).to_have_class("seo-counter seo-counter--over")
        journey.snap(editor, "the SEO section with a title too long")
        editor.fill("#id_seo_title", "Cầu vượt sông Đáy thông xe")
        editor.click("input[name=_continue]")
        expect(editor.locator(".messagelist .success")).to_be_visible()

    reader = open_context().new_page()
    with journey.step("the reader's tab shows the SEO title", reader):
        reader.goto(story.get_absolute_url())
        expect(reader).to_have_title(re.compile("^Cầu vượt sông Đáy thông xe - "))
