"""Journey: a reader comments under a story and is told it waits for moderation; a
moderator approves it from the queue with the keyboard; the reader, reloading the kept
story page, finds it under the story, with the count, and likes it."""

import pytest
from playwright.sync_api import expect

from comments.models import Comment, Status
from newsroom.models import Role
from tests import factories

from .browser import LIST_FITS, PHONE, Journey, log_in

pytestmark = pytest.mark.e2e

TEXT = "Cây cầu này giúp người dân hai huyện đi lại thuận tiện hơn nhiều. Cảm ơn tòa soạn!"


@pytest.fixture
def story(newsroom):
    return factories.story(
        newsroom.reporter,
        title="Khánh thành cầu vượt sông Đáy",
        lead="Cây cầu mới rút ngắn đường đi giữa hai huyện.",
        section=newsroom.sections.society,
        published=True,
    )


@pytest.fixture
def moderator(newsroom):
    person = factories.UserFactory(username="kiemduyet", first_name="Hà", last_name="Trần")
    person.groups.add(Role.objects.group("moderator"))
    return person


def test_a_reader_comments_a_moderator_approves_and_readers_see_it(
    newsroom, story, moderator, open_context, settings
):
    # A second is enough to tell a person from a script in a journey.
    settings.COMMENT_MIN_SECONDS = 1
    journey = Journey("comments")
    reader = open_context().new_page()
    desk = open_context().new_page()
    desk_size = desk.viewport_size

    with journey.step("the reader writes a comment under the story", reader):
        reader.goto(story.get_absolute_url())
        comments = reader.locator("#binh-luan")
        expect(comments.locator(".comments__count")).to_have_text("(0)")
        reader.fill("#id_text", TEXT)
        reader.fill("#id_name", "Nguyễn Thị Mai")
        reader.fill("#id_email", "mai@example.vn")
        journey.snap(reader, "the comment form under the story")
        reader.wait_for_timeout(1200)
        reader.click(".comment-form__submit button")
        expect(reader.get_by_role("status")).to_contain_text(
            factories.in_vietnamese("Thank you, your comment is waiting for moderation.")
        )
        expect(reader.locator(".comments__removal a")).to_be_visible()
        journey.snap(reader, "told it waits for moderation")
    assert Comment.objects.get().status == Status.PENDING

    with journey.step("it is not on the story until approved", reader):
        reader.goto(story.get_absolute_url())
        expect(reader.locator("#binh-luan")).not_to_contain_text(TEXT)

    with journey.step("the moderator approves it from the queue with the keyboard", desk):
        log_in(desk, moderator)
        desk.goto("/quan-tri/comments/comment/?status__exact=pending")
        expect(desk.locator("#result_list")).to_contain_text(TEXT[:40])
        desk.set_viewport_size(PHONE)
        assert desk.evaluate(LIST_FITS), "the queue scrolls sideways on a phone"
        expect(desk.locator("#result_list .field-sent_at").first).to_be_visible()
        desk.set_viewport_size(desk_size)
        journey.snap(desk, "the moderators' queue")
        desk.keyboard.press("j")
        desk.keyboard.press("a")
        expect(desk.locator(".messagelist .success")).to_be_visible()
    approved = Comment.objects.get()
    assert (approved.status, approved.moderated_by) == (Status.APPROVED, moderator)

    with journey.step("the reader reloads the story and finds it, counted", reader):
        # A reload asks the server (the browser may keep a plain revisit for max-age).
        reader.reload()
        comments = reader.locator("#binh-luan")
        expect(comments.locator(".comment")).to_contain_text(TEXT)
        expect(comments.locator(".comment__name")).to_have_text("Nguyễn Thị Mai")
        expect(comments.locator(".comments__count")).to_have_text("(1)")
        expect(comments).not_to_contain_text("mai@example.vn")
        journey.snap(reader, "the approved comment under the story")

    with journey.step("the reader likes it, once", reader):
        like = reader.locator("#binh-luan .comment__like")
        like.click()
        expect(like).to_have_attribute("aria-pressed", "true")
        expect(like).to_be_disabled()
        expect(reader.locator("#binh-luan .comment__likes")).to_contain_text("1")
    assert Comment.objects.get().likes == 1

    with journey.step("the page, kept again, shows it to the next readers", reader):
        # Asked afresh, with the reader's cookies, without the browser's own copy. The kept
        # page lives no longer than its shortest part ("most read", 15 s in the journeys),
        # so it may be made once more first.
        answers = [reader.request.get(story.get_absolute_url()) for _ in range(3)]
        assert "hit" in [a.headers.get("x-page-cache") for a in answers]
        assert TEXT in answers[-1].text()
