"""Journey 1: a reporter writes a story in the Vietnamese admin (CKEditor body with an
uploaded, captioned photo; section, tags, source, featured image from the library), saves
it, hands it in, and can neither see nor use a way to publish it."""

import pytest
from playwright.sync_api import FormData, expect

from articles.models import Article, ArticleTransition, Status
from images.models import Image
from tests.factories import in_vietnamese

from .browser import Journey, choose, csrf_token, form_fields, log_in, photo_bytes

pytestmark = pytest.mark.e2e

TITLE = "Đà Lạt thử nghiệm tưới nhỏ giọt thông minh cho dâu tây"
LEAD = "Nông dân Đà Lạt dùng cảm biến độ ẩm để tưới vừa đủ, tiết kiệm gần một nửa lượng nước."
SUBHEADING = "Đo độ ẩm từng luống"
BOLD = "tiết kiệm 45% lượng nước"
LINK_TEXT = "Viện Khoa học Nông nghiệp"
LINK_URL = "https://vaas.vn/tuoi-nho-giot"
CAPTION = "Cảm biến cắm giữa luống dâu ở phường 12, Đà Lạt"
ALT = "Cảm biến độ ẩm nhỏ cắm cạnh gốc dâu tây"
SOURCE_URL = "https://kienthuc.net.vn/khoa-hoc/da-lat-tuoi-nho-giot-dau-tay-123456.html"
TAGS = "Đà Lạt, nông nghiệp thông minh"
# Long enough for the check on the body's length (articles.checks.BODY_MIN_WORDS).
FIRST_PARAGRAPH = (
    "Mô hình tưới mới được thử trên 20 ha dâu tây từ đầu năm. Mỗi luống có một cảm biến "
    "đo độ ẩm đất, gửi số liệu về điện thoại của chủ vườn mười phút một lần; khi đất khô "
    "dưới ngưỡng, van tự mở và chỉ tưới đủ lượng cây cần. Các hộ tham gia cho biết họ "
    "không còn phải thức dậy lúc bốn giờ sáng để mở nước cho cả vườn."
)


def write_body(page):
    """Types the body as a reporter does: a paragraph, a sub-heading, a paragraph with a
    bold phrase and a link, then a photo uploaded from the toolbar, captioned, with alt
    text."""
    page.locator(".ck-editor__editable").click()
    keyboard = page.keyboard
    keyboard.type(FIRST_PARAGRAPH)
    keyboard.press("Enter")
    page.click(".ck-heading-dropdown .ck-dropdown__button")
    page.click(".ck-heading-dropdown .ck-heading_heading2")
    keyboard.type(SUBHEADING)
    keyboard.press("Enter")
    keyboard.type("Kết quả ban đầu: ")
    keyboard.press("Control+b")
    keyboard.type(BOLD)
    keyboard.press("Control+b")
    keyboard.type(", theo ")
    keyboard.press("Control+k")
    link_form = page.locator(".ck-link-form")
    link_form.locator("input[inputmode=text]").fill(LINK_TEXT)
    link_form.locator("input[inputmode=url]").fill(LINK_URL)
    link_form.locator("input[inputmode=url]").press("Enter")
    expect(page.locator(".ck-editor__editable a", has_text=LINK_TEXT)).to_be_visible()
    keyboard.press("End")
    keyboard.press("ArrowRight")  # step out of the link (CKEditor's two-step caret)
    keyboard.type(".")
    keyboard.press("Enter")

    with page.expect_response("**/quan-tri/anh/upload/") as upload:
        page.set_input_files(
            ".ck-toolbar input[type=file]",
            files=[{"name": "cam-bien.jpg", "mimeType": "image/jpeg", "buffer": photo_bytes()}],
        )
    assert upload.value.status == 200, upload.value.text()
    figure = page.locator(".ck-editor__editable figure.image")
    expect(figure.locator("img[src^='/media/']")).to_be_visible()
    # The photo is selected after the upload: its balloon toolbar offers alt text first,
    # then the caption switch.
    balloon = page.locator(".ck-balloon-panel_visible .ck-toolbar")
    balloon.locator("button[aria-pressed]").click()
    keyboard.type(CAPTION)
    figure.locator("img").click()
    balloon.locator("button:not([aria-pressed])").last.click()
    alt_field = page.locator(".ck-text-alternative-form input")
    alt_field.fill(ALT)
    alt_field.press("Enter")
    expect(figure.locator("figcaption")).to_have_text(CAPTION)
    expect(figure.locator("img")).to_have_attribute("alt", ALT)


