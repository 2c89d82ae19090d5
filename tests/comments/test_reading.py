"""What readers see under a story, with the caches off and with every layer on (as in
production): the approved comments and their count, newest or most liked first, replies
one level deep, plain text whatever was typed; a moderator's approval shows on the next
page view of the kept page; the story's JSON-LD counts them. Likes: one per browser, and
not endlessly from one address."""

import datetime
import html
import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from comments.guard import LIKED_COOKIE
from comments.models import Comment, CommentSettings, Mode, Status, StorySetting

from .conftest import comment

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site", "reader_caches")]


@pytest.fixture
def reader():
    return Client()


def page(reader, story, **query):
    response = reader.get(story.get_absolute_url(), query)
    assert response.status_code == 200
    return response.content.decode()


def comments_part(text):
    start = text.index('<section class="comments"')
    return text[start : text.index("</section>", start)]


def json_ld(text):
    start = text.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    return json.loads(text[start : text.index("</script>", start)])


def test_only_approved_comments_are_shown_with_their_count(reader, public_story):
    comment(public_story, text="Đã duyệt một")
    comment(public_story, text="Đã duyệt hai")
    comment(public_story, text="Đang chờ", status=Status.PENDING)
    comment(public_story, text="Bị từ chối", status=Status.REJECTED, reason="Spam")

    shown = comments_part(page(reader, public_story))

    assert "Đã duyệt một" in shown and "Đã duyệt hai" in shown
    assert "Đang chờ" not in shown and "Bị từ chối" not in shown and "Spam" not in shown
    assert "(2)" in shown
    assert "binh@example.vn" not in page(reader, public_story)


def test_a_moderators_approval_shows_on_the_kept_page(reader, public_story, moderator):
    waiting = comment(public_story, text="Chờ duyệt rồi mới hiện", status=Status.PENDING)
    assert "Chờ duyệt rồi mới hiện" not in page(reader, public_story)
    page(reader, public_story)

    waiting.moderate(moderator, Status.APPROVED)

    assert "Chờ duyệt rồi mới hiện" in comments_part(page(reader, public_story))


def test_a_typo_corrected_on_a_shown_comment_shows_at_once(reader, public_story):
    shown = comment(public_story, text="Sai chính tã")
    page(reader, public_story)

    shown.text = "Sai chính tả"
    shown.save()

    text = page(reader, public_story)
    assert "Sai chính tả" in text and "Sai chính tã" not in text


def test_rejecting_a_shown_comment_takes_it_off(reader, public_story, moderator):
    shown = comment(public_story, text="Hiện rồi mới bị gỡ")
    page(reader, public_story)

    shown.moderate(moderator, Status.REJECTED, "Vi phạm quy định")

    assert "Hiện rồi mới bị gỡ" not in page(reader, public_story)


def test_replies_are_shown_under_their_comment(reader, public_story):
    first = comment(public_story, text="Ý kiến gốc")
    comment(public_story, text="Trả lời đã duyệt", parent=first)
    comment(public_story, text="Trả lời chờ duyệt", parent=first, status=Status.PENDING)
    hidden = comment(public_story, text="Gốc chưa duyệt", status=Status.PENDING)
    comment(public_story, text="Trả lời một ý kiến chưa duyệt", parent=hidden)

    shown = comments_part(page(reader, public_story))

    replies = shown[shown.index("Ý kiến gốc") :]
    assert '<ol class="comments__replies">' in replies
    assert replies.index("Trả lời đã duyệt") > replies.index('<ol class="comments__replies">')
    assert "Trả lời chờ duyệt" not in shown
    assert "Trả lời một ý kiến chưa duyệt" not in shown
    assert "(2)" in shown


def test_newest_first_or_most_liked_first(reader, public_story):
    now = timezone.now()
    comment(public_story, text="Cũ mà hay", likes=9, created_at=now - datetime.timedelta(hours=2))
    comment(public_story, text="Vừa gửi xong", likes=1, created_at=now)

    newest = comments_part(page(reader, public_story))
    liked = comments_part(page(reader, public_story, xep="thich"))

    assert newest.index("Vừa gửi xong") < newest.index("Cũ mà hay")
    assert liked.index("Cũ mà hay") < liked.index("Vừa gửi xong")
    assert ">9 " in liked


def test_a_comment_is_plain_text_links_included(reader, public_story):
    comment(
        public_story,
        name='<img src=x onerror="alert(1)">',
        text='Xem http://lua-dao.example và <a href="http://x.example">đây</a> </script>\n"trích"',
    )

    shown = comments_part(page(reader, public_story))

    assert "<img src=x" not in shown
    assert '<a href="http://x.example">' not in shown
    assert 'href="http://lua-dao.example' not in shown
    assert "&lt;/script&gt;" in shown
    assert "http://lua-dao.example" in html.unescape(shown)
    assert "<br>" in shown  # the reader's line break


def test_a_moderator_may_let_a_comments_links_be_clicked(reader, public_story):
    comment(
        public_story,
        text="Nguồn: https://baochinhphu.vn/bai-viet <b>đậm</b> javascript:alert(1)",
        links_allowed=True,
    )

    shown = comments_part(page(reader, public_story))

    assert '<a href="https://baochinhphu.vn/bai-viet" rel="nofollow">' in shown
    assert "&lt;b&gt;đậm&lt;/b&gt;" in shown
    assert 'href="javascript' not in shown


