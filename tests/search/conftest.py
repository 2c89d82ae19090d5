"""Fixtures for search, feeds, sitemaps and SEO: stories in every state, a way to count a
page's queries, and helpers to read what the pages say."""

import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Status
from tests import factories

NOT_PUBLIC = ["draft", "in_review", "returned", "withdrawn", "scheduled"]


@pytest.fixture
def story(db, section):
    """A public story in ``section``, published an hour ago."""

    def make(**kwargs):
        kwargs.setdefault("section", section)
        kwargs.setdefault("lead", "Bản tin buổi sáng.")
        kwargs.setdefault("body", "<p>Chi tiết sẽ được cập nhật.</p>")
        return factories.ArticleFactory(published=True, **kwargs)

    return make


@pytest.fixture
def hidden_story(db, section):
    """A story readers must not see, by state: ``hidden_story("scheduled", title=…)``."""

    def make(state, **kwargs):
        kwargs.setdefault("section", section)
        kwargs.setdefault("lead", "Bản tin buổi sáng.")
        kwargs.setdefault("body", "<p>Chi tiết sẽ được cập nhật.</p>")
        if state == "scheduled":
            return factories.ArticleFactory(
                status=Status.PUBLISHED,
                publication_at=timezone.now() + datetime.timedelta(hours=2),
                **kwargs,
            )
        if state == "withdrawn":
            return factories.ArticleFactory(
                status=Status.WITHDRAWN,
                publication_at=timezone.now() - datetime.timedelta(hours=2),
                **kwargs,
            )
        return factories.ArticleFactory(status=state, **kwargs)

    return make


@pytest.fixture
def count_queries(client):
    """The number of queries a GET of ``url`` runs (after one warm-up request, so that
    cached site settings are not counted differently between runs)."""

    def count(url):
        assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries)

    return count


def on_postgresql():
    return connection.vendor == "postgresql"


JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def json_ld(html):
    """Every JSON-LD block of a page, parsed."""
    return [json.loads(block) for block in JSON_LD.findall(html)]


@pytest.fixture(autouse=True)
def _with_caches_off_and_on(reader_caches):
    """Every test here runs with the caches off and again with every cache layer on."""
