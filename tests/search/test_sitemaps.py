"""/sitemap.xml (an index of stories, sections and fixed pages), /sitemap-news.xml (the
last 48 hours, for Google News) and /robots.txt."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
import time_machine
from django.utils import timezone

from articles.models import Article
from tests import factories

from .conftest import NOT_PUBLIC

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
W3C_DATETIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$")


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)  # noqa: S314 (our own response)


def locations(urlset):
    return [url.findtext(f"{SM}loc") for url in urlset.findall(f"{SM}url")]


def story_urls(client):
    return locations(read(client, "/sitemap-stories.xml"))


def news_titles(client):
    urlset = read(client, "/sitemap-news.xml")
    return [url.findtext(f"{NEWS}news/{NEWS}title") for url in urlset.findall(f"{SM}url")]


def test_the_index_points_to_each_sitemap(client, db):
    index = read(client, "/sitemap.xml")

    assert index.tag == f"{SM}sitemapindex"
    assert [s.findtext(f"{SM}loc") for s in index.findall(f"{SM}sitemap")] == [
        "http://testserver/sitemap-stories.xml",
        "http://testserver/sitemap-sections.xml",
        "http://testserver/sitemap-pages.xml",
    ]


def test_the_index_pages_the_stories(client, story, monkeypatch):
    from articles.sitemaps import ArticleSitemap

    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    first, second, third = (story(title=f"Tin {n}") for n in range(3))

    index = read(client, "/sitemap.xml")
    pages = [s.findtext(f"{SM}loc") for s in index.findall(f"{SM}sitemap")]

    assert "http://testserver/sitemap-stories.xml?p=2" in pages
    assert len(locations(read(client, "/sitemap-stories.xml?p=2"))) == 1
    assert client.get("/sitemap-stories.xml?p=3").status_code == 404
    assert client.get("/sitemap-stories.xml?p=x").status_code == 404


def test_stories_are_listed_with_their_last_change(client, story):
    published = story(title="Tin có sửa")

    urlset = read(client, "/sitemap-stories.xml")
    (url,) = urlset.findall(f"{SM}url")

    assert url.findtext(f"{SM}loc") == f"http://testserver{published.get_absolute_url()}"
    lastmod = url.findtext(f"{SM}lastmod")
    assert W3C_DATETIME.match(lastmod)
    expected = max(published.updated_at, published.publication_at).replace(microsecond=0)
    assert datetime.datetime.fromisoformat(lastmod) == expected


def test_sections_and_the_home_page_are_listed(client, section):
    child = factories.SectionFactory(name="Giao thông", parent=section)
    factories.SectionFactory(name="Đã đóng", is_active=False)

    assert locations(read(client, "/sitemap-sections.xml")) == [
        f"http://testserver/{section.slug}/",
        f"http://testserver/{section.slug}/{child.slug}/",
    ]
    assert locations(read(client, "/sitemap-pages.xml")) == ["http://testserver/"]


def test_an_unknown_sitemap_is_not_found(client, db):
    assert client.get("/sitemap-khac.xml").status_code == 404


def test_the_news_sitemap_describes_each_story_for_google_news(client, story):
    published = story(title='Tin "nóng" <b>&</b>')

    urlset = read(client, "/sitemap-news.xml")
    (url,) = urlset.findall(f"{SM}url")
    news = url.find(f"{NEWS}news")

    assert url.findtext(f"{SM}loc") == f"http://testserver{published.get_absolute_url()}"
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "Tòa soạn"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "vi"
    assert news.findtext(f"{NEWS}title") == 'Tin "nóng" <b>&</b>'
    date = news.findtext(f"{NEWS}publication_date")
    assert W3C_DATETIME.match(date)
    assert datetime.datetime.fromisoformat(date) == published.publication_at.replace(microsecond=0)


def test_the_news_sitemap_holds_the_last_48_hours_only(client, story):
    now = timezone.now().replace(microsecond=0)
    recent = story(title="Trong hạn")
    recent.publication_at = now - datetime.timedelta(hours=47, minutes=59)
    recent.save()
    old = story(title="Quá hạn")
    old.publication_at = now - datetime.timedelta(hours=48, seconds=1)
    old.save()

    with time_machine.travel(now, tick=False):
        assert news_titles(client) == ["Trong hạn"]
    with time_machine.travel(now + datetime.timedelta(minutes=2), tick=False):
        assert news_titles(client) == []


def test_control_characters_that_slipped_in_do_not_break_the_news_sitemap(client, story):
    sneaked = story(title="Tin")
    Article.objects.filter(pk=sneaked.pk).update(title="Tin\x0b lạ\x01")

    assert news_titles(client) == ["Tin lạ"]


@pytest.mark.parametrize("state", NOT_PUBLIC)
def test_stories_readers_may_not_see_are_in_no_sitemap(client, story, hidden_story, state):
    shown = story(title="Công khai")
    hidden = hidden_story(state, title="Bí mật")

    assert story_urls(client) == [f"http://testserver{shown.get_absolute_url()}"]
    assert news_titles(client) == ["Công khai"]
    assert hidden.get_absolute_url() not in client.get("/sitemap-stories.xml").content.decode()


def test_a_scheduled_story_enters_both_sitemaps_at_its_minute(client, section):
    at = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=1)
    factories.ArticleFactory(
        title="Hẹn giờ", section=section, status="published", publication_at=at
    )

    with time_machine.travel(at - datetime.timedelta(seconds=1)):
        assert story_urls(client) == []
        assert news_titles(client) == []
    with time_machine.travel(at):
        assert len(story_urls(client)) == 1
        assert news_titles(client) == ["Hẹn giờ"]


@pytest.mark.caches_off_only(
    "counts the queries of a page made afresh; with caches on, the repeat request it counts "
    "is answered from the cache (tests/site/test_queries.py counts both ways)"
)
@pytest.mark.parametrize(
    "url", ["/sitemap.xml", "/sitemap-stories.xml", "/sitemap-sections.xml", "/sitemap-news.xml"]
)
def test_sitemaps_run_the_same_queries_for_5_and_100_stories(count_queries, story, url):
    def add(count):
        for number in range(count):
            extra = {"section": factories.SectionFactory()} if number < 3 else {}
            story(title=f"Tin {number}", **extra)

    add(5)
    few = count_queries(url)
    add(95)
    many = count_queries(url)

    assert few == many <= 4


def test_robots_txt_keeps_crawlers_out_of_the_newsroom_and_names_the_sitemaps(client, db):
    response = client.get("/robots.txt")
    lines = response.content.decode().splitlines()

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert lines[0] == "User-agent: *"
    assert "Disallow: /quan-tri/" in lines
    assert "Disallow: /xem-truoc/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/sitemap-news.xml" in lines
    assert "Disallow: /" not in lines
