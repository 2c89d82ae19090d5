"""The checks a story must pass before it is handed in or published, each problem filed
under the form field where the reporter fixes it.

``publication_problems(article)`` is the one place these rules live: the workflow gates
hand-in and publishing on it, the admin shows its answer next to the fields, and the
"check before handing in" button asks for it on the unsaved form."""

import posixpath
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from newsroom.html import media_name, strip_tags

# The limits, in one place.
TITLE_MIN_CHARS = 10
TITLE_MAX_CHARS = 120
BODY_MIN_WORDS = 50

# Where a problem with no field of its own is filed (Django's name for "the whole form").
WHOLE_STORY = "__all__"


def publication_problems(article, body=None, featured_image=None, images=None):
    """``{field_name: [message, …]}``: what stands between ``article`` and publication,
    as sentences the reporter can act on; empty when the story is ready.

    ``body`` is the body to check when it differs from the article's (the form checks it
    as it will be stored); ``images`` maps a body image's media name to its library
    record, so the alt text an editor gave in the library counts as well."""
    body = article.body if body is None else body
    featured = article.featured_image if featured_image is None else featured_image
    problems = {}

    def add(field, message):
        problems.setdefault(field, []).append(message)

    title = article.title.strip()
    if not title:
        add("title", _("The story has no title."))
    elif len(title) < TITLE_MIN_CHARS:
        add(
            "title",
            _("The title is too short (%(length)s characters; at least %(limit)s).")
            % {"length": len(title), "limit": TITLE_MIN_CHARS},
        )
    elif len(title) > TITLE_MAX_CHARS:
        add(
            "title",
            _("The title is too long (%(length)s characters; at most %(limit)s).")
            % {"length": len(title), "limit": TITLE_MAX_CHARS},
        )
    if not article.section_id:
        add("section", _("Choose a section."))
    if not article.lead.strip():
        add("lead", _("Write a lead (sapo)."))
    words = len(strip_tags(body).split())
    if words < BODY_MIN_WORDS:
        add(
            "body",
            ngettext(
                "The body is too short (%(count)s word; at least %(limit)s).",
                "The body is too short (%(count)s words; at least %(limit)s).",
                words,
            )
            % {"count": words, "limit": BODY_MIN_WORDS},
        )
    if featured is not None and not featured.alt_text.strip():
        add("featured_image", _("The featured image has no alt text."))
    read = read_body(body)
    if images is None:
        images = _library_records(read.images)
    for photo in read.images:
        record = images.get(media_name(photo.src) or "")
        if not photo.alt and not (record and record.alt_text.strip()):
            add(
                "body",
                _("The photo “%(name)s” in the body has no alt text.")
                % {"name": photo.name(record)},
            )
    for href in read.links:
        if not internal_link_works(href):
            add(
                "body",
                _("The link to %(address)s leads to no page of the site.") % {"address": href},
            )
    if article.is_republished and not article.source_id:
        add("source", _("The story is marked as taken from another outlet: choose its source."))
    return problems


def problem_list(problems):
    """The messages of ``publication_problems`` in one flat list, field by field."""
    return [message for messages in problems.values() for message in messages]


# Reading the body


class Photo:
    def __init__(self, src, alt, caption=""):
        self.src, self.alt, self.caption = src, alt, caption

    def name(self, record=None):
        """What the reporter calls the photo: its caption, else its file's name."""
        caption = self.caption or (record.caption.strip() if record else "")
        if caption:
            return caption if len(caption) <= 60 else caption[:59] + "…"
        return posixpath.basename(urlsplit(self.src).path) or self.src[:60]


class _BodyReader(HTMLParser):
    """The photos (with the caption of their figure) and the link addresses of a body."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.images, self.links = [], []
        self._figure = []  # photos of the open <figure>
        self._caption = None
        self._credit = 0  # depth inside the caption's credit, which is not its name

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            photo = Photo(attrs.get("src") or "", (attrs.get("alt") or "").strip())
            self.images.append(photo)
            self._figure.append(photo)
        elif tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"].strip())
        elif tag == "figure":
            self._figure = []
        elif tag == "figcaption":
            self._caption = []
        elif (
            tag == "span"
            and self._caption is not None
            and (self._credit or "credit" in (attrs.get("class") or "").split())
        ):
            self._credit += 1

    def handle_data(self, data):
        if self._caption is not None and not self._credit:
            self._caption.append(data)

    def handle_endtag(self, tag):
        if tag == "span" and self._credit:
            self._credit -= 1
        elif tag == "figcaption" and self._caption is not None:
            self._credit = 0
            caption = " ".join("".join(self._caption).split())
            for photo in self._figure:
                photo.caption = photo.caption or caption
            self._caption = None
        elif tag == "figure":
            self._figure = []


def read_body(html):
    reader = _BodyReader()
    reader.feed(html or "")
    reader.close()
    return reader


def _library_records(photos):
    from images.models import Image

    names = [n for n in (media_name(photo.src) for photo in photos) if n]
    return Image.objects.by_media_name(names) if names else {}


# Links inside the site


def _our_hosts():
    hosts = {h.lower() for h in settings.ALLOWED_HOSTS if h and not h.startswith(".")}
    hosts.discard("*")
    site = urlsplit(settings.SITE_URL).hostname
    if site:
        hosts.add(site.lower())
    return hosts


def internal_link_works(href):
    """False for a link to our own site (relative, or to one of our hosts) that opens no
    public page; True for anything else, outside links included (not fetched)."""
    parts = urlsplit(href)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return True  # mailto:, tel:
    if parts.netloc and (parts.hostname or "").lower() not in _our_hosts():
        return True
    if not parts.netloc and not parts.path.startswith("/"):
        return True  # "#note" or a page-relative address: nothing to resolve
    path = unquote(parts.path or "/")
    if path.startswith((settings.MEDIA_URL, settings.STATIC_URL)):
        return True
    if path.startswith(reverse("admin:index")):
        return False  # the desk's pages (and its uploads, accounts): not for readers
    try:
        match = resolve(path)
    except Resolver404:
        return False
    check = _PUBLIC_PAGES.get(match.view_name)
    if check is not None:
        return check(**match.kwargs)
    return match.view_name not in _NOT_FOR_READERS


def _story(slug, pk):
    from .models import Article

    return Article.objects.public().filter(pk=pk).exists()


def _section(path):
    from .navigation import section_tree

    return section_tree().find(path)[0] is not None


def _tag(slug):
    from taggit.models import Tag

    from .models import Article

    tag = Tag.objects.filter(slug=slug).first()
    return tag is not None and Article.objects.public().tagged(tag).exists()


def _author(username):
    from .models import Article

    return Article.objects.public().filter(authors__username=username).exists()


_PUBLIC_PAGES = {
    "articles:detail": _story,
    "articles:section": _section,
    "articles:tag": _tag,
    "articles:author": _author,
}
# Addresses that answer but that a reader cannot open.
_NOT_FOR_READERS = {"articles:preview", "articles:signed-preview", "articles:count-view"}
