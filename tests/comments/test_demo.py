"""The demo seeds a few approved comments (one a reply) under a public story and one
waiting for moderation, once."""

import io

import pytest
from django.core.management import call_command

from articles.models import Article
from comments.models import Comment, Status
from demo import images as demo_images

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed(settings, tmp_path, monkeypatch):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setattr(demo_images, "SIZE", (320, 180))

    def run():
        call_command(
            "seed_demo", "--credentials-file", str(tmp_path / "credentials"), stdout=io.StringIO()
        )

    return run


def test_the_demo_has_comments_to_read_and_one_to_moderate_once(seed):
    seed()
    assert Comment.objects.shown().count() == 3
    assert Comment.objects.pending().count() == 1
    assert Comment.objects.filter(parent__isnull=False).count() == 1
    assert all(c.moderated_by.username == "bientap" for c in Comment.objects.shown())
    story = Comment.objects.first().story
    assert Article.objects.public().filter(pk=story.pk).exists()
    seed()
    assert Comment.objects.count() == 4
    assert Comment.objects.filter(status=Status.APPROVED, email="").count() == 3
