"""Journey: an editor reads the story list on a 1440 px screen and on a 390 px phone: no
sideways scrolling, long titles cut with an ellipsis (the whole title on hover), state and
time always in view; then hands in two drafts at once from the list."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article, Status
from tests import factories

from .browser import LIST_FITS, Journey, log_in

pytestmark = pytest.mark.e2e

# Near the longest a title may be (articles.checks.TITLE_MAX_CHARS).
LONG = (
    "Các nhà khoa học công bố giống lúa chịu mặn mới, năng suất cao hơn 20% so với "
    "giống cũ ở miền Tây"
)


@pytest.fixture
def desk(newsroom):
    now = timezone.now()
    stories = []
    for number, state in enumerate(
        [Status.DRAFT, Status.DRAFT, Status.IN_REVIEW, Status.PUBLISHED, Status.PUBLISHED]
    ):
        story = factories.story(
            newsroom.reporter,
            title=f"{LONG} ({number})",
            section=newsroom.sections.science,
        )
        if state == Status.PUBLISHED:
            # One live, one scheduled for tomorrow.
            when = now + datetime.timedelta(days=1 if number == 4 else -1)
            Article.objects.filter(pk=story.pk).update(status=state, publication_at=when)
        else:
            Article.objects.filter(pk=story.pk).update(status=state)
        stories.append(story)
    return stories


def check_the_list(page):
    assert page.evaluate(LIST_FITS), "the story list scrolls sideways"
    width = page.viewport_size["width"]
    rows = page.locator("#result_list tbody tr")
    expect(rows.first).to_be_visible()
    for index in range(rows.count()):
        row = rows.nth(index)
        title = row.locator(".field-title_cell .story-title")
        full = title.get_attribute("title")
        assert full == title.text_content()
        for column in ("field-title_cell", "field-state", "field-publication_time"):
            box = row.locator(f".{column}").bounding_box()
            assert box and box["width"] > 20 and box["x"] + box["width"] <= width + 1, (
                column,
                box,
            )
        # Cut (one line on a screen, three at most on a phone), never the whole page tall,
        # and given room enough to read.
        box = title.bounding_box()
        assert box["height"] < 70 and box["width"] >= (120 if width < 768 else 300), box


def test_the_story_list_fits_a_screen_and_a_phone(newsroom, desk, open_context):
    journey = Journey("desk list")
    page = open_context().new_page()
    phone = open_context(phone=True, viewport={"width": 390, "height": 844}).new_page()

    with journey.step("reads the story list at 1440 px", page):
        log_in(page, newsroom.editor)
        page.goto("/quan-tri/articles/article/")
        check_the_list(page)
        journey.snap(page, "story list", phone=False)

    with journey.step("reads the story list on a 390 px phone", phone):
        log_in(phone, newsroom.editor)
        phone.goto("/quan-tri/articles/article/")
        check_the_list(phone)
        journey.snap(phone, "story list")

    with journey.step("hands in the two drafts at once", page):
        drafts = [s for s in desk if Article.objects.get(pk=s.pk).status == Status.DRAFT]
        for story in drafts:
            page.check(f"#result_list input[name=_selected_action][value='{story.pk}']")
        page.select_option("select[name=action]", "hand_in_selected")
        page.click("#changelist-form button[name=index]")
        expect(page.locator(".messagelist .success")).to_be_visible()
        for story in drafts:
            assert Article.objects.get(pk=story.pk).status == Status.IN_REVIEW
        check_the_list(page)
        journey.snap(page, "handed in from the list", phone=False)
