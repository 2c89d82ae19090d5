"""Fixtures for corrections: a small public site and a helper to correct a story."""

import datetime

import pytest
from django.utils import timezone

from corrections.models import Correction, Kind
from tests import factories


@pytest.fixture
def site(db):
    settings = factories.newsroom_settings()
    factories.masthead()
    return settings


@pytest.fixture
def public_story(section):
    return factories.ArticleFactory(
        title="Mưa lớn ở Quảng Ngãi",
        section=section,
        published=True,
        publication_at=timezone.now() - datetime.timedelta(hours=3),
        updated_at=timezone.now() - datetime.timedelta(hours=3),
    )


@pytest.fixture
def draft_story(section):
    return factories.ArticleFactory(title="Bản nháp", section=section)


@pytest.fixture
def scheduled_story(section):
    return factories.ArticleFactory(
        title="Tin hẹn giờ",
        section=section,
        published=True,
        publication_at=timezone.now() + datetime.timedelta(hours=2),
    )


def correct(story, text="Bài viết ghi nhầm lượng mưa 200 mm; đúng là 120 mm.", **kwargs):
    kwargs.setdefault("kind", Kind.CORRECTION)
    return Correction.objects.create(story=story, text=text, **kwargs)
