"""A reader sends a comment under a story: it always waits for a moderator, the reader is
told so, and the story's kept page is left as it is. Whatever is wrong (an empty or
too-long text, a script's haste, a blocked word or address, a closed story) is said on the
form, with what the reader wrote, and nothing is saved; never a 500."""

import html
import json
import time

import pytest
import time_machine
from django.test import Client

from comments import guard
from comments.models import Comment, CommentSettings, Mode, Status, StorySetting
from tests import factories
from tests.site.conftest import story as make_story

from .conftest import comment, form, send, sent_message, write_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site")]


def test_a_readers_comment_waits_for_moderation_and_they_are_told_so(client, public_story):
    response = send(client, public_story, text="Cần thêm số liệu về <b>lượng mưa</b>.")

    assert response.status_code == 200
    assert sent_message() in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"
    saved = Comment.objects.get()
    assert saved.status == Status.PENDING
    assert (saved.story, saved.name, saved.email) == (
        public_story,
        "Nguyễn Văn An",
        "an@example.vn",
    )
    assert saved.text == "Cần thêm số liệu về <b>lượng mưa</b>."
    assert saved.ip_address == "127.0.0.1"
    assert saved.user_agent == "Mozilla/5.0 (Test) Chrome/120"
    # Not shown until a moderator approves it.
    assert "lượng mưa" not in client.get(public_story.get_absolute_url()).content.decode()


def test_sending_a_comment_leaves_the_kept_story_page_as_it_is(
    client, public_story, settings, commit
):
    from tests.conftest import switch_caches_on

    switch_caches_on(settings)
    url = public_story.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"

    with commit() as done:
        assert send(client, public_story).status_code == 200
    assert done == []  # nothing waits for the commit: no tag changes, no purge

    assert client.get(url)["X-Page-Cache"] == "hit"


def test_the_form_has_its_own_page_for_readers_without_scripts(client, public_story):
    response = client.get(write_url(public_story))

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    text = response.content.decode()
    assert 'name="csrfmiddlewaretoken"' in text
    assert 'name="ticket" value="' in text
    assert public_story.title in text


def test_the_story_page_asks_for_its_form_ticket_and_csrf_token(public_story):
    reader = Client(enforce_csrf_checks=True)
    answer = reader.get("/api/binh-luan/ve/")
    assert answer["Cache-Control"] == "private, no-store"
    tokens = json.loads(answer.content)

    refused = reader.post(write_url(public_story), form())
    assert refused.status_code == 403
    accepted = reader.post(
        write_url(public_story),
        form(csrfmiddlewaretoken=tokens["csrf"], ticket=guard.ticket(time.time() - 10)),
    )
    assert accepted.status_code == 200
    assert Comment.objects.count() == 1


def test_a_ticket_from_the_ticket_address_works_after_a_few_seconds(client, public_story):
    ticket = json.loads(client.get("/api/binh-luan/ve/").content)["ticket"]
    with time_machine.travel(time.time() + 5):
        assert send(client, public_story, ticket=ticket).status_code == 200


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"text": "   "}, "Write your comment."),
        (
            {"text": "x" * 1001},
            "A comment may have at most %(limit)d characters (this one has %(count)d).",
        ),
        ({"name": ""}, "This field is required."),
        ({"name": "Tên\nhai dòng"}, "This field must be a single line."),
        ({"email": "khong-phai-email"}, "Enter a valid email address."),
        ({"email": ""}, "This field is required."),
        (
            {"text": "Có ký tự \x07 lạ"},
            "This text contains invisible control characters. Retype it or paste it as plain text.",
        ),
        ({"parent": "abc"}, "The comment you answer is no longer shown."),
        ({"ticket": "gia-mao"}, "The form could not be read. Please send it again."),
        ({"ticket": None}, "The form could not be read. Please send it again."),
    ],
)
def test_bad_input_is_said_on_the_form_and_nothing_is_saved(client, public_story, changes, message):
    response = send(client, public_story, **changes)

    assert response.status_code == 400
    text = response.content.decode()
    said = factories.in_vietnamese(message) % {"limit": 1000, "count": 1001}
    assert html.escape(said) in text
    assert Comment.objects.count() == 0
    # What the reader wrote is kept on the form.
    if "text" not in changes:
        assert "Bài viết rất hữu ích" in text


def test_a_form_sent_too_quickly_is_a_scripts_and_is_asked_again(client, public_story):
    response = send(client, public_story, ticket=guard.ticket())

    assert response.status_code == 400
    said = factories.in_vietnamese("That was quick! Please check your comment, then send it again.")
    assert said in response.content.decode()
    assert Comment.objects.count() == 0


