"""What a story's page tells search engines and social networks: canonical address,
description, Open Graph, Twitter card and JSON-LD, safe whatever the title holds, and
nothing of it for previews or stories readers cannot see. List pages get the short set."""

import datetime
from html.parser import HTMLParser

import pytest
import time_machine
from django.test import override_settings
from django.utils import timezone

from articles import seo
from articles.preview import signed_preview_url
from newsroom.models import SiteSettings
from tests import factories

from .conftest import NOT_PUBLIC, json_ld

NASTY_TITLE = "Nói \"không\" với 'tin giả' </script><script>alert(1)</script> & <!-- --> </SCRIPT"


class Head(HTMLParser):
    """The canonical link and the meta tags of a page."""

    def __init__(self, html):
        super().__init__()
        self.canonical, self.meta = [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "canonical":
            self.canonical.append(attrs["href"])
        if tag == "meta" and "content" in attrs:
            key = attrs.get("property") or attrs.get("name")
            self.meta.append((key, attrs["content"]))

    def get(self, key):
        values = [content for name, content in self.meta if name == key]
        assert len(values) == 1, (key, values)
        return values[0]

    def all(self, key):
        return [content for name, content in self.meta if name == key]


@pytest.fixture
def full_story(story):
    author = factories.UserFactory(username="lan", first_name="Lê Thị", last_name="Lan")
    published = story(
        title="Khánh thành cầu mới",
        lead="Cây cầu   nối hai bờ\nsông Hồng đã thông xe.",
        featured_image=factories.ImageFactory(),
    )
    published.authors.add(author)
    published.tags.add("Giao thông", "Hà Nội")
    return published


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    return html, Head(html)


def test_a_story_page_has_canonical_description_open_graph_and_twitter_tags(
    client, full_story, section
):
    html, head = page(client, full_story.get_absolute_url())
    url = f"http://testserver{full_story.get_absolute_url()}"
    image = full_story.featured_image

    assert head.canonical == [url]
    assert head.get("description") == "Cây cầu nối hai bờ sông Hồng đã thông xe."
    assert head.get("og:type") == "article"
    assert head.get("og:title") == "Khánh thành cầu mới"
    assert head.get("og:description") == head.get("description")
    assert head.get("og:url") == url
    assert head.get("og:site_name") == "Tòa soạn"
    assert head.get("og:image").startswith("http://testserver/media/")
    # The 1.91:1 crop around the focal point (never wider than the 64-pixel original).
    assert (head.get("og:image:width"), head.get("og:image:height")) == ("64", "34")
    assert head.get("og:image:alt") == image.alt_text
    assert head.get("article:published_time") == seo.iso(full_story.publication_at)
    assert head.get("article:published_time").endswith("+07:00")
    assert head.get("article:modified_time").endswith("+07:00")
    assert head.get("article:section") == section.name
    assert sorted(head.all("article:tag")) == ["Giao thông", "Hà Nội"]
    assert head.get("twitter:card") == "summary_large_image"
    assert head.get("twitter:title") == "Khánh thành cầu mới"
    assert head.get("twitter:image") == head.get("og:image")


def test_a_story_page_has_a_news_article_in_json_ld(client, full_story, section):
    html, head = page(client, full_story.get_absolute_url())
    (data,) = json_ld(html)
    url = f"http://testserver{full_story.get_absolute_url()}"

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == full_story.title
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert data["datePublished"] == seo.iso(full_story.publication_at)
    assert datetime.datetime.fromisoformat(data["datePublished"]).utcoffset() == (
        datetime.timedelta(hours=7)
    )
    assert data["dateModified"].endswith("+07:00")
    assert data["dateModified"] >= data["datePublished"]
    assert data["author"] == [
        {"@type": "Person", "name": "Lê Thị Lan", "url": "http://testserver/tac-gia/lan/"}
    ]
    assert data["publisher"] == {
        "@type": "Organization",
        "name": "Tòa soạn",
        "url": "http://testserver/",
    }
    assert data["image"] == [
        {"@type": "ImageObject", "url": head.get("og:image"), "width": 64, "height": 34}
    ]
    assert data["articleSection"] == section.name
    assert sorted(data["keywords"]) == ["Giao thông", "Hà Nội"]


def test_without_authors_the_byline_or_the_publisher_is_the_author(story):
    site = SiteSettings.load()
    with_byline = story(title="Có bút danh", byline="Nhóm PV")
    anonymous = story(title="Không tên")

    assert seo.for_article(with_byline, site).json_ld["author"] == [
        {"@type": "Person", "name": "Nhóm PV"}
    ]
    assert seo.for_article(anonymous, site).json_ld["author"] == [
        {"@type": "Organization", "name": "Tòa soạn", "url": "http://127.0.0.1:8000/"}
    ]


def test_a_title_cannot_break_out_of_the_json_ld_or_the_tags(client, story):
    published = story(title=NASTY_TITLE, lead='Sapo có </script> và "ngoặc"')

    html, head = page(client, published.get_absolute_url())
    (data,) = json_ld(html)
    block = html[html.index('<script type="application/ld+json">') :]
    block = block[: block.index("</script>")]

    assert "<script>alert(1)" not in html
    assert "</script>" not in block.lower()
    assert "</SCRIPT" not in block
    assert "<!--" not in block
    assert data["headline"] == NASTY_TITLE
    assert data["description"] == 'Sapo có </script> và "ngoặc"'
    assert head.get("og:title") == NASTY_TITLE
    assert head.get("twitter:title") == NASTY_TITLE


def test_the_json_ld_serialiser_escapes_what_could_end_a_script_element():
    script = str(seo.json_ld_script({"headline": "</script><script>alert(1)</script>&"}))

    assert script == (
        '<script type="application/ld+json">{"headline": '
        '"\\u003C/script\\u003E\\u003Cscript\\u003Ealert(1)\\u003C/script\\u003E\\u0026"}'
        "</script>"
    )


def test_a_long_lead_is_cut_for_the_description(client, story):
    published = story(title="Dài", lead="Rất dài. " * 100)

    html, head = page(client, published.get_absolute_url())

    assert len(head.get("description")) <= seo.DESCRIPTION_LENGTH
    assert head.get("description").endswith("…")


def test_a_story_without_picture_gets_a_small_card(client, story):
    html, head = page(client, story(title="Không ảnh").get_absolute_url())

    assert head.get("twitter:card") == "summary"
    assert head.all("og:image") == []
    assert "image" not in json_ld(html)[0]


def test_previews_say_nothing_to_search_engines(client, editor_client, story, hidden_story):
    draft = hidden_story("draft", title="Bản nháp")
    public = story(title="Đã đăng")

    for response in [
        editor_client.get(f"/xem-truoc/{draft.pk}/"),
        editor_client.get(f"/xem-truoc/{public.pk}/"),
        client.get(signed_preview_url(draft)),
    ]:
        html = response.content.decode()
        head = Head(html)
        assert response.status_code == 200
        assert json_ld(html) == []
        assert head.canonical == []
        assert not [name for name, _content in head.meta if name.startswith(("og:", "twitter:"))]
        assert head.get("robots") == "noindex, nofollow"


@pytest.mark.parametrize("state", NOT_PUBLIC)
def test_stories_readers_may_not_see_have_no_structured_data(hidden_story, state):
    assert seo.for_article(hidden_story(state, title="Ẩn"), SiteSettings.load()) is None


def test_a_scheduled_story_gets_its_structured_data_at_its_minute(section):
    at = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=1)
    scheduled = factories.ArticleFactory(section=section, status="published", publication_at=at)
    site = SiteSettings.load()

    with time_machine.travel(at - datetime.timedelta(seconds=1)):
        assert seo.for_article(scheduled, site) is None
    with time_machine.travel(at):
        assert seo.for_article(scheduled, site).json_ld["headline"] == scheduled.title


