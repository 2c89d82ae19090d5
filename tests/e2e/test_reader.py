"""Journey 3: a reader, before a scheduled story's time, finds it on no page, feed or
sitemap; from its time on, with nothing else done, finds it on the home page and in its
section, reads it with everything the article page promises, copies its link, sees it
climb into "most read", and finds it by searching without diacritics."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import ArticleDailyViews, Status
from tests import factories

from .browser import CACHE_SECONDS, Journey, photo, visit_until

pytestmark = pytest.mark.e2e

TITLE = "Đắk Lắk thu hoạch sầu riêng sớm nhờ tưới tiết kiệm"
FOLDED_TITLE = "dak lak thu hoach sau rieng som nho tuoi tiet kiem"
LEAD = "Nhà vườn ở Krông Pắc bắt đầu thu hoạch sớm ba tuần, giá bán cao hơn chính vụ."
CAPTION = "Trái sầu riêng được phân loại ngay tại vườn"
ORIGINAL = "https://kienthuc.net.vn/doi-song/dak-lak-sau-rieng-som-987654.html"
AHEAD = datetime.timedelta(seconds=8)
PATIENCE = datetime.timedelta(seconds=5)
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def scheduled_story(newsroom):
    """A story as the reporter and the editor leave it: complete, scheduled ``AHEAD``."""
    body_photo = factories.ImageFactory(
        file=photo("sau-rieng.jpg", sky=(120, 180, 230), field=(90, 140, 40)),
        caption="",
        alt_text="",
        uploaded_by=newsroom.reporter,
    )
    article = factories.story(
        newsroom.reporter,
        title=TITLE,
        lead=LEAD,
        body=(
            "<p>Năm nay nhiều nhà vườn chuyển sang tưới nhỏ giọt.</p>"
            "<h2>Giá bán cao hơn chính vụ</h2>"
            "<p>Thương lái trả <strong>cao hơn 20%</strong>, theo "
            '<a href="https://daklak.gov.vn">Sở Nông nghiệp</a>.</p>'
            f'<figure class="image"><img src="{body_photo.file.url}" alt="Sầu riêng chín" '
            f'width="{body_photo.width}" height="{body_photo.height}">'
            f"<figcaption>{CAPTION}</figcaption></figure>"
        ),
        section=newsroom.sections.science,
        featured_image=newsroom.photo,
        is_republished=True,
        source=newsroom.source,
        source_url=ORIGINAL,
        status=Status.PUBLISHED,
        publication_at=timezone.now() + AHEAD,
    )
    article.tags.add("Nông nghiệp", "Đắk Lắk")
    return article


def absent(text, article):
    """Neither the story's address nor its title is in ``text``."""
    return article.get_absolute_url() not in text and article.title not in text


