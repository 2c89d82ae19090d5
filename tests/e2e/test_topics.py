"""Journey: an editor gathers stories under a topic in the admin and pins one; a reporter
adds her own story to it from the story's page; readers find the topic's page (pinned
story first), its link under each story, and its feed."""

import pytest
from playwright.sync_api import expect

from tests import factories
from topics.models import Topic, TopicStory

from .browser import Journey, choose, log_in

pytestmark = pytest.mark.e2e

TITLE = "Mùa nước nổi"


def test_an_editor_makes_a_topic_and_readers_follow_it(newsroom, open_context):
    journey = Journey("topics")
    pinned, other = newsroom.others[3], newsroom.others[1]
    # A published story is no longer the reporter's to change: she adds her draft.
    own = factories.story(
        newsroom.reporter, title="Bản nháp về mùa cá linh", section=newsroom.sections.society
    )
    editor = open_context().new_page()
    reporter = open_context().new_page()
    reader = open_context(phone=True).new_page()

    with journey.step("the editor creates the topic and pins a story", editor):
        log_in(editor, newsroom.editor)
        editor.goto("/quan-tri/topics/topic/add/")
        editor.fill("#id_title", TITLE)
        editor.fill("#id_description", "Nước về đồng, người miền Tây vào mùa cá linh.")
        expect(editor.locator("#id_slug")).to_have_value("")  # made on save, in Vietnamese
        editor.locator("#links-group .add-row a").click()
        choose(editor, "links-0-story", "giong lua", pinned.title)
        editor.check("#id_links-0-pinned")
        editor.fill("#id_links-0-order", "1")
        editor.locator("#links-group .add-row a").click()
        choose(editor, "links-1-story", "nuoc noi", other.title)
        editor.click("input[name=_save]")
        expect(editor.locator(".messagelist .success").first).to_be_visible()
        topic = Topic.objects.get(slug="mua-nuoc-noi")
        assert TopicStory.objects.filter(topic=topic, story=pinned, pinned=True).exists()
        journey.snap(editor, "topic saved", phone=False)

    with journey.step("the reporter adds her story to the topic from its page", reporter):
        log_in(reporter, newsroom.reporter)
        reporter.goto(f"/quan-tri/articles/article/{own.pk}/change/")
        expect(reporter.locator("#id_topic_links-__prefix__-pinned")).to_have_count(0)
        reporter.locator("#topic_links-group .add-row a").click()
        choose(reporter, "topic_links-0-topic", "mua nuoc", TITLE)
        reporter.click("input[name=_continue]")
        expect(reporter.locator(".messagelist .success").first).to_be_visible()
        assert TopicStory.objects.filter(topic=topic, story=own, pinned=False).exists()

    with journey.step("a reader sees the topic's public stories, the pinned one first", reader):
        assert reader.goto("/chu-de/mua-nuoc-noi/").status == 200
        expect(reader.locator("h1")).to_have_text(TITLE)
        cards = reader.locator(".story-list .card__title")
        expect(cards).to_have_count(2)  # not the reporter's draft
        expect(cards.first).to_have_text(pinned.title)
        journey.snap(reader, "topic page")

    with journey.step("under a story, a link leads to its topic", reader):
        reader.goto(other.get_absolute_url())
        link = reader.locator(".story-topics a")
        expect(link).to_have_text(TITLE)
        link.click()
        reader.wait_for_url("**/chu-de/mua-nuoc-noi/")

    with journey.step("the topic's feed lists its stories", reader):
        feed = reader.request.get("/chu-de/mua-nuoc-noi/rss/")
        assert feed.status == 200
        assert pinned.title in feed.text() and other.title in feed.text()
        assert own.title not in feed.text()
