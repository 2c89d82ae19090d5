"""The providers a story may embed, and what we ask them: oEmbed through micawber's
provider registry, kept to an allow-list of five. Nothing here knows a site's URL shapes:
micawber's registry does."""

import hashlib
import logging
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from django.conf import settings
from django.core.cache import cache
from micawber.providers import Provider, ProviderRegistry, bootstrap_basic

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Site:
    name: str
    label: str
    # The provider's own script, loaded only when the reader asks (None: a facade frame).
    script: str | None = None
    # Meta's oEmbed answers only with an app token (settings.EMBED_META_TOKEN).
    needs_token: bool = False


SITES = {
    site.name: site
    for site in (
        Site("youtube", "YouTube"),
        Site(
            "facebook",
            "Facebook",
            "https://connect.facebook.net/vi_VN/sdk.js#xfbml=1&version=v21.0",
            True,
        ),
        Site("instagram", "Instagram", "https://www.instagram.com/embed.js", True),
        Site("tiktok", "TikTok", "https://www.tiktok.com/embed.js"),
        Site("x", "X", "https://platform.twitter.com/widgets.js"),
    )
}
# micawber's oEmbed endpoints we use, by host and last path segment (Meta's carry an API
# version that micawber moves on): every other provider in its registry is left out.
ENDPOINTS = {
    ("www.youtube.com", "oembed"): "youtube",
    ("graph.facebook.com", "oembed_post"): "facebook",
    ("graph.facebook.com", "oembed_video"): "facebook",
    ("graph.facebook.com", "instagram_oembed"): "instagram",
    ("www.tiktok.com", "oembed"): "tiktok",
    ("publish.x.com", "oembed"): "x",
}
YOUTUBE_FRAME = "https://www.youtube-nocookie.com/embed/"
ITEM_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
MAX_TITLE = 300
MAX_WORKERS = 4


def _split(url):
    """``urlsplit`` that answers None for what is no URL at all (``https://[``)."""
    try:
        return urlsplit(url) if isinstance(url, str) else None
    except ValueError:
        return None


def site_of(endpoint):
    parts = urlsplit(endpoint)
    return ENDPOINTS.get((parts.hostname, parts.path.rstrip("/").rsplit("/", 1)[-1]))


@lru_cache
def _registry(timeout):
    """micawber's registry, with only our providers, each asked with a short timeout."""
    ours = ProviderRegistry()
    # Iterating gives the last registered first: register in the opposite order, so that
    # the more specific patterns still win.
    for pattern, provider in reversed(list(bootstrap_basic())):
        if site_of(provider.endpoint):
            ours.register(pattern.pattern, Provider(provider.endpoint, timeout=timeout))
    return ours


def registry():
    return _registry(float(settings.EMBED_TIMEOUT))


def site_for(url):
    """The ``Site`` whose provider answers for ``url``, or None."""
    parts = _split(url)
    if parts is None or parts.scheme not in {"http", "https"}:
        return None
    provider = registry().provider_for_url(url)
    return SITES[site_of(provider.endpoint)] if provider else None


def is_facebook_video(url):
    provider = registry().provider_for_url(url)
    return bool(provider) and provider.endpoint.endswith("oembed_video")


@dataclass(frozen=True)
class Embed:
    """What we keep of a provider's answer: data only, never its HTML."""

    site: Site
    url: str
    title: str = ""
    thumbnail: str = ""
    id: str = ""


def _clean_text(value):
    text = re.sub(r"[\x00-\x1f\x7f]+", " ", str(value or "")).strip()
    return text[:MAX_TITLE]


def _thumbnail(value):
    value = str(value or "")
    parts = _split(value)
    if parts is None or parts.scheme != "https" or not parts.hostname:
        return ""
    return value if f"https://{parts.hostname}" in settings.EMBED_IMAGE_HOSTS else ""


def _frame_id(html):
    """The id in the ``src`` of the iframe a provider's answer offers (YouTube's video)."""
    frame = BeautifulSoup(str(html or ""), "html.parser").find("iframe")
    parts = _split(frame.get("src") or "") if frame else None
    return parts.path.rstrip("/").rsplit("/", 1)[-1] if parts else ""


def make_embed(site, url, title="", thumbnail="", embed_id=""):
    """An ``Embed`` when what the reader's markup needs is there and well formed (a
    YouTube video's id, a TikTok's), else None. The one check for both the provider's
    answer and a stored figure, which may have been typed by hand."""
    if site.name == "youtube" and not YOUTUBE_ID.fullmatch(embed_id):
        return None  # a playlist or a channel: a link serves better than a broken frame
    if site.name == "tiktok" and not ITEM_ID.fullmatch(embed_id):
        return None
    embed_id = embed_id if site.name in {"youtube", "tiktok"} else ""
    return Embed(site, url, _clean_text(title), _thumbnail(thumbnail), embed_id)


def embed_from_answer(site, url, answer):
    if not isinstance(answer, dict) or answer.get("type") not in {"video", "rich", "photo"}:
        return None
    title = _clean_text(answer.get("title"))
    if not title or title == url:
        title = answer.get("author_name")
    embed_id = ""
    if site.name == "youtube":
        embed_id = _frame_id(answer.get("html"))
    elif site.name == "tiktok":
        embed_id = str(answer.get("embed_product_id") or "")
    return make_embed(site, url, title, answer.get("thumbnail_url"), embed_id)


def _key(url):
    return "embeds:oembed:" + hashlib.sha256(url.encode()).hexdigest()


def look_up(urls):
    """``{url: Embed}`` for those of ``urls`` whose provider answered well; the others are
    left out. Never raises: a provider that is down, slow or odd costs one timeout. Good
    answers are kept a while (``EMBED_CACHE_SECONDS``): a story reopened in the editor
    comes back with its embeds as links, and saving it asks nobody again."""
    token = settings.EMBED_META_TOKEN

    def ask(url):
        site = site_for(url)
        if site is None or (site.needs_token and not token):
            return url, None
        params = {"access_token": token} if site.needs_token else {}
        try:
            answer = registry().provider_for_url(url).request(url, **params)
            return url, embed_from_answer(site, url, answer)
        except Exception as error:  # noqa: BLE001 - a provider's failure never stops a save
            # The class only: micawber's messages carry the endpoint, with Meta's token.
            logger.warning("oEmbed for %s failed (%s)", url, type(error).__name__)
            return url, None

    urls = list(dict.fromkeys(urls))
    kept = cache.get_many([_key(url) for url in urls])
    found = {}
    for url in urls:
        if _key(url) in kept:
            name, title, thumbnail, embed_id = kept[_key(url)]
            found[url] = make_embed(SITES[name], url, title, thumbnail, embed_id)
    asking = [url for url in urls if url not in found]
    if asking:
        with ThreadPoolExecutor(min(MAX_WORKERS, len(asking))) as pool:
            answered = {url: embed for url, embed in pool.map(ask, asking) if embed}
        cache.set_many(
            {
                _key(url): (embed.site.name, embed.title, embed.thumbnail, embed.id)
                for url, embed in answered.items()
            },
            settings.EMBED_CACHE_SECONDS,
        )
        found.update(answered)
    return {url: embed for url, embed in found.items() if embed}
