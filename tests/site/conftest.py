"""Fixtures for the reader's site: a small newsroom with site settings, a masthead, a
parent section with a child, and helpers to publish stories in any state."""

import datetime
import html
import re

import pytest
from django.utils import timezone

from articles.models import Article, ArticleDailyViews, Status
from tests import factories

VN = datetime.timezone(datetime.timedelta(hours=7))


@pytest.fixture
def site_settings(db):
    return factories.newsroom_settings()


@pytest.fixture
def parent_section(db):
    return factories.SectionFactory(name="Khoa học", slug="khoa-hoc", order=1)


@pytest.fixture
def child_section(parent_section):
    return factories.SectionFactory(name="Công nghệ", slug="cong-nghe", parent=parent_section)


@pytest.fixture
def other_section(db):
    return factories.SectionFactory(name="Thể thao", slug="the-thao", order=2)


@pytest.fixture
def author(db):
    return factories.reporter(username="thanhtung", first_name="Thanh", last_name="Tùng")


def story(state="published", *, hours_ago=1, at=None, **kwargs):
    """A story in ``state``: draft, in_review, returned, published, scheduled (an hour
    ahead unless ``at`` says), withdrawn."""
    now = timezone.now()
    if state == "scheduled":
        kwargs.update(
            status=Status.PUBLISHED, publication_at=at or now + datetime.timedelta(hours=1)
        )
    elif state == "published":
        kwargs.update(
            status=Status.PUBLISHED, publication_at=at or now - datetime.timedelta(hours=hours_ago)
        )
    elif state == "withdrawn":
        kwargs.update(status=Status.WITHDRAWN, publication_at=now - datetime.timedelta(hours=2))
    else:
        kwargs.update(status=state)
    tags = kwargs.pop("tags", [])
    authors = kwargs.pop("authors", [])
    article = factories.ArticleFactory(**kwargs)
    if tags:
        article.tags.add(*tags)
    if authors:
        article.authors.add(*authors)
    return article


UNPUBLISHED_STATES = ["draft", "in_review", "returned", "scheduled", "withdrawn"]


def views(article, count, day=None):
    ArticleDailyViews.objects.update_or_create(
        article=article,
        day=day or timezone.localdate(),
        defaults={"count": count},
    )


def public_titles():
    return set(Article.objects.public().values_list("title", flat=True))


@pytest.fixture(autouse=True)
def _with_caches_off_and_on(reader_caches):
    """Every test here runs with the caches off and again with every cache layer on."""


def box_titles(response, heading_id):
    """The story titles in the box headed ``heading_id`` ("latest-title", "related-title",
    "most-read-title"), in the order readers see them."""
    page = response.content.decode()
    box = page.split(f'aria-labelledby="{heading_id}"', 1)[1].split("</section>", 1)[0]
    return [
        html.unescape(title)
        for title in re.findall(r'class="card__title"><a [^>]*>([^<]*)</a>', box)
    ]
