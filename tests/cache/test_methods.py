"""Readers' pages are read with GET and HEAD, nothing else: any other method gets 405 with
``Allow: GET, HEAD``, never the page and never a cached copy, whether the page is in the
cache or not. The view beacon takes POST only."""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from .test_http import PRIVATE, on_every_page, public_pages

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache", "site")]

REFUSED = ["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "MKCOL"]
# Addresses that are not readers' pages: the newsroom's, the load balancer's health
# checks, and the beacon (below).
NOT_READERS = {
    "admin", "i18n", "images", "preview", "signed-preview", "count-view", "healthz", "readyz",
    "post", "coverage",  # the live blog's posting and coverage buttons, for editors
    "comments",  # readers' comment forms and likes, never kept (tests/comments)
}  # fmt: skip


@pytest.fixture
def article(section, author):
    return on_every_page(section, author)


def _names(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            namespace = pattern.namespace or ""
            if namespace in NOT_READERS or str(pattern.pattern).startswith(("quan-tri", "i18n")):
                continue
            yield from _names(pattern.url_patterns, prefix)
        elif isinstance(pattern, URLPattern) and pattern.name not in NOT_READERS:
            yield pattern.name


def test_every_readers_address_is_in_the_table():
    """The table the tests below go through covers every reader's URL pattern."""
    covered = {
        "home", "section", "detail", "tag", "author", "search", "feed", "section-feed",
        "sitemap", "sitemap-part", "sitemap-news", "robots",
        "index", "updates", "poll",  # topics and corrections; the live blog's pages
    }  # fmt: skip
    assert set(_names(get_resolver().url_patterns)) == covered


@pytest.mark.parametrize("method", REFUSED)
def test_readers_pages_refuse_every_other_method(reader, article, method):
    for name, address in public_pages(article).items():
        page = reader.get(address)
        assert page.status_code == 200, name
        assert reader.get(address)["X-Page-Cache"] == "hit", name

        response = reader.generic(method, address)

        assert response.status_code == 405, (name, method)
        assert response["Allow"] == "GET, HEAD", name
        assert response["Cache-Control"] == PRIVATE, name
        assert not response.has_header("X-Page-Cache"), name
        assert article.title.encode() not in response.content, name


@pytest.mark.parametrize("method", ["POST", "PROPFIND", "TRACE"])
def test_a_refused_method_is_not_cached_for_the_next_reader(reader, article, method):
    reader.generic(method, "/")
    response = reader.get("/")
    assert response.status_code == 200
    assert article.title in response.content.decode()


def test_head_still_gets_the_page_headers(reader, article):
    response = reader.head(article.get_absolute_url())
    assert response.status_code == 200
    assert response.content == b""


@pytest.mark.parametrize("method", ["GET", "HEAD", "PUT", "OPTIONS", "TRACE", "PROPFIND"])
def test_the_beacon_takes_post_only(reader, article, method):
    response = reader.generic(method, f"/api/doc/{article.pk}/")
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert response["Cache-Control"] == PRIVATE
    assert not article.daily_views.exists()


@pytest.mark.parametrize("method", ["POST", "PUT", "PROPFIND"])
def test_the_refusal_is_405_not_a_csrf_403(article, method):
    browser = Client(enforce_csrf_checks=True)
    response = browser.generic(method, article.get_absolute_url())
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
