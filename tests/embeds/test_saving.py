"""Saving a story: a provider's URL on a line of its own becomes an embed, kept in the body
as data from the provider's oEmbed answer (recorded here), never as the provider's HTML.
Anything else stays the link it was, and saving never fails because of a provider."""

import json

import pytest
from bs4 import BeautifulSoup

from tests.embeds.conftest import (
    FACEBOOK_POST,
    FACEBOOK_VIDEO,
    INSTAGRAM,
    META_TOKEN,
    TIKTOK,
    YOUTUBE,
    X,
)

pytestmark = pytest.mark.django_db
EMBED = "https://www.youtube.com/embed/dQw4w9WgXcQ"


def embeds_in(article):
    return [fig.attrs for fig in BeautifulSoup(article.body, "html.parser").find_all("figure")]


def links_in(article):
    return [a["href"] for a in BeautifulSoup(article.body, "html.parser").find_all("a")]


@pytest.mark.parametrize(
    ("url", "provider", "title", "endpoint"),
    [
        (YOUTUBE, "youtube", "Toàn cảnh bão số 9 đổ bộ miền Trung", "www.youtube.com/oembed"),
        (FACEBOOK_POST, "facebook", "VnExpress", "graph.facebook.com/v16.0/oembed_post"),
        (FACEBOOK_VIDEO, "facebook", "VTV24", "graph.facebook.com/v16.0/oembed_video"),
        (INSTAGRAM, "instagram", "vnexpress", "graph.facebook.com/v16.0/instagram_oembed"),
        (TIKTOK, "tiktok", "Nước lũ dâng cao ở Huế #baolu #hue", "www.tiktok.com/oembed"),
        (X, "x", "VnExpress", "publish.x.com/oembed"),
    ],
)
@pytest.mark.parametrize(
    "pasted",
    ["<p>{url}</p>", '<p><a href="{url}">{url}</a></p>', '<p><a href="{url}">Xem ở đây</a></p>'],
    ids=["text", "link", "link-with-words"],
)
def test_a_providers_url_on_its_own_line_becomes_an_embed(
    story, providers, url, provider, title, endpoint, pasted
):
    article = story(f"<p>Mở đầu.</p>{pasted.format(url=url)}<p>Kết thúc.</p>")

    [embed] = embeds_in(article)
    assert embed["data-embed"] == provider
    assert embed["data-url"] == url
    assert embed["data-title"] == title
    assert [asked["endpoint"] for asked in providers.asked] == [endpoint]
    # Stored as data, with a plain link inside for feeds; never the provider's markup.
    assert links_in(article) == [url]
    for foreign in ("<iframe", "<script", "<blockquote", "fb-root"):
        assert foreign not in article.body
    assert article.body.startswith("<p>Mở đầu.</p><figure")
    assert article.body.endswith("<p>Kết thúc.</p>")


def test_ckeditors_own_media_embed_becomes_our_embed(story):
    # CKEditor turns a pasted YouTube, Facebook, Instagram or X link into this by itself.
    article = story(f'<figure class="media"><oembed url="{YOUTUBE}"></oembed></figure>')

    [embed] = embeds_in(article)
    assert embed["data-embed"] == "youtube"
    assert "oembed" not in article.body


def test_a_reopened_story_is_saved_with_its_embeds_and_nobody_is_asked_again(story, providers):
    article = story(f"<p>{YOUTUBE}</p><p>{X}</p>")
    stored = article.body
    # The editor keeps the link inside each embed, not our figure: that is what comes back.
    article.body = f'<p><a href="{YOUTUBE}">{YOUTUBE}</a></p><p><a href="{X}">{X}</a></p>'

    article.save()

    assert article.body == stored
    assert len(providers.asked) == 2


def test_a_youtube_embed_keeps_the_video_id_and_its_picture(story):
    [embed] = embeds_in(story(f"<p>{YOUTUBE}</p>"))

    assert embed["data-id"] == "dQw4w9WgXcQ"
    assert embed["data-thumbnail"] == "https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg"


def test_a_picture_from_a_host_outside_the_policy_is_not_kept(story):
    # TikTok's pictures are signed addresses on a CDN that expire: not in EMBED_IMAGE_HOSTS.
    [embed] = embeds_in(story(f"<p>{TIKTOK}</p>"))

    assert embed["data-id"] == "7310000000000000001"
    assert "data-thumbnail" not in embed


def test_facebook_and_instagram_are_asked_with_the_meta_token(story, providers):
    story(f"<p>{FACEBOOK_POST}</p><p>{INSTAGRAM}</p>")

    assert {asked["access_token"] for asked in providers.asked} == {META_TOKEN}


def test_without_a_meta_token_facebook_stays_a_link_and_nobody_is_asked(story, providers, settings):
    settings.EMBED_META_TOKEN = ""

    article = story(f"<p>{FACEBOOK_POST}</p>")

    assert embeds_in(article) == []
    assert links_in(article) == [FACEBOOK_POST]
    assert providers.asked == []


