"""At save time: a provider's URL on a line of its own becomes an embed, kept in the body
as data (``<figure class="embed" data-embed="youtube" data-url=… data-title=…>``) with a
plain link inside for every place that shows the body as it is stored (feeds, search)."""

import logging

from bs4 import BeautifulSoup, NavigableString, Tag
from micawber.parsers import standalone_url_re

from newsroom.html import BLOCKS

from .providers import look_up

logger = logging.getLogger(__name__)


def standalone_url(block):
    """The URL a top-level block holds and nothing else, or None: a paragraph of only the
    URL, or of only a link to it (what the editor makes of a paste, and what it makes of
    a stored embed when the story is opened again); or CKEditor's own media embed
    (``<figure class="media"><oembed url="…">``), which the allow-list would empty."""
    if block.name == "figure":
        oembed = block.find("oembed")
        url = (oembed.get("url") or "").strip() if oembed else ""
        return url if _is_url(url) else None
    children = [
        child
        for child in block.children
        if not (isinstance(child, NavigableString) and not child.strip())
    ]
    if len(children) != 1:
        return None
    child = children[0]
    if isinstance(child, Tag):
        if child.name != "a" or any(isinstance(c, Tag) for c in child.children):
            return None
        url = (child.get("href") or "").strip()
    else:
        url = str(child).strip()
    return url if _is_url(url) else None


def _is_url(text):
    return bool(standalone_url_re.match(text))


def _figure(soup, embed):
    attrs = {"class": "embed", BLOCKS["embed"]: embed.site.name}
    attrs["data-url"] = embed.url
    for name in ("title", "thumbnail", "id"):
        if getattr(embed, name):
            attrs[f"data-{name}"] = getattr(embed, name)
    figure = soup.new_tag("figure", attrs=attrs)
    # The URL itself: what the editor pasted, and sees again when the story is reopened
    # (the editor keeps the link, not our figure; saving makes it the embed again).
    link = soup.new_tag("a", href=embed.url)
    link.string = embed.url
    figure.append(link)
    return figure


def _link(soup, url):
    paragraph = soup.new_tag("p")
    link = soup.new_tag("a", href=url)
    link.string = url
    paragraph.append(link)
    return paragraph


def embed_standalone_urls(html):
    """The ``prepares_body`` hook. Never raises: at worst the body stays as it was typed."""
    if not html or "http" not in html:
        return html
    try:
        soup = BeautifulSoup(html, "html.parser")
        lines = {}
        for block in soup.find_all(["p", "figure"], recursive=False):
            url = standalone_url(block)
            if url:
                lines.setdefault(url, []).append(block)
        if not lines:
            return html
        embeds = look_up(lines)
        for url, blocks in lines.items():
            for block in blocks:
                # What no provider of ours answered for stays a plain link.
                block.replace_with(
                    _figure(soup, embeds[url]) if url in embeds else _link(soup, url)
                )
        return str(soup)
    except Exception:  # noqa: BLE001 - saving a story never fails because of an embed
        logger.exception("Embeds: the body was left as typed")
        return html