def test_a_form_left_open_too_long_is_handed_out_again(client, public_story, settings):
    old = guard.ticket(time.time() - settings.COMMENT_FORM_MAX_AGE - 5)
    response = send(client, public_story, ticket=old)

    assert response.status_code == 400
    assert old not in response.content.decode()  # a fresh ticket
    assert Comment.objects.count() == 0


def test_the_honeypot_answers_as_if_accepted_and_saves_nothing(client, public_story):
    response = send(client, public_story, website="http://spam.example")

    assert response.status_code == 200
    assert sent_message() in response.content.decode()
    assert Comment.objects.count() == 0


def test_one_address_may_send_only_so_many_comments_at_a_time(client, public_story, settings):
    settings.COMMENT_RATE_LIMIT = 2
    assert send(client, public_story).status_code == 200
    assert send(client, public_story).status_code == 200

    response = send(client, public_story)

    assert response.status_code == 429
    assert response["Retry-After"] == str(settings.COMMENT_RATE_WINDOW)
    assert Comment.objects.count() == 2


def test_a_comment_with_a_blocked_word_is_refused(client, public_story):
    CommentSettings(blocked_words="đồ ngốc\nlừa đảo").save()

    response = send(client, public_story, text="Bọn LỪA ĐẢO này!")

    assert response.status_code == 400
    assert Comment.objects.count() == 0
    # Only whole words: "lừa đảo" is not in "lừa đảoxyz" nor the other way round.
    assert send(client, public_story, text="Tôi bị lừa.").status_code == 200


@pytest.mark.parametrize("blocked", ["127.0.0.1", "127.0.0.0/8"])
def test_a_blocked_address_cannot_comment(client, public_story, blocked):
    CommentSettings(blocked_addresses=f"203.0.113.9\n{blocked}").save()

    response = send(client, public_story)

    assert response.status_code == 403
    assert Comment.objects.count() == 0


def test_comments_closed_on_a_story_refuse_new_ones(client, public_story):
    StorySetting.objects.create(story=public_story, mode=Mode.CLOSED)

    assert client.get(write_url(public_story)).status_code == 403
    assert send(client, public_story).status_code == 403
    assert Comment.objects.count() == 0


def test_closed_by_default_and_opened_on_one_story(client, public_story, section):
    CommentSettings(open_by_default=False).save()
    other = factories.ArticleFactory(section=section, published=True)
    StorySetting.objects.create(story=other, mode=Mode.OPEN)

    assert send(client, public_story).status_code == 403
    assert send(client, other).status_code == 200


@pytest.mark.parametrize("state", ["draft", "in_review", "scheduled", "withdrawn"])
def test_nobody_comments_on_a_story_readers_cannot_see(client, section, state):
    hidden = make_story(state, section=section)

    assert client.get(write_url(hidden)).status_code == 404
    assert send(client, hidden).status_code == 404
    assert Comment.objects.count() == 0


def test_a_missing_story_is_not_found(client, db):
    assert client.post("/api/binh-luan/999999/", form()).status_code == 404


def test_a_reply_answers_an_approved_comment_one_level_deep(client, public_story):
    first = comment(public_story)
    reply = comment(public_story, parent=first)

    assert send(client, public_story, parent=str(first.pk)).status_code == 200
    assert send(client, public_story, parent=str(reply.pk)).status_code == 200

    assert list(Comment.objects.pending().values_list("parent", flat=True)) == [first.pk] * 2


@pytest.mark.parametrize("which", ["pending", "rejected", "other story"])
def test_a_reply_to_a_comment_not_shown_here_is_refused(client, public_story, section, which):
    if which == "other story":
        answered = comment(factories.ArticleFactory(section=section, published=True))
    else:
        answered = comment(public_story, status=which)

    before = Comment.objects.count()

    response = send(client, public_story, parent=str(answered.pk))

    assert response.status_code == 400
    assert Comment.objects.count() == before


@pytest.mark.parametrize(
    ("method", "address"),
    [
        ("put", "write"),
        ("delete", "write"),
        ("post", "/api/binh-luan/ve/"),
        ("get", "/api/binh-luan/thich/1/"),
    ],
)
def test_other_methods_are_refused_and_never_kept(client, public_story, method, address):
    address = write_url(public_story) if address == "write" else address

    response = getattr(client, method)(address)

    assert response.status_code == 405
    assert response["Cache-Control"] == "private, no-store"


def test_the_form_page_answers_a_comment_when_asked(client, public_story):
    answered = comment(public_story)

    text = client.get(write_url(public_story), {"tra-loi": answered.pk}).content.decode()

    assert f'name="parent" value="{answered.pk}"' in text
    assert "data-replying hidden" not in text


def test_a_preview_shows_no_comments_nor_form(editor_client, section):
    draft = make_story("draft", section=section)
    response = editor_client.get(f"/xem-truoc/{draft.pk}/")
    assert response.status_code == 200
    assert draft.title in response.content.decode()
    assert "data-comments" not in response.content.decode()
