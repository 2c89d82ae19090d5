"""RSS at /rss/ and /<section-path>/rss/: valid XML, full leads, times with their zone,
the featured image as an enclosure, only public stories, and a fixed number of queries."""

import datetime
import email.utils
import xml.etree.ElementTree as ET

import pytest
import time_machine
from django.utils import timezone

from articles.models import Article
from images.renditions import og_rendition
from tests import factories

from .conftest import NOT_PUBLIC

DC = "{http://purl.org/dc/elements/1.1/}"
ATOM = "{http://www.w3.org/2005/Atom}"


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return ET.fromstring(response.content)  # noqa: S314 (our own response)


def items(channel):
    return {item.findtext("title"): item for item in channel.iter("item")}


def test_the_site_feed_describes_each_story(client, story, section):
    author = factories.UserFactory(username="mai", first_name="Trần Thị", last_name="Mai")
    image = factories.ImageFactory()
    lead = "Một đoạn sapo dài. " * 30  # far longer than any description cut
    published = story(title="Khai mạc hội chợ", lead=lead, byline="Nhóm PV", featured_image=image)
    published.authors.add(author)
    published.tags.add("Kinh tế")

    rss = read(client, "/rss/")
    channel = rss.find("channel")
    item = items(channel)["Khai mạc hội chợ"]

    assert rss.get("version") == "2.0"
    assert channel.findtext("title") == "Tòa soạn"
    assert channel.findtext("language") == "vi"
    assert channel.find(f"{ATOM}link").get("href") == "http://testserver/rss/"
    assert item.findtext("link") == f"http://testserver{published.get_absolute_url()}"
    assert item.findtext("description") == lead
    assert item.findtext(f"{DC}creator") == "Trần Thị Mai, Nhóm PV"
    assert [c.text for c in item.findall("category")] == [section.name, "Kinh tế"]
    assert item.find("guid").get("isPermaLink") == "false"
    assert item.findtext("guid") == f"testserver:story:{published.pk}"

    pubdate = email.utils.parsedate_to_datetime(item.findtext("pubDate"))
    assert pubdate.utcoffset() == datetime.timedelta(hours=7)
    assert pubdate == published.publication_at.replace(microsecond=0)

    # The picture made for sharing (its 1.91:1 crop), never the original upload.
    shared = og_rendition(image)
    assert shared.file.url != image.file.url
    enclosure = item.find("enclosure")
    assert enclosure.get("url") == f"http://testserver{shared.file.url}"
    assert enclosure.get("length") == str(shared.file_size) != "0"
    assert enclosure.get("type") == "image/jpeg"


def test_a_story_without_picture_or_author_has_neither(client, story):
    story(title="Tin vắn")

    item = items(read(client, "/rss/").find("channel"))["Tin vắn"]

    assert item.find("enclosure") is None
    assert item.find(f"{DC}creator") is None


def test_newest_stories_come_first(client, story):
    older = story(title="Cũ")
    older.publication_at = timezone.now() - datetime.timedelta(days=1)
    older.save()
    story(title="Mới")

    assert list(items(read(client, "/rss/").find("channel"))) == ["Mới", "Cũ"]


def test_titles_and_leads_survive_markup_and_quotes(client, story):
    title = 'Nói "không" với <script>alert(1)</script> & </channel>'
    story(title=title, lead="A < B && C > D ]]> 'x'")

    item = items(read(client, "/rss/").find("channel"))[title]

    assert item.findtext("description") == "A < B && C > D ]]> 'x'"


def test_control_characters_that_slipped_in_do_not_break_the_feed(client, story):
    sneaked = story(title="Tin sạch")
    # Validators refuse these; an import that bypasses them must not break the feed.
    Article.objects.filter(pk=sneaked.pk).update(title="Tin\x08 bẩn\x1f", lead="Sapo\x01")

    channel = read(client, "/rss/").find("channel")

    assert list(items(channel)) == ["Tin bẩn"]


def test_a_section_feed_holds_its_own_and_its_childrens_stories(client, story, section):
    child = factories.SectionFactory(name="Giao thông", parent=section)
    other = factories.SectionFactory(name="Thể thao")
    story(title="Ở mục cha", section=section)
    story(title="Ở mục con", section=child)
    story(title="Ở mục khác", section=other)

    parent_feed = read(client, f"/{section.slug}/rss/").find("channel")
    child_feed = read(client, f"/{section.slug}/{child.slug}/rss/").find("channel")

    assert set(items(parent_feed)) == {"Ở mục cha", "Ở mục con"}
    assert set(items(child_feed)) == {"Ở mục con"}
    assert parent_feed.findtext("title") == f"{section.name} - Tòa soạn"
    assert parent_feed.findtext("link") == f"http://testserver/{section.slug}/"


def test_a_section_feed_at_an_old_address_moves_and_an_unknown_one_is_not_found(client, section):
    child = factories.SectionFactory(name="Giao thông", parent=section)

    moved = client.get(f"/{child.slug}/rss/")

    assert moved.status_code == 301
    assert moved["Location"] == f"/{section.slug}/{child.slug}/rss/"
    assert client.get("/khong-co-muc-nay/rss/").status_code == 404


@pytest.mark.parametrize("state", NOT_PUBLIC)
@pytest.mark.parametrize("url", ["/rss/", "/thoi-su/rss/"])
def test_stories_readers_may_not_see_are_not_in_feeds(client, story, hidden_story, state, url):
    story(title="Công khai")
    hidden_story(state, title="Bí mật")

    channel = read(client, url).find("channel")

    assert list(items(channel)) == ["Công khai"]


def test_a_scheduled_story_enters_the_feed_at_its_minute(client, section):
    at = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=1)
    factories.ArticleFactory(
        title="Hẹn giờ", section=section, status="published", publication_at=at
    )

    with time_machine.travel(at - datetime.timedelta(seconds=1)):
        assert list(items(read(client, "/rss/").find("channel"))) == []
    with time_machine.travel(at):
        assert list(items(read(client, "/rss/").find("channel"))) == ["Hẹn giờ"]


@pytest.mark.caches_off_only(
    "counts the queries of a page made afresh; with caches on, the repeat request it counts "
    "is answered from the cache (tests/site/test_queries.py counts both ways)"
)
@pytest.mark.parametrize("url", ["/rss/", "/thoi-su/rss/"])
def test_feeds_run_the_same_queries_for_5_and_100_stories(count_queries, story, url):
    def add(count):
        for number in range(count):
            published = story(
                title=f"Tin {number}",
                featured_image=factories.ImageFactory() if number % 2 else None,
            )
            published.tags.add(f"chủ đề {number % 3}")
            published.authors.add(factories.UserFactory(username=f"pv{number % 4}"))

    add(5)
    few = count_queries(url)
    add(95)
    many = count_queries(url)

    assert few == many <= 8
