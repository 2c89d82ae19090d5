"""What the page cache says over HTTP, and to whom: anonymous readers get shareable
pages with bounded lifetimes, an ETag and 304s, varying on nothing; editors, previews, the
admin and the view-count beacon are never stored by anyone, and an editor's visit never
changes what readers are served."""

import html
import re

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from articles.models import Article
from articles.preview import signed_preview_url
from corrections.models import Correction
from live.models import Coverage, Update
from newsroom.caching.http import PRIVATE
from topics.models import Topic, TopicStory

from .conftest import story

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache", "site")]

PUBLIC = "public, max-age=30, s-maxage=60, stale-while-revalidate=30, stale-if-error=86400"


@pytest.fixture
def article(section, author):
    return on_every_page(section, author)


def on_every_page(section, author):
    """A public story followed live, in a topic and corrected once: every kind of reader's
    page has something to show."""
    article = story(title="Mưa lớn ở Hà Nội", section=section, tags=["Thời tiết"], authors=[author])
    coverage = Coverage.objects.create(story=article)
    Update.objects.create(coverage=coverage, author=author, body="<p>Nước đã rút ở Cầu Giấy.</p>")
    topic = Topic.objects.create(title="Mùa mưa bão", slug="mua-mua-bao")
    TopicStory.objects.create(topic=topic, story=article)
    Correction.objects.create(story=article, text="Lượng mưa là 120 mm, không phải 210 mm.")
    return article


def public_pages(article):
    return {
        "home": "/",
        "section": "/thoi-su/",
        "section page 1": "/thoi-su/?page=1",
        "story": article.get_absolute_url(),
        "tag": "/tag/thoi-tiet/",
        "author": "/tac-gia/thanhtung/",
        "search": "/tim-kiem/?q=mua",
        "feed": "/rss/",
        "section feed": "/thoi-su/rss/",
        "sitemap index": "/sitemap.xml",
        "sitemap": "/sitemap-stories.xml",
        "news sitemap": "/sitemap-news.xml",
        "robots.txt": "/robots.txt",
        "topics": "/chu-de/",
        "topic": "/chu-de/mua-mua-bao/",
        "topic feed": "/chu-de/mua-mua-bao/rss/",
        "corrections": "/dinh-chinh/",
        "live updates": f"/truc-tiep/{article.pk}/",
        "live poll": f"/truc-tiep/{article.pk}/moi/",
    }


PAGE_NAMES = list(public_pages(Article(pk=1, slug="x")))
# Pages kept a minute at most: a search (any query is a page), and the news sitemap (a
# story leaves it 48 hours after publication, with nobody saving anything).
KEPT_A_MINUTE = {"search", "news sitemap"}
KEPT_A_MINUTE_CONTROL = re.compile(
    r"public, max-age=30, s-maxage=(5[5-9]|60), stale-if-error=86400"
)
# The live blog's poll: kept a few seconds by everyone, so an update reaches open pages.
KEPT_SECONDS = {"live poll"}
KEPT_SECONDS_CONTROL = re.compile(r"public, max-age=[1-5], s-maxage=[1-5], stale-if-error=86400")


