"""Fixtures for the reader's site: a small newsroom with site settings, a masthead, a
parent section with a child, and helpers to publish stories in any state."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article, ArticleDailyViews, Status
from newsroom.models import Masthead, SiteSettings
from tests import factories

VN = datetime.timezone(datetime.timedelta(hours=7))


@pytest.fixture
def site_settings(db):
    settings = SiteSettings(
        site_name="Báo Khoa học Đời sống",
        hotline="0904.164.838",
        ads_phone="024.3728.1575",
        ads_contact="Ms Tú",
        newsroom_phone="024.3204.5452",
        email="toasoan@baokhoahoc.vn",
        address="Số 1 phố Quang Trung, Hà Nội",
        weather_city="Hà Nội",
        weather_temperature=22,
        weather_humidity=57,
    )
    settings.save()
    Masthead.objects.create(
        governing_body="Liên hiệp các Hội Khoa học Việt Nam",
        licence_number="123/GP-BTTTT",
        licence_date=datetime.date(2021, 3, 4),
        licence_issuer="Bộ Thông tin và Truyền thông",
        editor_in_chief="Trần Văn Bình",
        effective_from=datetime.date(2021, 3, 4),
    )
    return SiteSettings.load()


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
