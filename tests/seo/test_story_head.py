"""What a story's page tells Google and Facebook/Zalo when the editor wrote its own SEO
and social texts, and when they left them blank: the ``<title>``, the meta description,
Open Graph, Twitter card, canonical link and JSON-LD agree, and every one is escaped.
Each test runs with the caches off and with every cache layer on."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from images.renditions import og_rendition
from newsroom import caching
from newsroom.models import SiteSettings
from tests import factories

from .conftest import NASTY, head_of

EXTERNAL = "https://nhandan.vn/khanh-thanh-cau-moi-post123.html"


def og_image_url(image):
    """The address of ``image``'s rendition made for sharing, as a page gives it."""
    return f"http://testserver{og_rendition(image).file.url}"


@pytest.fixture(autouse=True)
def _with_caches_off_and_on(reader_caches):
    """Every test here runs with the caches off and again with every cache layer on."""


def keep(client, url):
    """Read ``url`` until the page is kept (with the caches on: then it costs no query)."""
    for _attempt in range(3):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        if not queries:
            return


def test_without_its_own_texts_a_story_speaks_with_its_title_lead_and_featured_image(client, story):
    article = story(featured_image=factories.ImageFactory())
    site = SiteSettings.load().site_name
    url = f"http://testserver{article.get_absolute_url()}"

    _html, head = head_of(client, article.get_absolute_url())

    assert head.title == f"Khánh thành cầu mới - {site}"
    assert head.canonical == [url]
    assert head.get("description") == "Cây cầu nối hai bờ sông Hồng đã thông xe."
    for key in ("og:title", "twitter:title"):
        assert head.get(key) == "Khánh thành cầu mới"
    for key in ("og:description", "twitter:description"):
        assert head.get(key) == "Cây cầu nối hai bờ sông Hồng đã thông xe."
    assert head.get("og:url") == url
    assert head.get("og:image") == og_image_url(article.featured_image)
    assert head.story["headline"] == "Khánh thành cầu mới"
    assert head.story["description"] == "Cây cầu nối hai bờ sông Hồng đã thông xe."
    assert head.story["mainEntityOfPage"]["@id"] == url


def test_the_editors_own_texts_and_image_reach_every_tag(client, story):
    featured, social = factories.ImageFactory(), factories.ImageFactory(alt_text="Cầu về đêm")
    article = story(
        featured_image=featured,
        seo_title="Cầu mới qua sông Hồng thông xe",
        seo_description="Cây cầu thứ bảy qua sông Hồng ở Hà Nội.",
        social_title="Hà Nội có thêm cây cầu qua sông Hồng",
        social_description="Người dân đi thử cầu mới từ sáng sớm.",
        social_image=social,
    )
    site = SiteSettings.load().site_name

    _html, head = head_of(client, article.get_absolute_url())

    assert head.title == f"Cầu mới qua sông Hồng thông xe - {site}"
    assert head.get("description") == "Cây cầu thứ bảy qua sông Hồng ở Hà Nội."
    assert head.story["headline"] == "Cầu mới qua sông Hồng thông xe"
    assert head.story["description"] == "Cây cầu thứ bảy qua sông Hồng ở Hà Nội."
    for key in ("og:title", "twitter:title"):
        assert head.get(key) == "Hà Nội có thêm cây cầu qua sông Hồng"
    for key in ("og:description", "twitter:description"):
        assert head.get(key) == "Người dân đi thử cầu mới từ sáng sớm."
    # The share card's picture is the social image's 1200-px rendition, never the original.
    for key in ("og:image", "twitter:image"):
        assert head.get(key) == og_image_url(social)
    assert head.get("og:image:alt") == "Cầu về đêm"
    assert head.story["image"][0]["url"] == og_image_url(social)
    assert social.file.url not in head.get("og:image")


def test_a_blank_social_title_and_description_take_the_seo_ones(client, story):
    article = story(seo_title="Cầu mới thông xe", seo_description="Cầu thứ bảy qua sông Hồng.")

    _html, head = head_of(client, article.get_absolute_url())

    assert head.get("og:title") == head.get("twitter:title") == "Cầu mới thông xe"
    assert head.get("og:description") == "Cầu thứ bảy qua sông Hồng."
    assert head.get("twitter:description") == "Cầu thứ bảy qua sông Hồng."


