"""A WordPress post's content as our story body, before ``Article.save`` cleans it.

WordPress stores what its editor typed: paragraphs as blank lines (its ``wpautop`` adds the
``<p>`` when it shows a post), shortcodes for photos with captions, galleries and embeds,
and whatever HTML was pasted. Here:

- ``[caption]<img …> text[/caption]`` becomes ``<figure class="image"><img …>
  <figcaption>text</figcaption></figure>``;
- ``[gallery ids="…"]`` (or ``[gallery]``: the photos attached to the post) becomes a
  library gallery and its block ``<figure class="gallery" data-gallery="ID"></figure>``;
- ``[embed]URL[/embed]`` becomes the URL on a paragraph of its own, which the embeds app
  turns into an embed when the story is saved, as it does a URL an editor pastes;
- another shortcode with attributes or a closing tag (a contact form, a plugin's player)
  is taken out, its inner text kept, and named in the summary; a bracketed word
  (``[Video]``) is text and stays;
- every ``<img>`` becomes a library photo (``data-image``) or, when its file cannot be
  found, is taken out and named in the summary; a link around it to the file goes;
- a link to another page of the old site becomes a path on this one, where the old
  addresses answer.

What is left (scripts, styles, frames, event attributes, broken nesting) is the sanitiser's:
``Article.save`` cleans every body with the same allow-list."""

import html
import re
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag

# Block-level tags: wpautop leaves a chunk that starts with one alone.
_BLOCK = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|"
    r"form|blockquote|address|math|style|script|p|h[1-6]|hr|fieldset|legend|section|"
    r"article|aside|header|footer|nav|figure|figcaption|details|summary|iframe|audio|video)"
)
_BLOCK_OPEN = re.compile(rf"(<{_BLOCK}(?=[\s/>])[^>]*>)", re.I)
_BLOCK_CLOSE = re.compile(rf"(</{_BLOCK}>)", re.I)
_STARTS_BLOCK = re.compile(rf"^</?{_BLOCK}(?=[\s/>])", re.I)
_BLANK_LINES = re.compile(r"\n\s*\n")
# A shortcode, as WordPress's get_shortcode_regex reads one: ``[[name]]`` is escaped text.
_SHORTCODE = re.compile(
    r"\[(\[?)([A-Za-z][\w-]*)(?![\w-])([^\]/]*(?:/(?!\])[^\]/]*)*?)"
    r"(?:(/)\]|\](?:(.*?)\[/\2\])?)(\]?)",
    re.S,
)
_ATTRIBUTE = re.compile(
    r"""([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)|"""
    r"""([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)|"([^"]*)"(?:\s|$)|'([^']*)'(?:\s|$)|(\S+)(?:\s|$)"""
)
_IMG = re.compile(r"(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?", re.I)
_WP_IMAGE_CLASS = re.compile(r"\bwp-image-(\d+)\b")
_IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|heic)$", re.I)
_TAGS = re.compile(r"<[^>]*>")
# Gutenberg's block markers (<!-- wp:paragraph -->) and any other comment: the allow-list
# drops them anyway, and autop must not see them as paragraphs.
_COMMENTS = re.compile(r"<!--.*?-->", re.S)
_SPACES = re.compile(r"\s+")
# WordPress's own excerpt when a post has none: its first 55 words.
EXCERPT_WORDS = 55


def shortcode_attributes(text):
    """``{name: value}`` of a shortcode's attributes, as WordPress's
    ``shortcode_parse_atts`` reads them (positional values under ``0``, ``1``…)."""
    found, position = {}, 0
    for match in _ATTRIBUTE.finditer(html.unescape(text or "").replace("\xa0", " ")):
        groups = match.groups()
        for name, value in (groups[0:2], groups[2:4], groups[4:6]):
            if name:
                found[name.lower()] = value
                break
        else:
            value = next(v for v in groups[6:] if v is not None)
            found[str(position)] = value
            position += 1
    return found


