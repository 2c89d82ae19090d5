"""The demo's front page: a live home edition and tomorrow morning's, seeded once."""

import datetime

import pytest
from django.utils import timezone

from demo import day_frontpage
from frontpage.models import Edition
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_a_live_edition_and_tomorrow_mornings_once(stories, editor):
    now = timezone.now()
    made = day_frontpage.seed(now, {"bientap": editor})
    assert made["front page editions"] == 3  # the home page's two, a section's one
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
        "front page topic boxes": 0,  # no demo topic here (see test_home_topic.py)
    }
    assert Edition.objects.count() == 3


def test_the_demo_seeds_a_sections_board_once(client, section, stories, editor):
    """The first top-level section with enough stories: its lead under a title of its own,
    two sub-leads chosen and the last left to the section's newest story."""
    section.order = 1
    section.save()
    factories.SectionFactory(name="Chưa có tin", order=0)  # first in order, but no stories
    now = timezone.now()
    day_frontpage.seed(now, {"bientap": editor})

    live = Edition.objects.live(f"section-{section.pk}", now)
    assert live is not None
    assert live.board.section == section
    assert [(s.name, s.position, s.story) for s in live.slots.all()] == [
        ("lead", 0, stories[1]),
        ("subleads", 0, stories[2]),
        ("subleads", 1, stories[3]),
    ]
    text = client.get(section.get_absolute_url()).content.decode()
    top = text.split('class="home-top"', 1)[1].split("</section>", 1)[0]
    assert "Thời sự: câu chuyện đáng đọc nhất hôm nay" in top
    assert stories[0].title in top  # the empty sub-lead, filled

    day_frontpage.seed(now, {"bientap": editor})
    assert Edition.objects.filter(board__section__isnull=False).count() == 1