def test_a_syndicated_story_names_its_original_as_canonical_and_keeps_its_own_card(client, story):
    article = story(canonical_url=EXTERNAL)
    here = f"http://testserver{article.get_absolute_url()}"

    _html, head = head_of(client, article.get_absolute_url())

    assert head.canonical == [EXTERNAL]
    assert head.story["mainEntityOfPage"]["@id"] == EXTERNAL
    # Shared from our page, the card is still ours.
    assert head.get("og:url") == here
    assert head.story["url"] == here


@pytest.mark.parametrize(
    "field", ["seo_title", "seo_description", "social_title", "social_description"]
)
def test_quotes_and_script_in_any_field_stay_text(client, story, field):
    article = story(**{field: NASTY})

    html, head = head_of(client, article.get_absolute_url())

    assert "<script>alert(1)" not in html
    shown = {
        "seo_title": [head.title.rsplit(" - ", 1)[0], head.story["headline"]],
        "seo_description": [head.get("description"), head.story["description"]],
        "social_title": [head.get("og:title"), head.get("twitter:title")],
        "social_description": [head.get("og:description"), head.get("twitter:description")],
    }[field]
    assert shown == [NASTY, NASTY]


def test_a_canonical_address_with_quotes_stays_inside_its_attribute(client, story):
    address = 'https://example.com/a"><script>alert(1)</script>'
    article = story(canonical_url=address)

    html, head = head_of(client, article.get_absolute_url())

    assert "<script>alert(1)" not in html
    assert head.canonical == [address]


def test_changing_the_seo_texts_shows_on_the_page_at_once(client, story):
    article = story()
    keep(client, article.get_absolute_url())

    article.seo_title = "Tiêu đề mới cho Google"
    article.social_title = "Tiêu đề mới khi chia sẻ"
    article.save()

    _html, head = head_of(client, article.get_absolute_url())
    assert head.title.startswith("Tiêu đề mới cho Google - ")
    assert head.get("og:title") == "Tiêu đề mới khi chia sẻ"


def queries_of(client, url):
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.caches_off_only("counts the queries of a page made afresh")
def test_the_editors_texts_and_image_cost_the_story_page_no_query(client, story):
    plain = story(title="Tin thường", featured_image=factories.ImageFactory())
    own = story(
        title="Tin có SEO",
        featured_image=factories.ImageFactory(),
        seo_title="Tiêu đề SEO",
        seo_description="Mô tả",
        social_title="Tiêu đề chia sẻ",
        social_description="Mô tả chia sẻ",
        social_image=factories.ImageFactory(),
        canonical_url=EXTERNAL,
    )

    assert queries_of(client, own.get_absolute_url()) == queries_of(
        client, plain.get_absolute_url()
    )


def test_a_kept_story_page_made_again_reads_its_seo_title_from_the_kept_story(
    client, story, reader_caches
):
    if reader_caches == "caches-off":
        pytest.skip("only kept pages are made again from kept parts")
    article = story(seo_title="Tiêu đề cho Google")
    client.get(article.get_absolute_url())
    caching.changed("banners")  # the page is made again from the kept story

    with CaptureQueriesContext(connection) as queries:
        _html, head = head_of(client, article.get_absolute_url())

    assert head.title.startswith("Tiêu đề cho Google - ")
    # The kept story holds the tab's title: no extra read of the row for it.
    assert len([q for q in queries if 'FROM "articles_article"' in q["sql"]]) <= 1


def test_fixing_the_social_images_alt_text_shows_on_the_page_at_once(client, story):
    picture = factories.ImageFactory(alt_text="Ảnh cũ")
    article = story(social_image=picture)
    keep(client, article.get_absolute_url())

    picture.alt_text = "Cây cầu nhìn từ trên cao"
    picture.save()

    _html, head = head_of(client, article.get_absolute_url())
    assert head.get("og:image:alt") == "Cây cầu nhìn từ trên cao"
