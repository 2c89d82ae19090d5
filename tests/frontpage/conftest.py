"""Fixtures for the curated front page: a small public site and editions to fill."""

import datetime

import pytest
from django.utils import timezone

from frontpage.models import Board, Edition, Slot
from tests import factories


@pytest.fixture
def stories(section):
    """Ten public stories, the newest first."""
    now = timezone.now()
    made = [
        factories.ArticleFactory(
            section=section,
            title=f"Tin số {n}",
            published=True,
            publication_at=now - datetime.timedelta(hours=n + 1),
        )
        for n in range(10)
    ]
    return made


def edition(status=Edition.Status.PUBLISHED, publish_at=None, board=None, topic=None, **slots):
    """An edition of the home board, ``slots`` as ``name=[story or (story, overrides)]``,
    featuring ``topic`` in its box."""
    board = board or Board.objects.get_or_create(section=None, page="home")[0]
    made = Edition.objects.create(
        board=board,
        status=status,
        publish_at=publish_at or timezone.now() - datetime.timedelta(minutes=1),
        topic=topic,
    )
    for name, filling in slots.items():
        for position, story in enumerate(filling):
            overrides = {}
            if isinstance(story, tuple):
                story, overrides = story
            Slot.objects.create(
                edition=made, name=name, position=position, story=story, **overrides
            )
    return made
