"""Journey: an editor sets a breaking-news banner from a story's admin page in two clicks
("Đặt làm tin nóng", then save); readers see it across the top of every page at once, with
the caches on, and it leaves at its end time with nobody touching it."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from breaking.models import Banner
from tests.factories import in_vietnamese

from .browser import Journey, log_in, visit_until

pytestmark = pytest.mark.e2e

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
SHOWN_FOR = datetime.timedelta(seconds=12)


def test_editor_sets_a_banner_in_two_clicks_and_it_leaves_at_its_end(newsroom, open_context):
    journey = Journey("breaking banner")
    story = newsroom.others[0]
    editor = open_context().new_page()
    reader = open_context(phone=True).new_page()

    with journey.step("a reader's pages are kept, without a banner", reader):
        reader.goto("/")
        expect(reader.locator(".breaking")).to_have_count(0)
        reader.goto(story.get_absolute_url())

    with journey.step("the editor clicks 'Đặt làm tin nóng' on the story's page", editor):
        log_in(editor, newsroom.editor)
        editor.goto(f"/quan-tri/articles/article/{story.pk}/change/")
        editor.get_by_role("link", name=in_vietnamese("Make it breaking news")).click()
        expect(editor.locator("#id_text")).to_have_value(story.title)
        journey.snap(editor, "banner form filled from the story")

    with journey.step("the editor saves (the end brought close, for the test)", editor):
        # Two hours by default; the journey cannot wait that long.
        end = (timezone.now() + SHOWN_FOR).astimezone(VIETNAM).replace(microsecond=0)
        editor.fill("#id_ends_at_0", end.strftime("%d/%m/%Y"))
        editor.fill("#id_ends_at_1", end.strftime("%H:%M:%S"))
        editor.click("input[name=_save]")
        expect(editor.locator(".messagelist .success").first).to_be_visible()
        banner = Banner.objects.get()
        assert (banner.article, banner.created_by) == (story, newsroom.editor)

    with journey.step("every reader page shows it at once, linking the story", reader):
        region = reader.get_by_role("region", name=in_vietnamese("Breaking news"))
        for address in ("/", newsroom.sections.society.get_absolute_url()):
            # Reloaded as a reader would: the browser may keep the page it saw before.
            within_a_second = timezone.now() + datetime.timedelta(seconds=1)
            assert visit_until(reader, address, lambda p: region.count(), within_a_second)
            expect(region).to_contain_text(story.title)
        expect(region.get_by_role("link", name=story.title)).to_have_attribute(
            "href", story.get_absolute_url()
        )
        assert timezone.now() < banner.ends_at, "too slow: the banner ended during the check"
        journey.snap(reader, "banner on a phone")

    with journey.step("it leaves at its end time, with nothing else done", reader):
        gone = visit_until(
            reader,
            "/",
            lambda p: p.locator(".breaking").count() == 0,
            banner.ends_at + datetime.timedelta(seconds=2),
        )
        assert gone, "the banner is still there two seconds after its end"
        assert timezone.now() >= banner.ends_at
        expect(reader.locator(".breaking")).to_have_count(0)
