"""Journey: a reader opens a story with a YouTube video and an X post. Nothing is asked of
YouTube or X (but the video's picture) until the reader presses play, which brings the
youtube-nocookie frame, or "Load content from X", which loads X's script."""

from urllib.parse import urlsplit

import micawber.providers
import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from tests import factories
from tests.embeds.conftest import YOUTUBE, Providers, X

from .browser import Journey, log_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def story(newsroom, monkeypatch):
    monkeypatch.setattr(micawber.providers, "fetch", Providers().fetch)
    return factories.story(
        newsroom.reporter,
        title="Bão số 9 đổ bộ miền Trung",
        body=f"<p>Bão đã vào bờ.</p><p>{YOUTUBE}</p><p>{X}</p>",
        section=newsroom.sections.society,
        published=True,
    )


def test_a_reader_clicks_to_load_the_embeds(newsroom, story, open_context, live_server):
    journey = Journey("embeds")
    context = open_context()
    asked, refused = [], []

    def outside(route):
        # The journey never reaches the internet: what the page asks of other hosts is
        # noted and answered with nothing.
        asked.append(urlsplit(route.request.url).hostname)
        route.abort()

    context.route(lambda url: not url.startswith(live_server.url), outside)
    page = context.new_page()
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)

    with journey.step("the reader opens the story: a picture with a play button", page):
        page.goto(story.get_absolute_url())
        expect(page.locator(".embed--youtube .embed__facade")).to_be_visible()
        expect(page.locator(".embed--x .embed__load")).to_be_visible()
        expect(page.locator("iframe")).to_have_count(0)
        journey.snap(page, "the embeds before the reader asks")
    assert set(asked) <= {"i.ytimg.com"}

    with journey.step("play brings the youtube-nocookie frame", page):
        page.locator(".embed--youtube .embed__facade").click()
        frame = page.locator(".embed--youtube iframe")
        expect(frame).to_have_attribute(
            "src", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
        )
    assert "www.youtube.com" not in asked

    with journey.step("'Load content from X' loads X's script, once", page):
        page.locator(".embed--x .embed__load").click()
        expect(page.locator("script[src='https://platform.twitter.com/widgets.js']")).to_have_count(
            1
        )
        expect(page.locator(".embed--x .embed__load")).to_have_count(0)
    assert refused == []


PASTE = """(url) => {
    const data = new DataTransfer();
    data.setData("text/plain", url);
    document.querySelector(".ck-editor__main > .ck-editor__editable").dispatchEvent(
        new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true})
    );
}"""


def test_a_reporter_pastes_links_and_the_embeds_survive_editing_again(
    newsroom, open_context, monkeypatch
):
    """CKEditor makes its own media block of a pasted YouTube or X link; saving makes it
    our embed, and opening the story again keeps each embed the block it is."""
    monkeypatch.setattr(micawber.providers, "fetch", Providers().fetch)
    story = factories.story(newsroom.reporter, body="<p>Bão đã vào bờ.</p>")
    journey = Journey("embeds-editor")
    page = open_context().new_page()
    log_in(page, newsroom.reporter)

    with journey.step("the reporter pastes a YouTube and an X link, each on its own line", page):
        page.goto(f"/quan-tri/articles/article/{story.pk}/change/")
        page.locator(".ck-editor__main > .ck-editor__editable").click()
        page.keyboard.press("Control+End")
        page.keyboard.press("Enter")
        for count, url in enumerate((YOUTUBE, X), start=1):
            page.evaluate(PASTE, url)
            # CKEditor turns the pasted link into its media block a moment later.
            expect(page.locator(".ck-editor__main .ck-media__wrapper")).to_have_count(count)
            page.keyboard.press("Enter")
        page.click("input[name=_continue]")
        expect(page.locator(".messagelist .success")).to_be_visible()
    story.refresh_from_db()
    assert story.body.count('class="embed"') == 2

    with journey.step("opening and saving the story again keeps both embeds", page):
        page.click("input[name=_continue]")
        expect(page.locator(".messagelist .success")).to_be_visible()
        journey.snap(page, "the embeds in the editor", full_page=False)
    story.refresh_from_db()
    embeds = BeautifulSoup(story.body, "html.parser").select("figure.embed")
    assert [figure["data-embed"] for figure in embeds] == ["youtube", "x"]
