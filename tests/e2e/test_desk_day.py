"""Issue 14's journey across the desk: a reporter puts a library photo and a YouTube link
in a story, runs the checks, which name the photo without alt text, fixes it and hands
the story in; the editor compares two versions in the readable history and publishes; a
reader sees the story's gallery and clicks to load the video."""

from urllib.parse import urlsplit

import micawber.providers
import pytest
from playwright.sync_api import expect

from articles.models import Article, Status
from galleries.models import Gallery, GalleryImage
from tests import factories
from tests.embeds.conftest import YOUTUBE, Providers
from tests.factories import in_vietnamese

from .browser import Journey, choose, log_in, photo

pytestmark = pytest.mark.e2e

TITLE = "Người dân Cần Thơ đón mùa nước nổi"
LEAD = "Nước lên sớm, người dân miền Tây chuẩn bị ghe xuồng và lưới để đánh bắt cá linh."
# Long enough for the check on the body's length (articles.checks.BODY_MIN_WORDS).
PARAGRAPH = (
    "Từ đầu tháng, nước thượng nguồn sông Mê Kông đổ về làm mực nước các kênh rạch ở Cần "
    "Thơ dâng nhanh. Nhiều gia đình sửa lại ghe, vá lưới và dựng chòi canh trên bờ ruộng; "
    "chợ nổi Cái Răng cũng đông hơn thường ngày khi cá linh non bắt đầu vào mùa, bán với "
    "giá cao gấp đôi năm ngoái."
)
ADDED = "Chính quyền khuyến cáo người dân mặc áo phao khi ra sông."
ALT = "Ghe xuồng neo dọc bờ kênh ngập nước"
PASTE = """(url) => {
    const data = new DataTransfer();
    data.setData("text/plain", url);
    document.querySelector(".ck-editor__main > .ck-editor__editable").dispatchEvent(
        new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true})
    );
}"""


@pytest.fixture
def desk(newsroom, monkeypatch):
    """A library photo nobody gave alt text, and a gallery of three photos."""
    monkeypatch.setattr(micawber.providers, "fetch", Providers().fetch)
    boats = factories.ImageFactory(
        file=photo("ghe-xuong.jpg", size=(1200, 800), sky=(120, 170, 210)),
        caption="Ghe xuồng trên kênh Xáng",
        alt_text="",
        credit="Ảnh: Thanh Tâm",
    )
    gallery = Gallery.objects.create(title="Mùa nước nổi miền Tây")
    for number in range(1, 4):
        image = factories.ImageFactory(
            file=photo(f"nuoc-noi-{number}.jpg", size=(1200, 800), sky=(50 * number, 140, 200)),
            caption=f"Cánh đồng ngập nước, ảnh {number}",
            alt_text=f"Cánh đồng ngập nước ở An Giang {number}",
        )
        GalleryImage.objects.create(gallery=gallery, image=image, position=number)
    return boats, gallery


