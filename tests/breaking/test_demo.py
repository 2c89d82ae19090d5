"""The demo puts up one developing banner linking a public story, once."""

import pytest
from django.utils import timezone

from breaking.models import Banner, Level
from demo import day_breaking

pytestmark = pytest.mark.django_db


def test_the_demo_banner_is_live_links_a_public_story_and_is_made_once(public_story, editor):
    now = timezone.now()
    assert day_breaking.seed(now, {"bientap": editor}) == {"breaking banners": 1}
    assert day_breaking.seed(now, {"bientap": editor}) == {"breaking banners": 0}
    banner = Banner.objects.get()
    assert banner.level == Level.DEVELOPING
    assert banner.article == public_story
    assert list(Banner.objects.live()) == [banner]
