"""The demo seeds one correction and one update note on public stories, once."""

import io

import pytest
from django.core.management import call_command

from articles.models import Article
from corrections.models import Correction, Kind
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


def test_the_demo_has_a_correction_and_an_update_note_on_public_stories_once(seed):
    seed()
    assert sorted(Correction.objects.values_list("kind", flat=True)) == [
        Kind.CORRECTION,
        Kind.UPDATE,
    ]
    public = Article.objects.public()
    assert all(public.filter(pk=c.story_id).exists() for c in Correction.objects.all())
    seed()
    assert Correction.objects.count() == 2
