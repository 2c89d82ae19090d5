"""The demo's front page: a live home edition and tomorrow morning's, seeded once."""

import datetime

import pytest
from django.utils import timezone

from demo import day_frontpage
from frontpage.models import Edition

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_a_live_edition_and_tomorrow_mornings_once(stories, editor):
    now = timezone.now()
    made = day_frontpage.seed(now, {"bientap": editor})
    assert made["front page editions"] == 2
    assert made["front page slots"] > 0
    live = Edition.objects.live("home", now)
    assert live is not None and live.slots.exists()
    scheduled = Edition.objects.get(status=Edition.Status.SCHEDULED)
    local = timezone.localtime(scheduled.publish_at)
    assert (local.hour, local.minute) == (6, 0)
    assert local.date() == timezone.localtime(now).date() + datetime.timedelta(days=1)

    assert day_frontpage.seed(now, {"bientap": editor}) == {
        "front page editions": 0,
        "front page slots": 0,
    }
    assert Edition.objects.count() == 2
