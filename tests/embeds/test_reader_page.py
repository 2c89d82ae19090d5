"""What a reader gets: our own markup for each embed, and nothing from a provider until
they ask for it (YouTube through youtube-nocookie.com only after a click; the others'
scripts only after "Load content from …"). Every value escaped; the policy header names
exactly the providers."""

import re

import pytest
from bs4 import BeautifulSoup

from tests.embeds.conftest import FACEBOOK_POST, FACEBOOK_VIDEO, INSTAGRAM, TIKTOK, YOUTUBE, X

pytestmark = pytest.mark.django_db
ALL = [YOUTUBE, FACEBOOK_POST, FACEBOOK_VIDEO, INSTAGRAM, TIKTOK, X]


def read(reader, article):
    response = reader.get(article.get_absolute_url())
    assert response.status_code == 200
    return response, BeautifulSoup(response.content.decode(), "html.parser")


def test_no_provider_loads_before_the_reader_asks(site, story, reader, reader_caches):
    article = story("".join(f"<p>{url}</p>" for url in ALL))

    response, page = read(reader, article)

    assert page.find("iframe") is None
    scripts = [script.get("src") for script in page.find_all("script")]
    assert all(src is None or src.startswith("/static/") for src in scripts), scripts
    assert scripts.count("/static/embeds/embeds.js") == 1
    # youtube-nocookie appears only in the data attribute the script reads on click.
    html = response.content.decode()
    assert html.count("youtube-nocookie.com") == 1
    assert (
        'data-embed-frame="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"' in html
    )


def test_youtube_shows_its_picture_title_and_a_link_to_the_video(
    site, story, reader, reader_caches
):
    _response, page = read(reader, story(f"<p>{YOUTUBE}</p>"))

    facade = page.select_one(".embed--youtube .embed__facade")
    assert facade["href"] == YOUTUBE
    assert facade.select_one(".embed__title").get_text() == "Toàn cảnh bão số 9 đổ bộ miền Trung"
    assert facade.img["src"] == "https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg"
    assert facade.img["alt"] == ""


@pytest.mark.parametrize(
    ("url", "markup", "script"),
    [
        (X, "blockquote.twitter-tweet", "https://platform.twitter.com/widgets.js"),
        (
            INSTAGRAM,
            f"blockquote.instagram-media[data-instgrm-permalink='{INSTAGRAM}']",
            "https://www.instagram.com/embed.js",
        ),
        (
            TIKTOK,
            "blockquote.tiktok-embed[data-video-id='7310000000000000001']",
            "https://www.tiktok.com/embed.js",
        ),
        (
            FACEBOOK_POST,
            f"div.fb-post[data-href='{FACEBOOK_POST}']",
            "https://connect.facebook.net/",
        ),
        (
            FACEBOOK_VIDEO,
            f"div.fb-video[data-href='{FACEBOOK_VIDEO}']",
            "https://connect.facebook.net/",
        ),
    ],
)
def test_other_providers_show_their_own_quote_a_link_and_a_button_to_load_them(
    site, story, reader, reader_caches, url, markup, script
):
    _response, page = read(reader, story(f"<p>{url}</p>"))

    [figure] = page.select("figure.embed")
    assert figure.select_one(markup) is not None
    assert [a["href"] for a in figure.find_all("a")] == [url]
    # The script is named for embeds.js to load on the click, not loaded.
    assert figure["data-embed-script"].startswith(script)
    button = figure.select_one("button.embed__load")
    # Hidden until embeds.js runs: without a script, the reader has the link.
    assert button.has_attr("hidden")
    assert button.get_text().startswith(("Load content from", "Tải nội dung từ"))


def test_a_page_without_embeds_does_not_load_the_script(site, story, reader, reader_caches):
    _response, page = read(reader, story("<p>Tin không có video.</p>"))

    assert "embeds/embeds.js" not in str(page)


def test_every_value_from_a_provider_is_escaped(site, story, reader, reader_caches, monkeypatch):
    import micawber.providers

    hostile = (
        '{"type": "video", "title": "\\"><script>alert(1)</script></figure><iframe src=x>", '
        '"html": "<iframe src=\\"https://www.youtube.com/embed/dQw4w9WgXcQ\\"></iframe>"}'
    )
    monkeypatch.setattr(micawber.providers, "fetch", lambda request, timeout: hostile)

    response, page = read(reader, story(f"<p>{YOUTUBE}</p>"))

    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert page.find("iframe") is None
    assert (
        page.select_one(".embed__title").get_text()
        == '"><script>alert(1)</script></figure><iframe src=x>'
    )


def typed(provider, url, video_id="dQw4w9WgXcQ"):
    return (
        f'<figure class="embed" data-embed="{provider}" data-url="{url}" data-id="{video_id}">'
        '<a href="https://a.vn">Tin</a></figure>'
    )


@pytest.mark.parametrize(
    "figure",
    [
        typed("youtube", "javascript:alert(1)"),
        typed("youtube", X),
        typed("youtube", YOUTUBE, "x&quot; onload=&quot;alert(1)"),
        typed("vimeo", "https://vimeo.com/1"),
        typed("youtube", "https://[www.youtube.com/watch?v=dQw4w9WgXcQ"),
    ],
    ids=[
        "javascript-url",
        "url-of-another-provider",
        "bad-video-id",
        "provider-not-allowed",
        "not-a-url",
    ],
)
def test_an_embed_figure_typed_by_hand_that_does_not_check_out_stays_a_link(
    site, story, reader, figure
):
    response, page = read(reader, story(figure))

    assert page.select_one("[data-embed-frame], [data-embed-script]") is None
    assert "embeds/embeds.js" not in response.content.decode()
    assert "https://a.vn" in [a.get("href") for a in page.find_all("a")]


def directives(response):
    header = response.headers["Content-Security-Policy"]
    return {
        part.split()[0]: part.split()[1:] for part in (p.strip() for p in header.split(";")) if part
    }


def test_the_policy_lists_exactly_the_embed_providers(site, story, reader, settings, reader_caches):
    response, _page = read(reader, story(f"<p>{YOUTUBE}</p>"))

    policy = directives(response)
    assert policy["frame-src"] == ["'self'", *settings.EMBED_FRAME_HOSTS]
    assert policy["script-src"] == ["'self'", *settings.EMBED_SCRIPT_HOSTS]
    assert "https://www.youtube-nocookie.com" in policy["frame-src"]
    assert "https://i.ytimg.com" in policy["img-src"]


def test_each_script_and_frame_we_name_is_allowed_by_the_policy(settings):
    from embeds.providers import SITES, YOUTUBE_FRAME

    origin = re.compile(r"^https://[^/]+")
    for site in SITES.values():
        if site.script:
            assert origin.match(site.script)[0] in settings.EMBED_SCRIPT_HOSTS
    assert origin.match(YOUTUBE_FRAME)[0] in settings.EMBED_FRAME_HOSTS


def test_a_hand_typed_picture_address_that_is_no_url_is_left_out(site, story, reader):
    figure = (
        f'<figure class="embed" data-embed="youtube" data-url="{YOUTUBE}" data-id="dQw4w9WgXcQ"'
        ' data-thumbnail="https://[i.ytimg.com/x.jpg"><a href="https://a.vn">Tin</a></figure>'
    )

    _response, page = read(reader, story(figure))

    assert page.select_one(".embed__facade img") is None