@pytest.mark.parametrize("page", PAGE_NAMES)
def test_readers_pages_are_shareable_and_vary_on_nothing(reader, article, page):
    path = public_pages(article)[page]
    for expected in ["miss", "hit"]:
        response = reader.get(path, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        assert response.status_code == 200
        assert response["X-Page-Cache"] == expected
        if page in KEPT_A_MINUTE:
            # Kept a minute at most: no cache may keep it longer, nor serve it stale.
            assert KEPT_A_MINUTE_CONTROL.fullmatch(response["Cache-Control"])
        elif page in KEPT_SECONDS:
            assert KEPT_SECONDS_CONTROL.fullmatch(response["Cache-Control"])
        else:
            assert response["Cache-Control"] == PUBLIC
        assert response["ETag"].startswith('"')
        assert not response.has_header("Vary")
        assert not response.cookies
        assert response["Content-Language"] == "vi"


@pytest.mark.parametrize("page", ["home", "story", "tag", "feed", "sitemap"])
def test_the_reader_gets_304_for_the_page_they_have(reader, article, page):
    path = public_pages(article)[page]
    first = reader.get(path)
    for _ in ["from the cache", "again"]:
        unchanged = reader.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
        assert unchanged.status_code == 304
        assert unchanged.content == b""
        assert unchanged["ETag"] == first["ETag"]
        assert unchanged["Cache-Control"] == PUBLIC
    assert reader.get(path, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_a_changed_page_gets_a_new_etag(reader, article, commit):
    first = reader.get("/")
    with commit():
        article.title = "Mưa lớn ở Huế"
        article.save()
    changed = reader.get("/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]


def test_a_head_request_is_served_like_a_get(reader, article):
    reader.get("/")
    head = reader.head("/")
    assert head.status_code == 200 and head["X-Page-Cache"] == "hit"
    assert head["Cache-Control"] == PUBLIC


def test_the_canonical_redirect_is_cached_too(reader, article):
    wrong = f"/sai-duong-dan-{article.pk}.html"
    for expected in ["miss", "hit"]:
        response = reader.get(wrong)
        assert response.status_code == 301 and response["X-Page-Cache"] == expected
        assert response["Location"] == article.get_absolute_url()


def test_query_strings_are_pages_of_their_own(reader, article):
    reader.get("/thoi-su/")
    assert reader.get("/thoi-su/?page=1")["X-Page-Cache"] == "miss"
    assert reader.get("/thoi-su/?utm_source=zalo")["X-Page-Cache"] == "miss"
    assert reader.get("/thoi-su/")["X-Page-Cache"] == "hit"


def test_hosts_are_pages_of_their_own(reader, article, settings):
    settings.ALLOWED_HOSTS = ["testserver", "m.testserver"]
    reader.get(article.get_absolute_url())
    other = reader.get(article.get_absolute_url(), HTTP_HOST="m.testserver")
    assert other["X-Page-Cache"] == "miss"
    assert "http://m.testserver/" in other.content.decode()


# Editors ----------------------------------------------------------------------------------


# A change that tells nobody (made in SQL) shows whether a page was made afresh: a
# story's page reads the story itself for its <title>, whatever its parts keep.
def sql_edit(article):
    """A change nobody is told of (SQL typed at the database)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE articles_article SET title = %s WHERE id = %s",
            ["Sửa trực tiếp trong cơ sở dữ liệu", article.pk],
        )


def title(response):
    return html.unescape(re.search(r"<title>(.*?)</title>", response.content.decode()).group(1))


def test_an_editor_gets_a_fresh_private_page(editor_client, reader, article):
    address = article.get_absolute_url()
    reader.get(address)
    sql_edit(article)

    editors = editor_client.get(address)
    readers = reader.get(address)

    assert editors["Cache-Control"] == PRIVATE and editors["X-Page-Cache"] == "bypass"
    assert title(editors).startswith("Sửa trực tiếp")
    # Its parts too: an editor sees what the database holds now.
    assert '<h1 class="story__title">Sửa trực tiếp' in editors.content.decode()
    assert not editors.has_header("ETag")
    assert readers["X-Page-Cache"] == "hit"
    assert title(readers).startswith("Mưa lớn ở Hà Nội")


def test_an_editors_visit_is_never_served_to_readers(editor_client, reader, article):
    address = article.get_absolute_url()
    editor_client.get(address)
    sql_edit(article)

    readers = reader.get(address)

    assert readers["X-Page-Cache"] == "miss"
    assert title(readers).startswith("Sửa trực tiếp")


def test_a_stale_session_cookie_still_gets_the_readers_page(reader, article):
    reader.get("/")
    stranger = Client()
    stranger.cookies["sessionid"] = "not-a-session-of-ours"
    response = stranger.get("/")
    assert response["X-Page-Cache"] == "hit"
    assert response.content == reader.get("/").content


def test_posts_are_not_cached(reader, article):
    first = reader.post("/")
    second = reader.post("/")
    assert first["Cache-Control"] == PRIVATE and second["Cache-Control"] == PRIVATE
    assert not second.has_header("X-Page-Cache")


def test_the_page_cache_off_sends_no_caching_headers(
    reader, article, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE = False
    response = reader.get("/")
    assert not response.has_header("Cache-Control")
    assert not response.has_header("X-Page-Cache")
    # No page is kept: a change made in bulk (a command, the shell) is on the next one.
    address = article.get_absolute_url()
    assert title(reader.get(address)).startswith("Mưa lớn ở Hà Nội")
    with django_capture_on_commit_callbacks(execute=True):
        Article.objects.filter(pk=article.pk).update(title="Sửa hàng loạt")
    assert title(reader.get(address)).startswith("Sửa hàng loạt")


# The newsroom's addresses -----------------------------------------------------------------


def test_the_view_count_beacon_is_never_stored(reader, article):
    beacon = f"/api/doc/{article.pk}/"
    for address in ("203.0.113.1", "203.0.113.2"):
        response = reader.post(
            beacon,
            HTTP_USER_AGENT="Mozilla/5.0 (iPhone)",
            HTTP_ORIGIN="http://testserver",
            REMOTE_ADDR=address,
        )
        assert response.status_code == 204
        assert response["Cache-Control"] == PRIVATE
    assert article.daily_views.get().count == 2
    assert reader.get(beacon).status_code == 405


def test_previews_are_never_stored(editor_client, reader, section):
    draft = story(state="draft", title="Bản nháp", section=section)
    for client, address in [
        (editor_client, f"/xem-truoc/{draft.pk}/"),
        (reader, signed_preview_url(draft)),
    ]:
        first = client.get(address)
        Article.objects.filter(pk=draft.pk).update(title="Bản nháp đã sửa")
        second = client.get(address)
        Article.objects.filter(pk=draft.pk).update(title="Bản nháp")
        for response in (first, second):
            assert response.status_code == 200
            assert "no-store" in response["Cache-Control"]
            assert "private" in response["Cache-Control"]
            assert not response.has_header("X-Page-Cache")
        assert "Bản nháp đã sửa" in second.content.decode()


@pytest.mark.parametrize(
    "path", ["/quan-tri/", "/quan-tri/login/", "/quan-tri/articles/article/", "/quan-tri/jsi18n/"]
)
def test_the_admin_is_never_stored(editor_client, path):
    response = editor_client.get(path)
    assert response.status_code in (200, 302)
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_the_admin_follows_the_editors_choice_not_the_browser_and_the_site_does_not(
    reader, article
):
    # An English browser alone leaves the admin Vietnamese; the person's choice (the
    # language cookie their profile or the header switch sets) makes it English.
    assert reader.get("/quan-tri/login/", HTTP_ACCEPT_LANGUAGE="en")["Content-Language"] == "vi"
    reader.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    admin = reader.get("/quan-tri/login/", HTTP_ACCEPT_LANGUAGE="vi")
    assert admin["Content-Language"] == "en"
    assert "Cookie" in admin["Vary"]

    site = reader.get(article.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    assert site["Content-Language"] == "vi"
    assert '<html lang="vi">' in site.content.decode()
