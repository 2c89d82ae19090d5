"""Fixtures for readers' comments: a small public site, a story open to comments, and
helpers that send a comment the way a reader's browser does."""

import datetime
import time

import pytest
from django.utils import timezone

from comments import guard
from comments.models import Comment, Status
from tests import factories

# "Cảm ơn, ý kiến của bạn đang chờ duyệt." once translated.
SENT_MSGID = "Thank you, your comment is waiting for moderation."


def sent_message():
    return factories.in_vietnamese(SENT_MSGID)


@pytest.fixture
def site(db):
    return factories.newsroom_settings()


@pytest.fixture
def public_story(section):
    return factories.ArticleFactory(
        title="Mưa lớn ở Quảng Ngãi",
        section=section,
        published=True,
        publication_at=timezone.now() - datetime.timedelta(hours=3),
    )


@pytest.fixture
def moderator(db):
    from newsroom.models import Role

    user = factories.UserFactory(username="kiemduyet", first_name="Trần", last_name="Thu Hà")
    user.groups.add(Role.objects.group("moderator"))
    return user


def write_url(story):
    return f"/api/binh-luan/{story.pk}/"


def form(**changes):
    """What a reader's browser sends: the form filled in, with a ticket handed out ten
    seconds ago."""
    data = {
        "name": "Nguyễn Văn An",
        "email": "an@example.vn",
        "text": "Bài viết rất hữu ích, cảm ơn phóng viên.",
        "parent": "",
        "website": "",
        "ticket": guard.ticket(time.time() - 10),
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def send(client, story, **changes):
    return client.post(
        write_url(story), form(**changes), HTTP_USER_AGENT="Mozilla/5.0 (Test) Chrome/120"
    )


def comment(story, text="Ý kiến của bạn đọc.", status=Status.APPROVED, **kwargs):
    """A comment saved as if sent and (by default) approved."""
    kwargs.setdefault("name", "Lê Thị Bình")
    kwargs.setdefault("email", "binh@example.vn")
    return Comment.objects.create(story=story, text=text, status=status, **kwargs)