@pytest.mark.parametrize(
    "body",
    [
        f"<p>Xem <a href='{YOUTUBE}'>đoạn phim</a> của VTV24.</p>",
        f"<p>Xem {YOUTUBE} ngay.</p>",
        f"<ul><li>{YOUTUBE}</li></ul>",
        f"<blockquote><p>{YOUTUBE}</p></blockquote>",
    ],
    ids=["link-in-sentence", "url-in-sentence", "list-item", "quote"],
)
def test_a_url_that_is_not_a_line_of_its_own_stays_as_written(story, providers, body):
    article = story(body)

    assert embeds_in(article) == []
    assert providers.asked == []


@pytest.mark.parametrize(
    "url",
    ["https://vnexpress.net/bao-so-9-4812345.html", "https://vimeo.com/76979871"],
    ids=["news-site", "provider-outside-the-allow-list"],
)
def test_an_unknown_site_stays_a_link(story, providers, url):
    article = story(f'<p><a href="{url}">{url}</a></p><p>{url}</p>')

    assert embeds_in(article) == []
    assert links_in(article) == [url, url]
    assert providers.asked == []


@pytest.mark.parametrize("failure", ["timeout", "refused", 500, 404, 401])
def test_a_provider_that_fails_leaves_a_plain_link_and_the_story_is_saved(
    story, providers, failure
):
    providers.down[YOUTUBE] = failure

    article = story(f"<p>{YOUTUBE}</p><p>{X}</p>")

    assert article.pk
    assert [embed["data-url"] for embed in embeds_in(article)] == [X]
    assert links_in(article) == [YOUTUBE, X]


@pytest.mark.parametrize(
    "answer",
    [
        "<html>502 Bad Gateway</html>",
        "[]",
        '{"type": "link", "title": "Trang"}',
        '{"type": "video"}',
    ],
    ids=["not-json", "not-an-object", "a-plain-link", "no-video-id"],
)
def test_a_provider_answering_nonsense_leaves_a_plain_link(story, monkeypatch, answer):
    import micawber.providers

    monkeypatch.setattr(micawber.providers, "fetch", lambda request, timeout: answer)

    article = story(f"<p>{YOUTUBE}</p>")

    assert embeds_in(article) == []
    assert links_in(article) == [YOUTUBE]


def test_providers_are_asked_with_the_short_timeout(story, providers, settings):
    settings.EMBED_TIMEOUT = 1.5

    story(f"<p>{YOUTUBE}</p>")

    assert [asked["timeout"] for asked in providers.asked] == [1.5]


def test_saving_again_asks_nobody_again(story, providers):
    article = story(f"<p>{YOUTUBE}</p>")
    stored = article.body

    article.save()

    assert article.body == stored
    assert len(providers.asked) == 1


def test_a_provider_title_is_kept_as_text(story, monkeypatch):
    import micawber.providers

    hostile = json.dumps(
        {
            "type": "video",
            "title": '"><script>alert(1)</script>',
            "html": f'<iframe src="{EMBED}"></iframe><script>alert(2)</script>',
            "thumbnail_url": "javascript:alert(3)",
        }
    )
    monkeypatch.setattr(micawber.providers, "fetch", lambda request, timeout: hostile)

    article = story(f"<p>{YOUTUBE}</p>")

    [embed] = embeds_in(article)
    assert embed["data-title"] == '"><script>alert(1)</script>'
    assert "data-thumbnail" not in embed
    assert "<script" not in article.body
    assert "alert(2)" not in article.body


@pytest.mark.parametrize(
    "typed",
    [
        '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"></iframe>',
        '<script async src="https://platform.twitter.com/widgets.js"></script>',
        '<div class="fb-post" data-href="https://www.facebook.com/a/posts/1"></div>'
        '<script src="https://connect.facebook.net/vi_VN/sdk.js"></script>',
        '<blockquote class="tiktok-embed" cite="x"><script src="https://www.tiktok.com/embed.js"></script></blockquote>',
        '<figure class="embed" data-embed="youtube" onclick="alert(1)"><iframe src="https://evil.example"></iframe></figure>',
    ],
    ids=["iframe", "script", "facebook-sdk", "tiktok-script", "figure-with-iframe"],
)
def test_an_iframe_or_script_typed_by_hand_is_stripped(story, typed):
    article = story(f"<p>Tin</p>{typed}")

    for foreign in ("<iframe", "<script", "onclick", "fb-post", "tiktok-embed", "evil.example"):
        assert foreign not in article.body


def test_ckeditors_media_block_for_a_provider_outside_the_allow_list_becomes_a_link(
    story, providers
):
    # The allow-list would empty it (no <oembed>): the reader would get nothing.
    url = "https://vimeo.com/76979871"

    article = story(f'<figure class="media"><oembed url="{url}"></oembed></figure>')

    assert embeds_in(article) == []
    assert links_in(article) == [url]
    assert providers.asked == []
