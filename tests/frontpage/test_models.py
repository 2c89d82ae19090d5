"""Which edition of a board readers see: the newest scheduled or published one whose
minute has come; drafts never."""

import datetime

import pytest
from django.utils import timezone

from frontpage import layouts
from frontpage.models import Board, Edition

from .conftest import edition

pytestmark = pytest.mark.django_db
MINUTE = datetime.timedelta(minutes=1)


def test_the_layouts_name_the_slots_an_editor_fills():
    assert layouts.HOME[layouts.LEAD][1] == 1
    assert layouts.HOME[layouts.SUBLEADS][1] == 4
    assert layouts.HOME[layouts.SPOTLIGHT][1] == 3
    assert layouts.capacity(layouts.SECTION) == 4


def test_one_board_per_page(section):
    Board.objects.create()
    Board.objects.create(section=section)
    assert Board.objects.get(section=None).page == "home"
    assert Board.objects.get(section=section).page == f"section-{section.pk}"


def test_live_is_the_newest_edition_whose_minute_has_come():
    now = timezone.now()
    old = edition(publish_at=now - 60 * MINUTE)
    newer = edition(status=Edition.Status.SCHEDULED, publish_at=now - MINUTE)
    edition(status=Edition.Status.SCHEDULED, publish_at=now + 60 * MINUTE)
    edition(status=Edition.Status.DRAFT, publish_at=now)
    board = old.board
    assert Edition.objects.live(board, now) == newer
    assert Edition.objects.live("home", now) == newer
    assert Edition.objects.live(board, now - 30 * MINUTE) == old
    assert Edition.objects.live(board, now - 2 * 60 * MINUTE) is None


def test_the_next_change_is_the_next_scheduled_edition():
    from frontpage.signals import next_edition

    now = timezone.now().replace(microsecond=0)
    assert next_edition(now.timestamp()) is None
    edition(status=Edition.Status.SCHEDULED, publish_at=now + 5 * MINUTE)
    edition(status=Edition.Status.DRAFT, publish_at=now + 2 * MINUTE)
    assert next_edition(now.timestamp()) == (now + 5 * MINUTE).timestamp()