def test_closed_comments_show_no_form_but_keep_what_was_approved(reader, public_story):
    comment(public_story, text="Ý kiến trước khi đóng")
    StorySetting.objects.create(story=public_story, mode=Mode.CLOSED)

    shown = comments_part(page(reader, public_story))

    assert "data-comment-form" not in shown
    assert "Ý kiến trước khi đóng" in shown


def test_closing_comments_for_every_story_shows_at_once(reader, public_story, commit):
    assert "data-comment-form" in page(reader, public_story)

    with commit():
        CommentSettings(open_by_default=False).save()

    assert "data-comment-form" not in page(reader, public_story)


def test_the_story_page_form_carries_no_token_and_is_kept_for_every_reader(reader, public_story):
    text = page(reader, public_story)
    response = reader.get(public_story.get_absolute_url())

    assert 'name="csrfmiddlewaretoken" value=""' in text
    assert 'name="ticket" value=""' in text
    assert not response.cookies
    assert "private" not in response.get("Cache-Control", "")


def test_json_ld_counts_the_comments(reader, public_story):
    assert "commentCount" not in json_ld(page(reader, public_story))
    comment(public_story, text='Ý kiến </script> "một"')
    comment(public_story, text="Ý kiến hai")
    comment(public_story, text="Chưa duyệt", status=Status.PENDING)

    data = json_ld(page(reader, public_story))

    assert data["commentCount"] == 2
    assert [c["text"] for c in data["comment"]] == ["Ý kiến hai", 'Ý kiến </script> "một"']
    assert data["comment"][0]["author"] == {"@type": "Person", "name": "Lê Thị Bình"}


@pytest.mark.caches_off_only("counts the queries of a page made afresh")
def test_the_story_page_runs_the_same_queries_for_few_and_many_comments(reader, public_story):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            page(reader, public_story)
        return len(captured)

    for n in range(2):
        first = comment(public_story, text=f"Ít {n}")
        comment(public_story, text=f"Trả lời {n}", parent=first)
    queries()  # the values every page shares (the comment settings…) are kept from here
    few = queries()
    for n in range(40):
        first = comment(public_story, text=f"Nhiều {n}")
        comment(public_story, text=f"Trả lời nhiều {n}", parent=first)
    many = queries()

    assert many == few


def test_more_comments_than_shown_are_counted(reader, public_story, settings):
    settings.COMMENTS_SHOWN = 2
    for n in range(3):
        first = comment(public_story, text=f"Ý kiến {n}")
        comment(public_story, text=f"Trả lời {n}", parent=first)

    shown = comments_part(page(reader, public_story))

    assert "(6)" in shown
    assert "Ý kiến 0" not in shown and "Ý kiến 2" in shown


class TestLikes:
    @pytest.fixture
    def shown(self, public_story):
        return comment(public_story, text="Đáng thích")

    def like(self, client, target, **headers):
        return client.post(f"/api/binh-luan/thich/{target.pk}/", **headers)

    def test_a_like_counts_once_per_browser(self, reader, shown):
        first = self.like(reader, shown)
        again = self.like(reader, shown)

        assert first.status_code == again.status_code == 200
        assert json.loads(first.content) == {"likes": 1, "liked": True}
        assert json.loads(again.content)["likes"] == 1
        assert first["Cache-Control"] == "private, no-store"
        assert first.cookies[LIKED_COOKIE]["path"] == "/api/binh-luan/"
        assert Comment.objects.get(pk=shown.pk).likes == 1

    def test_clearing_cookies_counts_again_but_not_endlessly_from_one_address(
        self, shown, settings
    ):
        settings.COMMENT_LIKES_PER_ADDRESS = 3
        for _ in range(5):
            self.like(Client(), shown)

        assert Comment.objects.get(pk=shown.pk).likes == 3
        self.like(Client(), shown, REMOTE_ADDR="198.51.100.7")
        assert Comment.objects.get(pk=shown.pk).likes == 4

    def test_a_forged_cookie_is_ignored(self, reader, shown):
        reader.cookies[LIKED_COOKIE] = "gia-mao"
        assert json.loads(self.like(reader, shown).content)["likes"] == 1

    @pytest.mark.parametrize("status", [Status.PENDING, Status.REJECTED])
    def test_only_shown_comments_are_liked(self, reader, public_story, status):
        hidden = comment(public_story, status=status)
        assert self.like(reader, hidden).status_code == 404
        assert Comment.objects.get(pk=hidden.pk).likes == 0

    def test_a_comment_under_a_withdrawn_story_is_not_liked(self, reader, shown, public_story):
        from articles.models import Status as StoryStatus

        public_story.status = StoryStatus.WITHDRAWN
        public_story.save()
        assert self.like(reader, shown).status_code == 404

    def test_liking_needs_a_post_and_a_csrf_token(self, shown):
        strict = Client(enforce_csrf_checks=True)
        assert strict.get(f"/api/binh-luan/thich/{shown.pk}/").status_code == 405
        assert self.like(strict, shown).status_code == 403
        token = json.loads(strict.get("/api/binh-luan/ve/").content)["csrf"]
        assert self.like(strict, shown, HTTP_X_CSRFTOKEN=token).status_code == 200

    def test_likes_show_on_the_page_within_its_lifetime(self, reader, shown, public_story):
        self.like(reader, shown)
        text = comments_part(page(reader, public_story))
        assert ">1 " in text