def autop(text):
    """WordPress's ``wpautop``, in short: a blank line ends a paragraph, a single line
    break is a ``<br>``, and a chunk that is already a block stays as it is."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _BLOCK_OPEN.sub(r"\n\n\1", text)
    text = _BLOCK_CLOSE.sub(r"\1\n\n", text)
    chunks = []
    for chunk in _BLANK_LINES.split(text):
        chunk = chunk.strip()
        if not chunk:
            continue
        if _STARTS_BLOCK.match(chunk):
            chunks.append(chunk)
        else:
            chunks.append("<p>" + chunk.replace("\n", "<br>\n") + "</p>")
    return "\n".join(chunks)


def plain_text(markup):
    return _SPACES.sub(" ", html.unescape(_TAGS.sub(" ", markup or ""))).strip()


def excerpt_of(body_html):
    """The lead WordPress would have shown for a post without an excerpt."""
    words = plain_text(body_html).split()
    if len(words) <= EXCERPT_WORDS:
        return " ".join(words)
    return " ".join(words[:EXCERPT_WORDS]) + "…"


class Converter:
    """Turns one post's content into a body. ``photos`` finds the library photo of an
    ``<img>`` (``photos.for_img(src, attachment_id)`` → a ``Found``); ``galleries``
    makes a gallery of attachment ids (``None``: the post's attached photos) and returns
    its id or ``None``; ``problem(text)`` notes what was left out."""

    def __init__(self, site_url, photos, galleries, problem):
        self.site_host = (urlsplit(site_url).hostname or "").lower()
        self.photos, self.galleries, self.problem = photos, galleries, problem

    def convert(self, content):
        text = _SHORTCODE.sub(self._shortcode, _COMMENTS.sub("", content or ""))
        return self._images_and_links(autop(text))

    # Shortcodes

    def _shortcode(self, match):
        escaped, name, attributes, _closing, inner, end = match.groups()
        if escaped and end:
            return match.group(0)[1:-1]  # [[caption]] is the text [caption]
        handler = {
            "caption": self._caption,
            "wp_caption": self._caption,
            "gallery": self._gallery,
            "embed": self._embed,
        }.get(name.lower())
        if handler is not None:
            return handler(shortcode_attributes(attributes), inner or "")
        if "=" not in attributes and inner is None:
            return match.group(0)  # a bracketed word, not a shortcode
        self.problem(f"[{name}]")
        return inner or ""

    def _caption(self, attributes, inner):
        image = _IMG.search(inner)
        caption = (inner[: image.start()] + inner[image.end() :]) if image else inner
        caption = caption.strip() or html.escape(attributes.get("caption", ""))
        if image is None:
            return f"\n\n<p>{caption}</p>\n\n" if caption else ""
        figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
        return f'\n\n<figure class="image">{image.group(0)}{figcaption}</figure>\n\n'

    def _gallery(self, attributes, _inner):
        ids = attributes.get("ids") or attributes.get("include") or ""
        wanted = [int(i) for i in re.findall(r"\d+", ids)] or None
        gallery_id = self.galleries(wanted)
        if gallery_id is None:
            return ""
        return f'\n\n<figure class="gallery" data-gallery="{int(gallery_id)}"></figure>\n\n'

    def _embed(self, attributes, inner):
        url = html.unescape(plain_text(inner) or attributes.get("url", "")).strip()
        if urlsplit(url).scheme not in {"http", "https"} or " " in url:
            self.problem("[embed]")
            return ""
        return f"\n\n<p>{html.escape(url)}</p>\n\n"

    # Photos and links

    def _images_and_links(self, body):
        if "<img" not in body and "<a" not in body:
            return body
        soup = BeautifulSoup(body, "html.parser")
        for img in soup.find_all("img"):
            self._photo(img)
        for link in soup.find_all("a", href=True):
            link["href"] = self._local(link["href"])
        return str(soup)

    def _photo(self, img):
        classes = " ".join(img.get("class") or [])
        number = _WP_IMAGE_CLASS.search(classes)
        found = self.photos.for_img(img.get("src") or "", int(number.group(1)) if number else None)
        wrapper = img.parent if self._links_to_file(img.parent) else None
        if found.image is None and found.dry_run:
            return
        if found.image is None:
            self._take_out(img, wrapper)
            return
        image = found.image
        alt = " ".join((img.get("alt") or "").split()) or image.alt_text
        img.attrs = {"src": image.file.url, "alt": alt, "data-image": str(image.pk)}
        if wrapper is not None:
            wrapper.unwrap()
        self._in_figure(img)

    def _links_to_file(self, parent):
        """A link around a photo to its file or its attachment page: gone with the old
        site, and the reader's page shows the photo large enough."""
        if not isinstance(parent, Tag) or parent.name != "a":
            return False
        if len([c for c in parent.contents if not (isinstance(c, str) and not c.strip())]) != 1:
            return False
        href = parent.get("href") or ""
        path = urlsplit(href).path
        return bool(
            _IMAGE_FILE.search(path) or "attachment" in href or "/wp-content/uploads/" in href
        )

    def _take_out(self, img, wrapper):
        target = wrapper or img
        figure = target.find_parent("figure")
        target.decompose()
        if figure is not None and figure.find("img") is None:
            caption = figure.find("figcaption")
            if caption is not None and caption.get_text(strip=True):
                caption.name = "p"
                figure.replace_with(caption)
            else:
                figure.decompose()

    def _in_figure(self, img):
        """A photo alone in its paragraph (or in Gutenberg's figure) is our figure."""
        parent = img.parent
        if not isinstance(parent, Tag):
            return
        if parent.name == "figure":
            parent.attrs = {"class": "image"}
            return
        alone = all(
            child is img or (isinstance(child, str) and not child.strip())
            for child in parent.contents
        )
        if parent.name == "p" and alone:
            parent.name = "figure"
            parent.attrs = {"class": "image"}

    def _local(self, href):
        """A link to the old site's page: its path here, where its old address answers."""
        try:
            parts = urlsplit(href.strip())
        except ValueError:
            return href
        if (
            not self.site_host
            or (parts.hostname or "").lower() != self.site_host
            or parts.path.startswith("/wp-content/")
        ):
            return href
        path = parts.path or "/"
        return (
            path
            + (f"?{parts.query}" if parts.query else "")
            + (f"#{parts.fragment}" if parts.fragment else "")
        )
