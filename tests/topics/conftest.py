"""Fixtures for topics: a newsroom with settings, a section, and stories in any state."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import Status
from tests import factories
from topics.models import Topic, TopicStory


@pytest.fixture
def site_settings(db):
    return factories.newsroom_settings()


@pytest.fixture
def reader():
    return Client()


@pytest.fixture
def topic(db, site_settings):
    return Topic.objects.create(
        title="Bão số 3", description="Cơn bão mạnh nhất năm đổ bộ vào miền Bắc."
    )


def published(section, minutes_ago=60, **kwargs):
    at = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    return factories.ArticleFactory(
        section=section,
        status=Status.PUBLISHED,
        publication_at=at,
        first_published_at=at,
        **kwargs,
    )


def join(topic, story, pinned=False, order=0):
    return TopicStory.objects.create(topic=topic, story=story, pinned=pinned, order=order)
