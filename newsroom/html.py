"""The rich-text allow-list: every stored body goes through ``sanitize`` on save; and what
is read back out of a stored body: its text, its images, and which of them live in our
media storage."""

import re
from html.parser import HTMLParser

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_BODY_LENGTH = 300_000
MAX_NESTING_DEPTH = 40

ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "figure",
    "figcaption",
    "img",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "hr",
    # Library photos (issue 14): the credit inside a photo's figcaption.
    "span",
}
# Blocks other apps make (``articles.body.prepares_body``) and render for readers
# (``renders_body``): ``<figure class="embed" data-embed="12"></figure>``, the record's id
# being all that is stored. The sanitiser keeps the attribute, the renderer checks the id.
BLOCKS = {"embed": "data-embed", "gallery": "data-gallery"}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "figure": set(BLOCKS.values()),
    # data-image: the image-library record a body photo is (its id).
    "img": {"src", "alt", "width", "height", "data-image"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
# Embeds (issue 14, embeds app): what a provider's oEmbed answer left us, kept as data.
ALLOWED_ATTRIBUTES["figure"] |= {"data-url", "data-title", "data-thumbnail", "data-id"}
ALLOWED_CLASSES = {
    "figure": {"image", "table", "image-style-side", *BLOCKS},
    # Library photos (issue 14): ``<figcaption>caption <span class="credit">credit</span>``.
    "span": {"credit"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

_VOID = {
    "br",
    "hr",
    "img",
    "meta",
    "link",
    "input",
    "source",
    "wbr",
    "area",
    "col",
    "embed",
    "param",
    "track",
    "base",
}


class _DepthMeter(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.deepest = 0

    def handle_starttag(self, tag, attrs):
        if tag not in _VOID:
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)

    def handle_endtag(self, tag):
        if tag not in _VOID:
            self.depth = max(0, self.depth - 1)


def nesting_depth(html):
    meter = _DepthMeter()
    meter.feed(html)
    meter.close()
    return meter.deepest


def validate_rich_text(html):
    """Refuse bodies a sanitiser would be slow on, before sanitising them."""
    if not html:
        return
    if len(html) > MAX_BODY_LENGTH:
        raise ValidationError(
            _("The body is too long (%(length)s characters; the limit is %(limit)s)."),
            code="too_long",
            params={"length": len(html), "limit": MAX_BODY_LENGTH},
        )
    if nesting_depth(html) > MAX_NESTING_DEPTH:
        raise ValidationError(
            _("The body's formatting is nested too deeply (more than %(limit)s levels)."),
            code="too_deep",
            params={"limit": MAX_NESTING_DEPTH},
        )


def sanitize(html):
    """Keep only the tags, attributes and URL schemes a news story needs."""
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.images = [], []

    def handle_data(self, data):
        self.text.append(data)

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            attrs = dict(attrs)
            self.images.append((attrs.get("src") or "", (attrs.get("alt") or "").strip()))


def _collect(html):
    collector = _Collector()
    collector.feed(html or "")
    collector.close()
    return collector


def strip_tags(html):
    return re.sub(r"\s+", " ", " ".join(_collect(html).text)).strip()


def image_sources(html):
    """``[(src, alt), …]`` for every image in a body."""
    return _collect(html).images


def media_name(src):
    """The storage name of a body image's ``src`` when it points into our media."""
    prefix = settings.MEDIA_URL
    if src.startswith(prefix):
        return src[len(prefix) :]
    return None
