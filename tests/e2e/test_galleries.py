"""Journey: a reporter makes a gallery from library photos in the admin, puts it in her
story's body, and CKEditor shows it as a card and keeps it; a reader on a phone browses
the gallery with its buttons, arrow keys and counter, and without JavaScript reads it as
figures."""

import re

import pytest
from playwright.sync_api import expect

from galleries.models import Gallery, GalleryImage
from tests import factories

from .browser import Journey, choose, log_in, photo

pytestmark = pytest.mark.e2e
# Until the lead merges the Vietnamese drafts (vi-drafts/galleries.po) into locale/.
NEXT = re.compile("Ảnh sau|Next photo")


@pytest.fixture
def gallery(newsroom):
    gallery = Gallery.objects.create(title="Nước lũ ở Hội An")
    for number in range(1, 4):
        image = factories.ImageFactory(
            file=photo(f"lu-{number}.jpg", size=(1200, 800), sky=(40 * number, 120, 200)),
            caption=f"Phố cổ ngập nước, ảnh {number}",
            alt_text=f"Phố cổ Hội An ngập nước {number}",
        )
        GalleryImage.objects.create(gallery=gallery, image=image, position=number)
    return gallery


def test_a_gallery_goes_in_a_story_and_readers_browse_it(newsroom, gallery, open_context):
    journey = Journey("galleries")
    draft = factories.story(
        newsroom.reporter, title="Hội An chìm trong lũ", section=newsroom.sections.society
    )
    reporter = open_context().new_page()
    problems = []
    reader = open_context(phone=True).new_page()
    reader.on("console", lambda message: message.type == "error" and problems.append(message.text))

    with journey.step("the reporter makes a gallery with the library's picker", reporter):
        log_in(reporter, newsroom.reporter)
        reporter.goto("/quan-tri/galleries/gallery/add/")
        reporter.fill("#id_title", "Đồng Tháp mùa lúa")
        choose(reporter, "items-0-image", "dong thap", newsroom.photo.caption)
        reporter.fill("#id_items-0-caption", "Lúa chín vàng đồng")
        reporter.click("input[name=_continue]")
        expect(reporter.locator(".messagelist .success").first).to_be_visible()
        made = Gallery.objects.get(title="Đồng Tháp mùa lúa")
        assert made.items.get().image == newsroom.photo
        expect(reporter.locator("#gallery-block")).to_have_text(made.block)
        journey.snap(reporter, "gallery made", phone=False)

    with journey.step("the reporter puts the gallery block in the body: a card", reporter):
        reporter.goto(f"/quan-tri/articles/article/{draft.pk}/change/")
        expect(reporter.locator(".ck-content")).to_be_visible()
        # As pasting the block copied from the gallery's page does.
        reporter.evaluate(
            """block => {
              const editor = Object.values(window.editors)[0];
              editor.setData(editor.getData() + block);
            }""",
            gallery.block,
        )
        card = reporter.locator(f".ck-content figure[data-gallery='{gallery.pk}']")
        expect(card).to_be_visible()
        journey.snap(reporter, "gallery card in the editor", phone=False)
        reporter.click("input[name=_continue]")
        expect(reporter.locator(".messagelist .success").first).to_be_visible()
        draft.refresh_from_db()
        assert f'data-gallery="{gallery.pk}"' in draft.body

    story = factories.story(
        newsroom.reporter,
        title="Lũ lên nhanh ở miền Trung",
        section=newsroom.sections.society,
        body=f"<p>Nước lên nhanh trong đêm.</p>{gallery.block}",
        published=True,
    )

    with journey.step("a reader on a phone browses the gallery", reader):
        reader.goto(story.get_absolute_url())
        region = reader.get_by_role("region", name="Nước lũ ở Hội An")
        expect(region).to_be_visible()
        status = region.locator(".gallery__status")
        expect(status).to_have_text("1/3")
        region.get_by_role("button", name=NEXT).click()
        expect(status).to_have_text("2/3")
        region.locator("[data-gallery-track]").focus()
        reader.keyboard.press("ArrowRight")
        expect(status).to_have_text("3/3")
        expect(region.get_by_role("button", name=NEXT)).to_be_disabled()
        journey.snap(reader, "gallery on a phone")
        assert not problems, problems

    with journey.step("without JavaScript the gallery is a list of figures", reader):
        plain = open_context(phone=True, java_script_enabled=False).new_page()
        plain.goto(story.get_absolute_url())
        expect(plain.locator(".gallery figure")).to_have_count(3)
        expect(plain.locator(".gallery figcaption").nth(2)).to_contain_text("ảnh 3")