@override_settings(SITE_URL="https://tin.example.vn")
def test_without_a_request_addresses_come_from_site_url(full_story):
    meta = seo.for_article(full_story, SiteSettings.load())

    assert meta.canonical == f"https://tin.example.vn{full_story.get_absolute_url()}"
    assert meta.json_ld["publisher"]["url"] == "https://tin.example.vn/"
    assert dict(meta.properties)["og:image"].startswith("https://tin.example.vn/media/")


def test_the_home_page_has_canonical_and_website_tags(client, story):
    story(title="Tin trang chủ")
    site = SiteSettings.load()
    site.tagline = "Tin tức khoa học & công nghệ"
    site.save()

    html, head = page(client, "/")

    assert head.canonical == ["http://testserver/"]
    assert head.get("description") == "Tin tức khoa học & công nghệ"
    assert head.get("og:type") == "website"
    assert head.get("og:url") == "http://testserver/"
    assert json_ld(html) == []


def test_a_section_page_has_canonical_description_and_website_tags(client, story, section):
    section.description = "Tin thời sự trong nước <và> quốc tế."
    section.save()
    for number in range(21):
        story(title=f"Tin {number}")

    html, head = page(client, f"/{section.slug}/?page=2&utm_source=x")

    assert head.canonical == [f"http://testserver/{section.slug}/?page=2"]
    assert head.get("description") == "Tin thời sự trong nước <và> quốc tế."
    assert head.get("og:title") == section.name
    assert head.get("og:type") == "website"
    assert Head(page(client, f"/{section.slug}/")[0]).canonical == [
        f"http://testserver/{section.slug}/"
    ]


def test_the_story_page_escapes_the_meta_tags(client, story):
    published = story(title='A "quoted" <title>', lead='Lead with "quotes" & <tags>')

    html = client.get(published.get_absolute_url()).content.decode()

    assert '<meta property="og:title" content="A &quot;quoted&quot; &lt;title&gt;">' in html
    description = "Lead with &quot;quotes&quot; &amp; &lt;tags&gt;"
    assert f'<meta name="description" content="{description}">' in html


def test_tag_and_author_pages_have_canonical_and_website_tags(client, story):
    author = factories.UserFactory(username="hoa", first_name="Phạm", last_name="Hòa")
    published = story(title="Tin có thẻ")
    published.tags.add("Năng lượng")
    published.authors.add(author)
    tag_url = f"/tag/{published.tags.get().slug}/"

    tag_html, tag_head = page(client, tag_url)
    author_html, author_head = page(client, "/tac-gia/hoa/")

    assert tag_head.canonical == [f"http://testserver{tag_url}"]
    assert tag_head.get("og:title") == "Năng lượng"
    assert author_head.canonical == ["http://testserver/tac-gia/hoa/"]
    assert author_head.get("og:title") == "Phạm Hòa"
    assert json_ld(tag_html) == json_ld(author_html) == []
