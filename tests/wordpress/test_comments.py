"""Readers' comments brought over from WordPress: what readers saw there they see here, on
the kept story page; a later export of the same site brings the comments written since and
none twice; old comments come without their writers' emails and addresses."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from comments.models import Comment, Status
from tests import factories
from wordpress import comments as comment_step
from wordpress import wxr as parser
from wordpress.models import ImportedItem, Kind

from .conftest import import_export, said

pytestmark = pytest.mark.django_db


def commented_stories(export):
    """(post, story) for each post with comments that became a story."""
    pairs = []
    for post in export.posts:
        item = ImportedItem.objects.filter(kind=Kind.POST, key=str(post.wp_id)).first()
        if post.comments and item is not None:
            pairs.append((post, item.object_id))
    return pairs


def test_a_later_export_brings_the_comments_written_since_and_none_twice(small_export):
    first = small_export(posts=30)
    import_export(first)
    before = Comment.objects.count()
    pairs = commented_stories(first)
    assert before == 2 * len(pairs) > 0

    later = small_export(posts=30, later=True)
    report = import_export(later)

    assert report.created["comments"] == len(pairs)
    assert Comment.objects.count() == before + len(pairs)
    for post, story_pk in pairs:
        top_id, _reply_id = post.comments[0][0], post.comments[1][0]
        newest = Comment.objects.get(story_id=story_pk, text__endswith=f"({post.wp_id * 10 + 6}).")
        # WordPress's reply to a reply: here, a reply under the thread's first comment.
        assert newest.parent.text.endswith(f"({top_id}).")
        assert newest.status == Status.APPROVED
    assert import_export(later).created["comments"] == 0
    assert Comment.objects.count() == before + len(pairs)


def test_a_dry_run_saves_no_comment(small_export):
    export = small_export(posts=30)
    report = import_export(export, dry_run=True)
    assert report.created["comments"] == 2 * len(
        [p for p in export.posts if p.comments and p.variant not in {"too-deep", "too-long"}]
    )
    assert not Comment.objects.exists()


def wordpress_comment(id, when, **fields):
    return parser.Comment(
        id=id,
        author=fields.get("author", "Nguyễn Văn Bình"),
        email="binh@example.vn",
        url="",
        ip="203.113.0.7",
        date=when,
        content=fields.get("content", "Cảm ơn bài viết."),
        approved="1",
        type="comment",
        parent=fields.get("parent", 0),
    )


def test_old_comments_come_without_their_writers_email_and_address(settings):
    settings.COMMENT_PERSONAL_DATA_DAYS = 90
    story = factories.ArticleFactory(published=True)
    now = timezone.now()
    saved = comment_step.save_comments(
        story,
        [
            wordpress_comment(1, now - datetime.timedelta(days=400)),
            wordpress_comment(2, now - datetime.timedelta(days=3)),
        ],
        known={},
        now=now,
    )
    old, recent = Comment.objects.get(pk=saved[1].pk), Comment.objects.get(pk=saved[2].pk)
    assert (old.email, old.ip_address) == ("", None)
    assert (recent.email, recent.ip_address) == ("binh@example.vn", "203.113.0.7")
    assert old.created_at == now - datetime.timedelta(days=400)
    assert old.history.first().history_change_reason == said("Imported from WordPress")


def test_a_comments_html_becomes_plain_text_with_its_paragraphs():
    story = factories.ArticleFactory(published=True)
    markup = (
        "<p>Đồng ý với &quot;tác giả&quot;.</p>\r\n<p>Xem <a href='https://x.example/'>"
        "đây</a><script>alert(1)</script></p>"
    )
    saved = comment_step.save_comments(
        story, [wordpress_comment(1, timezone.now(), content=markup, author="  A\nB  ")], known={}
    )
    comment = Comment.objects.get(pk=saved[1].pk)
    assert comment.text == 'Đồng ý với "tác giả".\nXem đây'
    assert comment.name == "A B"
    comment.full_clean()


@pytest.mark.usefixtures("reader_caches")
def test_readers_find_the_imported_comments_on_the_kept_story_page(small_export):
    factories.newsroom_settings()
    export = small_export(posts=30)
    import_export(export)
    post, story_pk = commented_stories(export)[0]
    story = Comment.objects.filter(story_id=story_pk).first().story
    reader = Client()
    assert f"({post.comments[0][0]})." in reader.get(story.get_absolute_url()).content.decode()

    import_export(small_export(posts=30, later=True))

    page = reader.get(story.get_absolute_url()).content.decode()
    assert f"({post.wp_id * 10 + 6})." in page
