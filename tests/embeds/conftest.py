"""Fixtures for embeds: providers that answer from recorded oEmbed JSON (tests never reach
the network: see ``_no_network`` in tests/conftest.py), a public story with a body, and a
reader."""

import datetime
import json
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import parse_qs, urlsplit

import micawber.providers
import pytest
from django.test import Client
from django.utils import timezone

from articles.models import Article, Status
from tests import factories

RECORDED = Path(__file__).parent / "recorded"

YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
FACEBOOK_POST = "https://www.facebook.com/congdongvnexpress/posts/1234567890"
FACEBOOK_VIDEO = "https://www.facebook.com/vtv24/videos/987654321/"
INSTAGRAM = "https://www.instagram.com/p/C0abcDEFghi/"
TIKTOK = "https://www.tiktok.com/@vtv24news/video/7310000000000000001"
X = "https://twitter.com/VnExpress/status/1861234567890123456"
# Each page's recorded oEmbed answer, as its provider gave it.
ANSWERS = {
    YOUTUBE: "youtube.json",
    FACEBOOK_POST: "facebook_post.json",
    FACEBOOK_VIDEO: "facebook_video.json",
    INSTAGRAM: "instagram.json",
    TIKTOK: "tiktok.json",
    X: "x.json",
}
META_TOKEN = "123|test-client-token"


class Providers:
    """Stands in for the providers' oEmbed endpoints: answers what was recorded, and fails
    the way it is told to (``down``: ``"timeout"``, ``"refused"`` or an HTTP status)."""

    def __init__(self):
        self.asked = []
        self.down = {}

    def fetch(self, request, timeout):
        address = urlsplit(request.full_url)
        query = {key: values[0] for key, values in parse_qs(address.query).items()}
        url = query["url"]
        self.asked.append(
            {"endpoint": address.hostname + address.path, "timeout": timeout, **query}
        )
        failure = self.down.get(url)
        if failure == "timeout":
            raise TimeoutError("timed out")
        if failure == "refused":
            raise URLError(ConnectionRefusedError("refused"))
        if failure is not None:
            raise HTTPError(request.full_url, failure, "error", {}, None)
        if url not in ANSWERS:
            raise HTTPError(request.full_url, 404, "Not Found", {}, None)
        return (RECORDED / ANSWERS[url]).read_text()

    def urls(self):
        return [asked["url"] for asked in self.asked]


@pytest.fixture(autouse=True)
def providers(monkeypatch, settings):
    settings.EMBED_META_TOKEN = META_TOKEN
    fake = Providers()
    monkeypatch.setattr(micawber.providers, "fetch", fake.fetch)
    return fake


@pytest.fixture
def site(db):
    factories.newsroom_settings()
    factories.masthead()


@pytest.fixture
def section(db):
    return factories.SectionFactory(name="Thời sự", slug="thoi-su")


@pytest.fixture
def story(section):
    """``story(body)``: a public story saved with ``body``, read back as stored."""

    def make(body, **kwargs):
        article = factories.ArticleFactory(
            title="Bão số 9 đổ bộ miền Trung",
            section=section,
            status=Status.PUBLISHED,
            publication_at=timezone.now() - datetime.timedelta(hours=1),
            body=body,
            **kwargs,
        )
        return Article.objects.get(pk=article.pk)

    return make


@pytest.fixture
def reader():
    return Client()


def recorded(name):
    return json.loads((RECORDED / name).read_text())