def test_reader_finds_a_scheduled_story_only_from_its_time(
    newsroom, scheduled_story, open_context, live_server
):
    journey = Journey("3 reader")
    article = scheduled_story
    when = article.publication_at
    address = article.get_absolute_url()
    context = open_context()
    page = context.new_page()

    with journey.step("before its time, the story is on no page, feed or sitemap", page):
        leaks = []
        for url in ["/", "/khoa-hoc/", "/tag/nong-nghiep/", f"/tim-kiem/?q={FOLDED_TITLE}"]:
            assert page.goto(url).status == 200, url
            if not absent(page.content(), article):
                leaks.append(url)
        assert "/sitemap-stories.xml" in context.request.get("/sitemap.xml").text()
        for url in ["/rss/", "/khoa-hoc/rss/", "/sitemap-stories.xml", "/sitemap-news.xml"]:
            response = context.request.get(url)
            assert response.status == 200, url
            if not absent(response.text(), article):
                leaks.append(url)
        assert leaks == [], "the scheduled story is already on these pages"
        # Served from the readers' page cache: the story must show at its time all the same.
        assert context.request.get("/").headers.get("x-page-cache") == "hit"
        assert page.goto(address).status == 404
        expect(page.locator("html")).to_have_attribute("lang", "vi")
        assert timezone.now() < when, "too slow: the scheduled time passed during the checks"

    with journey.step("at its time, with nothing else done, it is on the home page", page):
        visit_until(
            page, "/", lambda p: p.locator(f"main a[href='{address}']").count(), when + PATIENCE
        )
        expect(page.locator(f"main a[href='{address}']").first).to_be_visible()
        assert timezone.now() >= when
        expect(page.locator(f".most-read a[href='{address}']")).to_have_count(0)
        journey.snap(page, "home")

    with journey.step("and in its section", page):
        page.goto("/khoa-hoc/")
        expect(page.locator(f"main a[href='{address}']").first).to_be_visible()

    with journey.step("its page shows everything a story page promises", page):
        beacon = f"**/api/doc/{article.pk}/"
        with page.expect_response(beacon) as counted:
            page.goto(address)
        assert counted.value.status == 204
        contacts = page.locator(".topbar .contacts")
        expect(contacts.locator("a[href='tel:0904164838']")).to_have_text("0904.164.838")
        expect(contacts.locator("a[href='tel:02437281575']")).to_have_text("024.3728.1575")
        expect(contacts).to_contain_text("Ms Tú")
        expect(contacts.locator("a[href='tel:02432045452']")).to_have_text("024.3204.5452")
        expect(page.locator(".weather")).to_contain_text(re.compile(r"Hà Nội\s*22°C\s*/\s*57%"))
        expect(page.locator(".story__title")).to_have_text(TITLE)
        stamp = page.locator(".story__meta time").first
        expect(stamp).to_have_text(re.compile(r"^\d{2}/\d{2}/\d{4} \d{2}:\d{2} \(GMT\+7\)$"))
        expect(stamp).to_have_text(when.astimezone(VIETNAM).strftime("%d/%m/%Y %H:%M (GMT+7)"))
        expect(page.locator(".story__lead")).to_have_text(LEAD)
        figure = page.locator(".story__body figure")
        expect(figure.locator("img")).to_be_visible()
        # The reporter's caption for this use, then the library record's credit.
        expect(figure.locator("figcaption")).to_contain_text(CAPTION)
        expect(figure.locator("figcaption .credit")).to_have_text("Ảnh: Minh Anh")
        source = page.locator(".story__source")
        expect(source).to_have_text("(Nguồn: kienthuc.net.vn)")
        expect(source.locator("a")).to_have_attribute("href", ORIGINAL)
        tags = page.locator(".story__tags a")
        expect(tags).to_have_count(2)
        assert sorted(tags.all_inner_texts()) == ["Nông nghiệp", "Đắk Lắk"]
        related = page.locator(".related .card__title a")
        sharing_a_tag = {newsroom.others[1].title, newsroom.others[3].title}
        expect(related.first).to_be_visible()
        assert sharing_a_tag <= set(related.all_inner_texts())
        assert TITLE not in related.all_inner_texts()
        latest = page.locator("section[aria-labelledby=latest-title]")
        expect(latest.locator(".card")).to_have_count(len(newsroom.others))
        expect(page.locator("#most-read-title")).to_have_text("Đọc nhiều")
        expect(page.locator(".most-read .card").first).to_be_visible()
        for lead in page.locator(".most-read .card__lead").all():
            width = lead.bounding_box()["width"]
            assert width >= 200, f"a “most read” lead is squeezed into {width} px"
        assert ArticleDailyViews.objects.get(article=article).count == 1
        journey.snap(page, "story")

    with journey.step("“Copy link” puts the canonical address on the clipboard", page):
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
        canonical = page.locator("link[rel=canonical]").get_attribute("href")
        assert canonical == live_server.url + address
        page.click("button[data-copy-link]")
        expect(page.locator("[data-copy-status]")).to_have_text("Đã sao chép")
        assert page.evaluate("navigator.clipboard.readText()") == canonical
        page.locator(".share").scroll_into_view_if_needed()
        journey.snap(page, "link copied", full_page=False)

    with journey.step("having been read, it is soon among the most read", page):
        # The ranking, like the pages, is kept for a while (CACHE_SECONDS here).
        in_most_read = f".most-read a[href='{address}']"
        visit_until(
            page,
            newsroom.others[0].get_absolute_url(),
            lambda p: p.locator(in_most_read).count(),
            timezone.now() + datetime.timedelta(seconds=CACHE_SECONDS + 5),
        )
        expect(page.locator(in_most_read).first).to_be_visible()

    with journey.step("the title typed without diacritics in the search box finds it", page):
        page.fill("header [role=search] input[name=q]", FOLDED_TITLE)
        page.press("header [role=search] input[name=q]", "Enter")
        page.wait_for_url(re.compile(r"/tim-kiem/\?q=dak\+lak"))
        results = page.locator(".search-results .card__title a")
        expect(results.first).to_have_attribute("href", address)
        journey.snap(page, "search")
