"""Journey 2: an editor finds a story among those in review and returns it with a comment;
the reporter reads the comment, edits and hands it in again; the editor schedules it a few
seconds ahead, typing Vietnam time, and it goes live at that time."""

import datetime
import time
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles import workflow
from articles.models import Article, ArticleTransition, Status
from tests import factories
from tests.factories import in_vietnamese

from .browser import Journey, log_in

pytestmark = pytest.mark.e2e

TITLE = "Hà Nội mở thêm 12 tuyến xe buýt điện từ tháng sau"
COMMENT = "Bổ sung ý kiến của Sở Giao thông và số liệu hành khách năm ngoái."
NEW_LEAD = (
    "Theo Sở Giao thông vận tải, 12 tuyến buýt điện mới sẽ phục vụ khoảng 40.000 lượt "
    "khách mỗi ngày."
)
AHEAD = datetime.timedelta(seconds=6)
# Vietnam time as the editor's wall clock shows it, whatever the site's settings say.
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def story_in_review(newsroom):
    photo = newsroom.photo
    article = factories.story(
        newsroom.reporter,
        title=TITLE,
        lead="Thành phố sẽ có thêm 12 tuyến buýt điện.",
        body=(
            "<p>Các tuyến mới nối trung tâm với các khu đô thị phía tây.</p>"
            f'<figure class="image"><img src="{photo.file.url}" alt="{photo.alt_text}" '
            f'width="{photo.width}" height="{photo.height}">'
            "<figcaption>Xe buýt điện chạy thử trên phố Kim Mã</figcaption></figure>"
            + factories.STORY_BODY
        ),
        section=newsroom.sections.society,
        featured_image=photo,
    )
    article.tags.add("Giao thông")
    workflow.transition(article, "submit", newsroom.reporter)
    factories.story(
        newsroom.reporter,
        title="Bản nháp chưa nộp về chợ đêm Đà Lạt",
        section=newsroom.sections.society,
    )
    return article


def test_editor_returns_a_story_then_schedules_it_in_vietnam_time(
    newsroom, story_in_review, open_context
):
    journey = Journey("2 editor")
    article = story_in_review
    editor = open_context().new_page()
    reporter = open_context().new_page()
    reader = open_context().new_page()

    with journey.step("the editor finds the story among those in review", editor):
        log_in(editor, newsroom.editor)
        editor.goto("/quan-tri/articles/article/")
        editor.click("#changelist-filter a[href*='status__exact=in_review']")
        results = editor.locator("#result_list")
        expect(results).to_contain_text(TITLE)
        expect(results.locator("tbody tr")).to_have_count(1)
        journey.snap(editor, "stories in review")

    with journey.step("the editor returns it with a comment", editor):
        results.get_by_role("link", name=TITLE).click()
        editor.fill("#id_workflow_comment", COMMENT)
        editor.click("button[name=workflow_action][value=return]")
        expect(editor.locator(".messagelist .success").first).to_have_text(
            in_vietnamese("Returned to the reporter with your comment.")
        )
        article.refresh_from_db()
        assert article.status == Status.RETURNED
        assert ArticleTransition.objects.filter(
            article=article, to_status=Status.RETURNED, comment=COMMENT, actor=newsroom.editor
        ).exists()

    with journey.step("the reporter reads the comment on the story", reporter):
        log_in(reporter, newsroom.reporter)
        reporter.goto("/quan-tri/articles/article/")
        reporter.locator("#result_list").get_by_role("link", name=TITLE).click()
        history = reporter.locator(".field-workflow_history")
        expect(history).to_contain_text(COMMENT)
        expect(history).to_contain_text("Hùng Trần")
        journey.snap(reporter, "reporter reads the comment")

    with journey.step("the reporter edits the story and hands it in again", reporter):
        reporter.fill("#id_lead", NEW_LEAD)
        reporter.click("button[name=workflow_action][value=submit]")
        expect(reporter.locator(".messagelist .success").first).to_have_text(
            in_vietnamese("Handed in for review.")
        )
        article.refresh_from_db()
        assert (article.status, article.lead) == (Status.IN_REVIEW, NEW_LEAD)

    with journey.step("the editor schedules it a few seconds ahead, in Vietnam time", editor):
        editor.goto(f"/quan-tri/articles/article/{article.pk}/change/")
        expect(editor.locator("#id_lead")).to_have_value(NEW_LEAD)
        when = (timezone.now() + AHEAD).astimezone(VIETNAM).replace(microsecond=0)
        editor.fill("#id_publication_at_0", when.strftime("%d/%m/%Y"))
        editor.fill("#id_publication_at_1", when.strftime("%H:%M:%S"))
        publish = editor.locator("button[name=workflow_action][value=publish]")
        expect(publish).to_have_text("Lưu và xuất bản / hẹn giờ")
        publish.click()
        expect(editor.locator(".messagelist .success").first).to_have_text(
            in_vietnamese("Scheduled: the story goes live at %(time)s.")
            % {"time": when.strftime("%d/%m/%Y %H:%M")}
        )
        article.refresh_from_db()
        assert article.status == Status.PUBLISHED
        assert article.publication_at == when
        expect(editor.locator("#scheduled-next")).to_contain_text(TITLE)

    address = article.get_absolute_url()
    with journey.step("the story is not on the site before its time", reader):
        assert reader.goto(address).status == 404
        assert timezone.now() < when, "too slow: the scheduled time passed during the check"
        journey.snap(editor, "scheduled")

    with journey.step("the story goes live at its time, with nothing else done", reader):
        status = wait_for_status(reader, address, 200, until=when + datetime.timedelta(seconds=5))
        assert status == 200, f"{address} still answers {status} five seconds after {when}"
        assert timezone.now() >= when
        expect(reader.locator("h1")).to_have_text(TITLE)
        assert Article.objects.public().filter(pk=article.pk).exists()


def wait_for_status(page, address, wanted, until):
    """Reload ``address`` until it answers ``wanted`` or ``until`` has passed; the last
    status seen."""
    while True:
        status = page.goto(address).status
        if status == wanted or timezone.now() > until:
            return status
        time.sleep(0.25)
