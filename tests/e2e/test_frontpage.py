"""Journeys: an editor curates the home page from the board screen. She opens the board,
finds a story by typing its words without accents, puts it in the lead slot, reorders
with the buttons (and by dragging), features a topic in the box after the spotlight,
saves, looks at the preview at phone width and publishes; a reader's home page (caches
on) shows the story as its lead and the topic's box at once. A board scheduled for a
minute goes live at that minute with nobody saving. And the board fits a phone."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Status
from frontpage.models import Edition
from tests import factories
from tests.factories import in_vietnamese
from topics.models import Topic, TopicStory

from .browser import Journey, log_in, scroll_width, visit_until

pytestmark = pytest.mark.e2e

PHONE_390 = {"width": 390, "height": 844}
VIETNAM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def lead_of(page):
    return page.locator(".home-top").locator("h2").first


def test_editor_puts_a_story_in_the_lead_and_readers_see_it(newsroom, open_context):
    journey = Journey("front page board")
    story = factories.story(
        newsroom.reporter,
        title="Hội nghị khoa học Đồng bằng sông Cửu Long khai mạc",
        section=newsroom.sections.science,
        lead="Hơn hai trăm nhà khoa học bàn về nước mặn và giống lúa mới.",
        status=Status.PUBLISHED,
        publication_at=timezone.now() - datetime.timedelta(hours=9),
    )
    second = newsroom.others[3]
    topic = Topic.objects.create(
        title="Đồng bằng sông Cửu Long",
        description="Nước mặn, giống lúa mới và những mùa nước nổi.",
        cover=newsroom.photo,
    )
    for pinned, each in enumerate([newsroom.others[1], story]):
        TopicStory.objects.create(topic=topic, story=each, pinned=bool(pinned))
    editor = open_context().new_page()
    reader = open_context(phone=True).new_page()

    with journey.step("a reader's home page leads with the newest story", reader):
        reader.goto("/")
        expect(lead_of(reader)).to_have_text(newsroom.others[0].title)

    with journey.step("the editor opens the home page's board from the list", editor):
        log_in(editor, newsroom.editor)
        editor.goto("/quan-tri/frontpage/board/")
        editor.locator("#result_list").get_by_role("link", name=in_vietnamese("Home page")).click()
        expect(editor.locator("#board_form")).to_be_visible()
        expect(editor.locator('[data-slot="lead"] [data-count]')).to_have_text("0/1")

    with journey.step("she finds the story typing without accents and adds it", editor):
        editor.fill("#board-q", "hoi nghi dong bang")
        result = editor.locator(".board-result", has_text=story.title)
        expect(result).to_be_visible()
        result.get_by_role("button", name=in_vietnamese("Add")).click()
        expect(editor.locator('[name="lead-0-story"]')).to_have_value(str(story.pk))
        expect(editor.locator('[data-slot="lead"]')).to_contain_text(story.title)

    with journey.step("another story added to the lead pushes hers to the sub-leads", editor):
        editor.fill("#board-q", second.title[:12])
        result = editor.locator(".board-result", has_text=second.title)
        result.get_by_role("button", name=in_vietnamese("Add")).click()
        expect(editor.locator('[name="lead-0-story"]')).to_have_value(str(second.pk))
        expect(editor.locator('[name="subleads-0-story"]')).to_have_value(str(story.pk))

    with journey.step("she moves hers back up with the button, by keyboard", editor):
        up = editor.locator('[data-slot="subleads"] [data-place]').first.get_by_role(
            "button", name=in_vietnamese("Move up")
        )
        up.focus()
        editor.keyboard.press("Enter")
        expect(editor.locator('[name="lead-0-story"]')).to_have_value(str(story.pk))
        expect(editor.locator('[name="subleads-0-story"]')).to_have_value(str(second.pk))
        expect(editor.locator('[data-slot="subleads"] [data-count]')).to_have_text("1/4")

    with journey.step("she tries the other order by dragging, and drags it back", editor):
        first_sublead = editor.locator('[data-slot="subleads"] [data-place]').first
        lead_place = editor.locator('[data-slot="lead"] [data-place]')
        first_sublead.locator("[data-handle]").drag_to(lead_place)
        expect(editor.locator('[name="lead-0-story"]')).to_have_value(str(second.pk))
        expect(editor.locator('[name="subleads-0-story"]')).to_have_value(str(story.pk))
        first_sublead.locator("[data-handle]").drag_to(lead_place)
        expect(editor.locator('[name="lead-0-story"]')).to_have_value(str(story.pk))
        expect(lead_place).to_contain_text(story.title)
        journey.snap(editor, "board filled")

    with journey.step("she features a topic in the box after the spotlight", editor):
        editor.select_option("#board-topic", str(topic.pk))

    with journey.step("she saves the draft", editor):
        editor.get_by_role("button", name=in_vietnamese("Save draft")).click()
        expect(editor.locator(".messagelist .success")).to_be_visible()
        draft = Edition.objects.get(status=Edition.Status.DRAFT)
        assert draft.topic == topic
        expect(editor.locator("#board-topic")).to_have_value(str(topic.pk))
        assert list(draft.slots.values_list("name", "story_id").order_by("name")) == [
            ("lead", story.pk),
            ("subleads", second.pk),
        ]
        expect(editor.locator('[name="lead-0-story"]')).to_have_value(str(story.pk))

    with journey.step("the preview at phone width leads with her story", editor):
        editor.get_by_role("button", name=in_vietnamese("Preview")).click()
        editor.get_by_role("link", name=in_vietnamese("Phone width (390 px)")).click()
        frame = editor.locator("iframe.board-preview__frame.is-phone")
        expect(frame).to_be_visible()
        assert frame.element_handle().content_frame().evaluate("window.innerWidth") == 390
        preview = editor.frame_locator("iframe.board-preview__frame")
        expect(preview.locator(".home-top h2").first).to_have_text(story.title)
        expect(preview.locator(".topic-box")).to_contain_text(topic.title)
        journey.snap(editor, "preview at phone width", phone=False)
        # Nothing is live yet: the reader's page is as it was.
        reader.reload()
        expect(lead_of(reader)).to_have_text(newsroom.others[0].title)

    with journey.step("she publishes from the board", editor):
        editor.get_by_role("link", name=in_vietnamese("Back to the board")).click()
        editor.get_by_role("button", name=in_vietnamese("Publish now")).click()
        expect(editor.locator(".messagelist .success")).to_be_visible()
        live = Edition.objects.live("home")
        assert live.slots.get(name="lead").story_id == story.pk

    with journey.step("the board's history shows the edition live, by her", editor):
        editor.get_by_role("link", name=in_vietnamese("History")).click()
        row = editor.locator("tr.is-live")
        expect(row).to_contain_text(f"#{live.pk}")
        expect(row).to_contain_text(newsroom.editor.get_full_name())
        journey.snap(editor, "history")

    with journey.step("the reader's home page leads with her story at once", reader):
        within_a_second = timezone.now() + datetime.timedelta(seconds=1)
        assert visit_until(
            reader, "/", lambda p: lead_of(p).inner_text() == story.title, within_a_second
        )
        # The topic's box, its pinned story first, linking to the topic's page.
        box = reader.locator(".topic-box")
        expect(box.get_by_role("link", name=topic.title, exact=True)).to_have_attribute(
            "href", topic.get_absolute_url()
        )
        expect(box.locator(".card__title").first).to_have_text(story.title)
        journey.snap(reader, "reader's home page")


def test_the_board_fits_a_phone(newsroom, open_context):
    journey = Journey("front page board on a phone")
    phone = open_context(phone=True, viewport=PHONE_390).new_page()
    with journey.step("an editor opens the board on her phone", phone):
        log_in(phone, newsroom.editor)
        phone.goto("/quan-tri/frontpage/board/")
        phone.locator("#result_list").get_by_role("link", name=in_vietnamese("Home page")).click()
        phone.fill("#board-q", "ve tinh")
        phone.locator(".board-result").first.get_by_role(
            "button", name=in_vietnamese("Add")
        ).click()
        expect(phone.locator('[name="lead-0-story"]')).to_have_value(str(newsroom.others[0].pk))
        assert scroll_width(phone) <= PHONE_390["width"]
        journey.snap(phone, "board on a phone")


def test_a_scheduled_edition_goes_live_at_its_minute_with_nobody_saving(newsroom, open_context):
    """The morning edition: the editor schedules the board for a minute ahead and goes
    home; readers' cached home page changes at that minute, not before."""
    journey = Journey("front page board scheduled")
    story = newsroom.others[2]
    editor = open_context().new_page()
    reader = open_context(phone=True).new_page()

    with journey.step("a reader's home page leads with the newest story", reader):
        reader.goto("/")
        expect(lead_of(reader)).to_have_text(newsroom.others[0].title)

    with journey.step("the editor puts a story in the lead and schedules the board", editor):
        log_in(editor, newsroom.editor)
        editor.goto("/quan-tri/frontpage/board/")
        editor.locator("#result_list").get_by_role("link", name=in_vietnamese("Home page")).click()
        editor.fill("#board-q", story.title[:14])
        result = editor.locator(".board-result", has_text=story.title)
        result.get_by_role("button", name=in_vietnamese("Add")).click()
        expect(editor.locator('[name="lead-0-story"]')).to_have_value(str(story.pk))
        # The next whole minute, in Vietnam time as the editor types it (never the minute
        # now running: that is refused as past).
        now = timezone.now()
        at = (now + datetime.timedelta(minutes=1)).replace(second=0, microsecond=0)
        if at - now < datetime.timedelta(seconds=10):
            at += datetime.timedelta(minutes=1)
        typed = at.astimezone(VIETNAM).strftime("%Y-%m-%dT%H:%M")
        editor.fill("#board-publish-at", typed)
        editor.get_by_role("button", name=in_vietnamese("Schedule")).click()
        expect(editor.locator(".messagelist .success")).to_be_visible()
        scheduled = Edition.objects.get(status=Edition.Status.SCHEDULED)
        assert scheduled.publish_at == at
        journey.snap(editor, "board scheduled")

    with journey.step("before the minute readers still see the old lead", reader):
        reader.reload()
        if timezone.now() < at - datetime.timedelta(seconds=1):
            expect(lead_of(reader)).to_have_text(newsroom.others[0].title)

    with journey.step("at the minute the reader's home page leads with the story", reader):
        assert visit_until(
            reader,
            "/",
            lambda p: lead_of(p).inner_text() == story.title,
            at + datetime.timedelta(seconds=3),
        )
        assert timezone.now() >= at
        journey.snap(reader, "the morning edition live")
