"""Journey 4: a reader on a 360×800 phone. The home page and a story fit the screen (no
sideways scrolling), every picture has its size in the markup (nothing jumps while it
loads) and shows at a sensible size, and the menu opens and leads to a section."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Status
from tests import factories

from .browser import LOAD_EVERY_PICTURE, PHONE, Journey, photo, scroll_width

pytestmark = pytest.mark.e2e

TITLE = "Đồng bằng sông Cửu Long chuẩn bị cho mùa khô hạn mặn kéo dài"

# Pictures as the page lays them out: size in the markup, size drawn, how they fit.
PICTURES = """() => Array.from(document.images).map((img) => {
    const box = img.getBoundingClientRect();
    return {
        src: img.currentSrc || img.src,
        width: img.getAttribute("width"),
        height: img.getAttribute("height"),
        drawnWidth: box.width,
        drawnHeight: box.height,
        visible: box.width > 0 && getComputedStyle(img).visibility !== "hidden",
        fit: getComputedStyle(img).objectFit,
        main: Boolean(img.closest("main")),
    };
})"""

# The page's cumulative layout shift so far (the Layout Instability API).
LAYOUT_SHIFT = """() => new Promise((resolve) => {
    let total = 0;
    new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
            if (!entry.hadRecentInput) total += entry.value;
        }
    }).observe({type: "layout-shift", buffered: true});
    setTimeout(() => resolve(total), 200);
})"""


@pytest.fixture
def story(newsroom):
    body_photo = factories.ImageFactory(
        file=photo("kenh-rach.jpg", sky=(150, 200, 240), field=(120, 110, 60)),
        alt_text="Kênh rạch cạn nước",
        caption="Kênh nội đồng ở Bến Tre trơ đáy",
    )
    article = factories.story(
        newsroom.reporter,
        title=TITLE,
        lead="Các tỉnh miền Tây trữ nước ngọt sớm và điều chỉnh lịch thời vụ.",
        body=(
            "<p>Độ mặn đo được tại cửa sông cao hơn cùng kỳ năm ngoái.</p>"
            "<h2>Trữ nước ngọt từ sớm</h2>"
            f'<figure class="image"><img src="{body_photo.file.url}" '
            f'alt="{body_photo.alt_text}" width="{body_photo.width}" '
            f'height="{body_photo.height}"><figcaption>{body_photo.caption}</figcaption>'
            "</figure><p>Nông dân được khuyến cáo theo dõi thông báo độ mặn hằng ngày.</p>"
            "<table><tbody><tr><td>Bến Tre</td><td>4,2‰</td><td>cao hơn 0,8‰</td></tr>"
            "</tbody></table>"
        ),
        section=newsroom.sections.society,
        featured_image=newsroom.photo,
        featured_on_home=True,
        status=Status.PUBLISHED,
        publication_at=timezone.now() - datetime.timedelta(minutes=5),
    )
    article.tags.add("Hạn mặn")
    return article


def check_fits_and_pictures(page):
    """No sideways scrolling; every picture carries its size, keeps its shape and is drawn
    no wider than the screen; the page did not jump while pictures arrived."""
    page.evaluate(LOAD_EVERY_PICTURE)
    assert scroll_width(page) <= PHONE["width"], (
        f"the page scrolls sideways: {scroll_width(page)} px wide on a 360 px screen"
    )
    pictures = [p for p in page.evaluate(PICTURES) if p["main"] and p["visible"]]
    assert pictures, "no picture on the page"
    for picture in pictures:
        assert picture["width"] and picture["height"], f"no width/height: {picture}"
        assert 40 <= picture["drawnWidth"] <= PHONE["width"], f"drawn at odd size: {picture}"
        if picture["fit"] == "fill":  # "cover" and "contain" crop or box it, never stretch
            ratio = int(picture["width"]) / int(picture["height"])
            drawn = picture["drawnWidth"] / picture["drawnHeight"]
            assert abs(drawn - ratio) / ratio < 0.05, f"stretched: {picture}"
    shift = page.evaluate(LAYOUT_SHIFT)
    assert shift < 0.1, f"layout shift {shift:.3f} (Google's “good” is below 0.1)"
    return pictures


def test_phone_reader_gets_pages_that_fit_sized_pictures_and_a_working_menu(
    newsroom, story, open_context
):
    journey = Journey("4 phone")
    phone = open_context(phone=True).new_page()
    desktop = open_context().new_page()
    address = story.get_absolute_url()

    with journey.step("the home page fits the phone, its pictures sized", phone):
        phone.goto("/")
        pictures = check_fits_and_pictures(phone)
        lead = phone.locator(".card--lead img").bounding_box()
        assert lead["width"] >= 300, f"the lead story's picture is only {lead['width']} px wide"
        assert len(pictures) >= len(newsroom.others)
        journey.snap(phone, "home")
        desktop.goto("/")
        journey.snap(desktop, "home", phone=False)

    with journey.step("the menu opens and leads to a section", phone):
        toggle = phone.locator("summary.menu-panel__toggle")
        menu = phone.locator(".menu-panel__list")
        expect(menu).to_be_hidden()
        toggle.click()
        expect(menu).to_be_visible()
        section_link = menu.get_by_role("link", name="Đời sống", exact=True)
        box = section_link.bounding_box()
        assert box["height"] >= 24, f"the menu's links are hard to tap ({box['height']} px high)"
        journey.snap(phone, "menu open", full_page=False)
        section_link.click()
        phone.wait_for_url("**/doi-song/")
        expect(phone.locator("h1")).to_have_text("Đời sống")
        expect(phone.locator(f"main a[href='{address}']").first).to_be_visible()
        check_fits_and_pictures(phone)
        journey.snap(phone, "section")

    with journey.step("the story fits the phone, its pictures sized", phone):
        phone.goto(address)
        check_fits_and_pictures(phone)
        for picture in (".story__figure img", ".story__body figure img"):
            width = phone.locator(picture).bounding_box()["width"]
            assert 300 <= width <= PHONE["width"], f"{picture} drawn {width} px wide"
        caption = phone.locator(".story__body figcaption")
        expect(caption).to_contain_text("Kênh nội đồng ở Bến Tre trơ đáy")
        expect(caption.locator(".credit")).to_have_text("Ảnh: Minh Anh")
        journey.snap(phone, "story")
        desktop.goto(address)
        journey.snap(desktop, "story", phone=False)