def test_a_story_from_the_reporter_through_the_editor_to_the_reader(
    newsroom, desk, open_context, live_server
):
    boats, gallery = desk
    journey = Journey("desk day")
    reporter = open_context().new_page()
    editor = open_context().new_page()
    reader_context = open_context(phone=True)
    asked = []

    def outside(route):
        # Readers' pages never reach the internet here: what they ask of other hosts is
        # noted and answered with nothing.
        asked.append(urlsplit(route.request.url).hostname)
        route.abort()

    reader_context.route(lambda url: not url.startswith(live_server.url), outside)
    reader = reader_context.new_page()

    with journey.step("the reporter writes, inserts a library photo and a YouTube link", reporter):
        log_in(reporter, newsroom.reporter)
        reporter.goto("/quan-tri/articles/article/add/")
        reporter.fill("#id_title", TITLE)
        reporter.fill("#id_lead", LEAD)
        choose(reporter, "section", "doi", "Đời sống")
        body = reporter.locator(".ck-editor__main > .ck-editor__editable")
        body.click()
        reporter.keyboard.type(PARAGRAPH)
        reporter.keyboard.press("Enter")
        reporter.locator(".library-dialog__button").click()
        dialog = reporter.locator("dialog.library-dialog")
        dialog.locator("input[type=search]").fill("ghe xuong")
        dialog.locator(f".library-dialog__item[data-image='{boats.pk}']").click()
        expect(dialog).to_be_hidden()
        figure = body.locator("figure.image")
        expect(figure.locator("figcaption .credit")).to_have_text("Ảnh: Thanh Tâm")
        reporter.keyboard.press("Control+End")
        reporter.keyboard.press("Enter")
        reporter.evaluate(PASTE, YOUTUBE)
        expect(body.locator(".ck-media__wrapper")).to_have_count(1)
        # As pasting the block copied from the gallery's page does.
        reporter.evaluate(
            """block => {
              const editor = Object.values(window.editors)[0];
              editor.setData(editor.getData() + block);
            }""",
            gallery.block,
        )
        expect(body.locator(f"figure[data-gallery='{gallery.pk}']")).to_be_visible()
        reporter.click("input[name=_continue]")
        expect(reporter.locator(".messagelist .success").first).to_be_visible()
        story = Article.objects.get(title=TITLE)
        assert 'class="embed"' in story.body
        assert f'data-image="{boats.pk}"' in story.body
        journey.snap(reporter, "saved with photo, video and gallery", phone=False)

    with journey.step("the checks name the photo without alt text, by its field", reporter):
        reporter.locator(".desk-checks-run").click()
        expect(reporter.locator(".field-body .desk-check-problems")).to_contain_text(
            in_vietnamese("The photo “%(name)s” in the body has no alt text.")
            % {"name": boats.caption}
        )
        journey.snap(reporter, "checks name the photo", phone=False)

    with journey.step("the reporter gives the photo alt text, adds a line, checks again", reporter):
        figure = reporter.locator(".ck-editor__main figure.image")
        figure.locator("img").click()
        balloon = reporter.locator(".ck-balloon-panel_visible .ck-toolbar")
        balloon.locator("button:not([aria-pressed])").last.click()
        alt_field = reporter.locator(".ck-text-alternative-form input")
        alt_field.fill(ALT)
        alt_field.press("Enter")
        expect(figure.locator("img")).to_have_attribute("alt", ALT)
        reporter.locator(".ck-editor__main > .ck-editor__editable p").first.click()
        reporter.keyboard.press("Home")  # the paragraph's first line: its start
        reporter.keyboard.type(ADDED + " ")
        reporter.locator(".desk-checks-run").click()
        expect(reporter.locator(".desk-checks-ok")).to_have_text(
            in_vietnamese("No problems found: the story is ready to hand in.")
        )

    with journey.step("the reporter hands the story in", reporter):
        reporter.click("button[name=workflow_action][value=submit]")
        expect(reporter.locator(".messagelist .success").first).to_have_text(
            in_vietnamese("Handed in for review.")
        )
        story.refresh_from_db()
        assert story.status == Status.IN_REVIEW
        assert f'alt="{ALT}"' in story.body

    with journey.step("the editor compares the saved version with the handed-in one", editor):
        log_in(editor, newsroom.editor)
        editor.goto(f"/quan-tri/articles/article/{story.pk}/history/")
        rows = editor.locator(".history-row")
        expect(rows.first).to_contain_text("nộp bài")
        expect(rows.first).to_contain_text("(GMT+7)")
        rows.first.get_by_role("link", name="Xem thay đổi").click()
        diff = editor.locator("#history-diff")
        expect(diff.locator("ins")).to_contain_text(["áo phao"])
        expect(diff).to_contain_text(f"[Ảnh: {boats.caption}")
        journey.snap(editor, "the readable comparison", phone=False)

    with journey.step("the editor publishes the story", editor):
        editor.goto(f"/quan-tri/articles/article/{story.pk}/change/")
        editor.click("button[name=workflow_action][value=publish]")
        expect(editor.locator(".messagelist .success").first).to_be_visible()
        story.refresh_from_db()
        assert story.status == Status.PUBLISHED
        assert story in Article.objects.public()

    with journey.step("a reader on a phone browses the gallery and loads the video", reader):
        reader.goto(story.get_absolute_url())
        expect(reader.locator(".story__title")).to_have_text(TITLE)
        expect(reader.locator(f".story__body img[alt='{ALT}']")).to_be_visible()
        region = reader.get_by_role("region", name=gallery.title)
        status = region.locator(".gallery__status")
        expect(status).to_have_text("1/3")
        region.get_by_role("button", name="Ảnh sau").click()
        expect(status).to_have_text("2/3")
        expect(reader.locator("iframe")).to_have_count(0)
        assert set(asked) <= {"i.ytimg.com"}, asked
        facade = reader.locator(".embed--youtube .embed__facade")
        facade.scroll_into_view_if_needed()
        journey.snap(reader, "the story before the video is asked for")
        facade.click()
        expect(reader.locator(".embed--youtube iframe")).to_have_attribute(
            "src", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
        )
        journey.snap(reader, "the video loaded")
