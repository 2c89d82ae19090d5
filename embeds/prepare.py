"""At save time: a provider's URL on a line of its own becomes an embed, kept in the body
as data (``<figure class="embed" data-embed="youtube" data-url=… data-title=…>``) with a
plain link inside for every place that shows the body as it is stored (feeds, search)."""

import logging

from bs4 import BeautifulSoup, NavigableString, Tag
from micawber.parsers import standalone_url_re

from newsroom.html import BLOCKS

from .providers import look_up

logger = logging.getLogger(__name__)


def standalone_url(paragraph):
    """The URL a paragraph holds and nothing else (as text, or as a link whose text is the
    URL, which is what the editor makes of a paste), or None."""
    children = [
        child
        for child in paragraph.children
        if not (isinstance(child, NavigableString) and not child.strip())
    ]
    if len(children) != 1:
        return None
    child = children[0]
    if isinstance(child, Tag):
        if child.name != "a" or any(isinstance(c, Tag) for c in child.children):
            return None
        text = child.get_text().strip()
        return text if child.get("href", "").strip() == text and _is_url(text) else None
    text = str(child).strip()
    return text if _is_url(text) else None


def _is_url(text):
    return bool(standalone_url_re.match(text))


def _figure(soup, embed):
    attrs = {"class": "embed", BLOCKS["embed"]: embed.site.name}
    attrs["data-url"] = embed.url
    for name in ("title", "thumbnail", "id"):
        if getattr(embed, name):
            attrs[f"data-{name}"] = getattr(embed, name)
    figure = soup.new_tag("figure", attrs=attrs)
    link = soup.new_tag("a", href=embed.url)
    link.string = embed.title or embed.url
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
        for paragraph in soup.find_all("p", recursive=False):
            url = standalone_url(paragraph)
            if url:
                lines.setdefault(url, []).append(paragraph)
        if not lines:
            return html
        embeds = look_up(lines)
        for url, paragraphs in lines.items():
            for paragraph in paragraphs:
                # What no provider of ours answered for stays a plain link.
                paragraph.replace_with(
                    _figure(soup, embeds[url]) if url in embeds else _link(soup, url)
                )
        return str(soup)
    except Exception:  # noqa: BLE001 - saving a story never fails because of an embed
        logger.exception("Embeds: the body was left as typed")
        return html
