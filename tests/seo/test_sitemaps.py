"""A syndicated story (its canonical address is another site's) stays in our lists and
feeds but leaves our sitemaps: search engines should index the original."""

import xml.etree.ElementTree as ET

import pytest

from articles.models import Article

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
EXTERNAL = "https://nhandan.vn/khanh-thanh-cau-moi-post123.html"


@pytest.fixture(autouse=True)
def _with_caches_off_and_on(reader_caches):
    """Every test here runs with the caches off and again with every cache layer on."""


def addresses(client, url):
    response = client.get(url)
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    return [loc.text for loc in root.iter(f"{SM}loc")]


def test_a_syndicated_story_is_left_out_of_both_sitemaps(client, story):
    ours = story(title="Tin của báo mình")
    taken = story(title="Tin đăng lại", canonical_url=EXTERNAL)

    for sitemap in ("/sitemap-stories.xml", "/sitemap-news.xml"):
        found = addresses(client, sitemap)
        assert f"http://testserver{ours.get_absolute_url()}" in found
        assert f"http://testserver{taken.get_absolute_url()}" not in found


def test_a_syndicated_story_stays_in_the_feed_and_its_section(client, story, section):
    taken = story(title="Tin đăng lại", canonical_url=EXTERNAL)

    assert taken.get_absolute_url() in client.get("/rss/").content.decode()
    assert taken.get_absolute_url() in client.get(section.get_absolute_url()).content.decode()


def test_canonical_here_is_the_stories_whose_original_is_ours(story):
    ours = story()
    story(canonical_url=EXTERNAL)

    assert list(Article.objects.canonical_here()) == [ours]
