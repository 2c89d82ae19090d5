"""The demo seeds a topic and a series of public stories, one pinned each, once."""

import io

import pytest
from django.core.management import call_command

from demo import images as demo_images
from topics.models import Topic, TopicStory

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


def test_the_demo_has_a_topic_and_a_series_of_public_stories_once(seed):
    seed()
    assert set(Topic.objects.values_list("kind", flat=True)) == {"topic", "series"}
    for topic in Topic.objects.all():
        public = list(topic.stories())
        assert len(public) >= 2
        assert TopicStory.objects.filter(topic=topic, pinned=True).count() == 1
        assert public[0].topic_pinned
    links = TopicStory.objects.count()
    seed()
    assert Topic.objects.count() == 2
    assert TopicStory.objects.count() == links