def test_reporter_writes_a_story_hands_it_in_and_cannot_publish_it(newsroom, open_context):
    journey = Journey("1 reporter")
    context = open_context()
    page = context.new_page()

    with journey.step("logs in to the admin, in Vietnamese", page):
        log_in(page, newsroom.reporter)
        expect(page.locator("html")).to_have_attribute("lang", "vi")
        expect(page.locator("#logout-form button")).to_have_text(in_vietnamese("Log out"))

    with journey.step("opens a new story", page):
        page.click("a[href$='/articles/article/add/']")
        expect(page.locator(".ck-editor__editable")).to_be_visible()

    with journey.step("writes title, lead and body (CKEditor, with a captioned photo)", page):
        page.fill("#id_title", TITLE)
        page.fill("#id_lead", LEAD)
        write_body(page)

    with journey.step("picks section, tags, source and a featured image from the library", page):
        choose(page, "section", "khoa", "Khoa học")
        # Typed as a person types: a comma closes "Đà Lạt" into a chip, a space never
        # splits "nông nghiệp thông minh", and the tag still being typed is kept on save.
        first, second = (name.strip() for name in TAGS.split(","))
        page.type("#id_tags", f"{first},")
        expect(page.locator(".tag-input__chips li")).to_have_count(1)
        page.type("#id_tags", second)
        page.check("#id_is_republished")
        choose(page, "source", "kienthuc", "kienthuc.net.vn")
        page.fill("#id_source_url", SOURCE_URL)
        page.fill("#id_source_author", "Hoàng Nam")
        choose(page, "featured_image", "dong thap", "Cánh đồng lúa chín ở Đồng Tháp")
        chosen = page.locator("#id_featured_image + .select2").bounding_box()
        assert chosen["width"] >= 200, f"the chosen image is squeezed to {chosen['width']} px"
        journey.snap(page, "story written")

    with journey.step("saves the story", page):
        page.click("input[name=_continue]")
        expect(page.locator(".messagelist .success")).to_be_visible()
        article = Article.objects.get(title=TITLE)
        assert page.url.endswith(f"/articles/article/{article.pk}/change/")
        uploaded = Image.objects.get(uploaded_by=newsroom.reporter)
        assert article.status == Status.DRAFT
        assert article.created_by == newsroom.reporter
        assert article.lead == LEAD
        assert article.slug.startswith("da-lat-thu-nghiem")
        assert article.section == newsroom.sections.science
        assert sorted(t.name for t in article.tags.all()) == ["nông nghiệp thông minh", "Đà Lạt"]
        assert article.is_republished and article.source == newsroom.source
        assert article.source_url == SOURCE_URL
        assert article.featured_image == newsroom.photo
        for html in (
            f"<h2>{SUBHEADING}</h2>",
            f"<strong>{BOLD}</strong>",
            f'href="{LINK_URL}"',
            f'alt="{ALT}"',
            f"<figcaption>{CAPTION}</figcaption>",
        ):
            assert html in article.body, f"{html} not in the saved body: {article.body}"
        # The body shows one of the upload's renditions (never the original) and is linked
        # to its library record.
        shown = {f'src="{rendition.file.url}"' for rendition in uploaded.renditions.all()}
        assert any(src in article.body for src in shown), article.body
        assert list(article.body_images.all()) == [uploaded]
        assert list(article.body_images.all()) == [uploaded]
        journey.snap(page, "story saved")

    with journey.step("sees no publish or schedule control", page):
        expect(page.locator("button[name=workflow_action][value=submit]")).to_have_count(1)
        expect(page.locator("button[name=workflow_action][value=publish]")).to_have_count(0)
        expect(page.locator("#id_publication_at_0, #id_publication_at_1")).to_have_count(0)
        expect(page.locator("#id_featured_on_home")).to_have_count(0)
        page.goto("/quan-tri/articles/article/")
        expect(page.locator("#result_list")).to_contain_text(TITLE)
        expect(page.locator("select[name=action] option[value=publish_now]")).to_have_count(0)

    with journey.step("a crafted request to publish is refused", page):
        change_url = f"/quan-tri/articles/article/{article.pk}/change/"
        page.goto(change_url)
        token = csrf_token(context)
        crafted = FormData()
        for name, value in form_fields(page):
            if name not in {"workflow_action", "csrfmiddlewaretoken"}:
                crafted.append(name, value)
        crafted.append("workflow_action", "publish")
        crafted.append("csrfmiddlewaretoken", token)
        response = context.request.post(change_url, form=crafted, max_redirects=0)
        article.refresh_from_db()
        assert article.status == Status.DRAFT, f"a crafted form published it ({response.status})"
        assert response.status == 403, f"a crafted form was answered {response.status}, not 403"

        bulk = FormData()
        bulk.append("action", "publish_now")
        bulk.append("_selected_action", str(article.pk))
        bulk.append("csrfmiddlewaretoken", token)
        context.request.post("/quan-tri/articles/article/", form=bulk, max_redirects=0)
        article.refresh_from_db()
        assert article.status == Status.DRAFT, "the bulk action “publish now” published it"
        assert article.publication_at is None
        assert not ArticleTransition.objects.filter(article=article).exists()

    with journey.step("previews the story as readers will see it", page):
        with context.expect_page() as opened:
            page.click("#workflow a[target=_blank]")
        preview = opened.value
        preview.wait_for_load_state()
        body = preview.locator(".story__body")
        expect(preview.locator(".story__title")).to_have_text(TITLE)
        expect(body.locator("h2")).to_have_text(SUBHEADING)
        expect(body.locator("strong")).to_have_text(BOLD)
        expect(body.locator(f"a[href='{LINK_URL}']")).to_have_text(LINK_TEXT)
        expect(body.locator("figure img")).to_have_attribute("alt", ALT)
        expect(body.locator("figure figcaption")).to_have_text(CAPTION)
        expect(preview.locator(".story__source a")).to_have_attribute("href", SOURCE_URL)
        journey.snap(preview, "preview")
        preview.close()

    with journey.step("runs the checks before handing in: problems show by their fields", page):
        page.fill("#id_lead", "")
        check = page.locator(".desk-checks-run")
        expect(check).to_have_text(in_vietnamese("Check before handing in"))
        check.click()
        expect(page.locator(".field-lead .desk-check-problems")).to_have_text(
            in_vietnamese("Write a lead (sapo).")
        )
        journey.snap(page, "checks found a problem")
        page.fill("#id_lead", LEAD)
        check.click()
        expect(page.locator(".desk-checks-ok")).to_have_text(
            in_vietnamese("No problems found: the story is ready to hand in.")
        )
        expect(page.locator(".desk-check-problems")).to_have_count(0)
        assert Article.objects.get(pk=article.pk).version == article.version  # nothing saved

    with journey.step("hands the story in", page):
        hand_in = page.locator("button[name=workflow_action][value=submit]")
        expect(hand_in).to_have_text("Lưu và gửi duyệt")
        hand_in.click()
        expect(page.locator(".messagelist .success").first).to_have_text(
            in_vietnamese("Handed in for review.")
        )
        article.refresh_from_db()
        assert article.status == Status.IN_REVIEW
        step = ArticleTransition.objects.get(article=article)
        assert (step.from_status, step.to_status, step.actor) == (
            Status.DRAFT,
            Status.IN_REVIEW,
            newsroom.reporter,
        )
        journey.snap(page, "handed in")

    with journey.step("can no longer change the story in review", page):
        page.goto(f"/quan-tri/articles/article/{article.pk}/change/")
        expect(page.locator("#content h1")).to_be_visible()
        expect(page.locator("button[name=workflow_action]")).to_have_count(0)
        expect(page.locator("input[name=_save]")).to_have_count(0)
