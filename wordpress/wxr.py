"""Reading a WordPress export (WXR 1.0–1.2, what Tools → Export writes), streaming.

``read_catalogue(path)`` reads the whole file once for what posts refer to (the site,
authors, categories, tags, attachments) and counts the items; ``posts(path)`` then yields
every other item one at a time, its comments with it. Neither holds more than one item's
elements in memory, so a 10,000-post archive reads like a 10-post one.

Only the standard library parses it. An export never has a document type declaration: a
file with one is refused before parsing, so no entity (a "billion laughs" bomb, an external
file) is ever expanded. The control characters WordPress writes unescaped (a vertical tab
pasted from Word), which no XML parser accepts, are dropped as the bytes are read: no byte
of a multi-byte UTF-8 character is one of them."""

import datetime
import html
import re
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from urllib.parse import unquote

from django.utils.translation import gettext as _

WP_NAMESPACE = re.compile(r"^\{http://wordpress\.org/export/1\.\d+/(excerpt/)?\}")
NAMESPACES = {
    "{http://purl.org/rss/1.0/modules/content/}": "content:",
    "{http://purl.org/dc/elements/1.1/}": "dc:",
    "{http://wellformedweb.org/CommentAPI/}": "wfw:",
}
# C0 controls but tab, newline and carriage return: invalid anywhere in XML 1.0.
CONTROL_BYTES = bytes([*range(0, 9), 11, 12, *range(14, 32)])
# How far into the file the root element must start; a document type declaration would be
# before it.
PROLOG_LIMIT = 64 * 1024
NO_DATE = "0000-00-00 00:00:00"


class ExportError(Exception):
    """The file is not a WordPress export we can read; nothing was imported."""


@dataclass
class Author:
    login: str
    email: str = ""
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""


@dataclass
class Category:
    slug: str
    name: str
    parent: str = ""  # the parent's slug
    description: str = ""


@dataclass
class Attachment:
    id: int
    url: str
    file: str = ""  # its path under wp-content/uploads (``_wp_attached_file``)
    parent: int = 0
    order: int = 0
    title: str = ""
    caption: str = ""
    alt: str = ""
    creator: str = ""


@dataclass
class Comment:
    id: int
    author: str
    email: str
    url: str
    ip: str
    date: datetime.datetime | None
    content: str
    approved: str  # "1", "0", "spam", "trash"
    type: str  # "" or "comment", "pingback", "trackback"
    parent: int = 0

    @property
    def is_approved_comment(self):
        """A reader's comment a moderator had approved: what readers saw under the post."""
        return self.approved == "1" and self.type in {"", "comment"}


@dataclass
class Post:
    id: int
    type: str
    status: str
    title: str = ""
    link: str = ""
    guid: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    slug: str = ""
    password: str = ""
    date: datetime.datetime | None = None  # UTC, None when WordPress has none
    local_date: datetime.datetime | None = None  # naive, the site's own time
    modified: datetime.datetime | None = None  # UTC
    parent: int = 0
    sticky: bool = False
    categories: list = field(default_factory=list)  # [(slug, name)]
    tags: list = field(default_factory=list)  # [(slug, name)]
    meta: dict = field(default_factory=dict)
    comments: list = field(default_factory=list)

    @property
    def label(self):
        """How the summary names it."""
        return f"#{self.id} “{self.title[:60]}”" if self.title else f"#{self.id}"


@dataclass
class Catalogue:
    """What posts refer to, read before any post is imported."""

    site_url: str = ""
    blog_url: str = ""
    title: str = ""
    wxr_version: str = ""
    authors: dict = field(default_factory=dict)  # login → Author
    categories: list = field(default_factory=list)
    tags: list = field(default_factory=list)  # [(slug, name)]
    attachments: dict = field(default_factory=dict)  # id → Attachment
    items: dict = field(default_factory=dict)  # post type → count

    @property
    def source(self):
        """Which WordPress site these ids are of (two sites' post 12 are not the same)."""
        return (self.blog_url or self.site_url).rstrip("/").lower()

    @property
    def post_count(self):
        return self.items.get("post", 0)


class _CleanBytes:
    """A binary file that reads without XML-invalid control bytes."""

    def __init__(self, raw):
        self.raw = raw

    def read(self, size=-1):
        return self.raw.read(size).translate(None, CONTROL_BYTES)


def _short(tag):
    """``{http://wordpress.org/export/1.2/}post_id`` → ``wp:post_id``."""
    if tag[0] != "{":
        return tag
    match = WP_NAMESPACE.match(tag)
    if match:
        prefix = "excerpt:" if match.group(1) else "wp:"
        return prefix + tag[match.end() :]
    namespace, _brace, name = tag.partition("}")
    return NAMESPACES.get(namespace + "}", namespace + "}") + name


def check_prolog(path):
    """Refuse a file whose prolog declares a document type (and so could declare
    entities), or that does not start like an XML document at all."""
    with open(path, "rb") as raw:
        head = raw.read(PROLOG_LIMIT)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ExportError(_("The file is not in UTF-8, as WordPress exports are."))
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    position = 0
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        rest = text[position:]
        if rest[:1] == "<" and rest[1:2].isalpha():
            return
        if rest.startswith("<!--"):
            end, closing = rest.find("-->"), 3
        elif rest.startswith("<?"):
            end, closing = rest.find("?>"), 2
        elif rest.startswith("<!"):
            raise ExportError(
                _(
                    "The file declares a document type, which a WordPress export never "
                    "does; it was not read (it could make the reader expand entities)."
                )
            )
        else:
            end = -1
        if end < 0:
            raise ExportError(_("The file is not an XML document."))
        position += end + closing


def _parse(path):
    """``(event, element)`` pairs of the whole file; a broken file raises ExportError."""
    check_prolog(path)
    with open(path, "rb") as raw:
        try:
            # check_prolog refused any document type declaration: no entity to expand.
            yield from ET.iterparse(_CleanBytes(raw), events=("start", "end"))  # noqa: S314
        except ET.ParseError as error:
            line, column = error.position
            raise ExportError(
                _(
                    "The file is not a complete WordPress export (XML error at line "
                    "%(line)s, column %(column)s). Export it again and check that the file "
                    "ends with </rss>."
                )
                % {"line": line, "column": column}
            ) from None


def _text(element):
    return (element.text or "").strip() if element is not None else ""


def _raw(element):
    return element.text or "" if element is not None else ""


def _int(value):
    try:
        return int(str(value).strip())
    except ValueError:
        return 0


def _date(value):
    value = (value or "").strip()
    if not value or value == NO_DATE:
        return None
    try:
        return datetime.datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None


def plain(text):
    """Text for a plain field: entities decoded, composed accents (NFC)."""
    return unicodedata.normalize("NFC", html.unescape(text or "")).strip()


def _children(element):
    """``{short tag: element}`` of the first child of each name."""
    found = {}
    for child in element:
        found.setdefault(_short(child.tag), child)
    return found


def _walk(path):
    """``("channel", element)`` for each channel-level element but items, and
    ``("item", element)`` for each item, each cleared once the caller is done with it."""
    channel = None
    depth = 0
    for event, element in _parse(path):
        if event == "start":
            depth += 1
            if depth == 2 and _short(element.tag) == "channel":
                channel = element
            continue
        depth -= 1
        if depth != 2 or channel is None:
            continue
        kind = "item" if element.tag == "item" else "channel"
        yield kind, element
        channel.remove(element)
        element.clear()


def read_catalogue(path):
    catalogue = Catalogue()
    for kind, element in _walk(path):
        tag = _short(element.tag)
        if kind == "item":
            _catalogue_item(catalogue, element)
        elif tag == "wp:wxr_version":
            catalogue.wxr_version = _text(element)
        elif tag == "wp:base_site_url":
            catalogue.site_url = _text(element)
        elif tag == "wp:base_blog_url":
            catalogue.blog_url = _text(element)
        elif tag == "link" and not catalogue.site_url:
            catalogue.site_url = _text(element)
        elif tag == "title":
            catalogue.title = plain(_text(element))
        elif tag == "wp:author":
            fields = _children(element)
            login = _text(fields.get("wp:author_login"))
            if login:
                catalogue.authors[login] = Author(
                    login=login,
                    email=_text(fields.get("wp:author_email")),
                    display_name=plain(_text(fields.get("wp:author_display_name"))),
                    first_name=plain(_text(fields.get("wp:author_first_name"))),
                    last_name=plain(_text(fields.get("wp:author_last_name"))),
                )
        elif tag == "wp:category":
            fields = _children(element)
            slug = _text(fields.get("wp:category_nicename"))
            if slug:
                catalogue.categories.append(
                    Category(
                        slug=slug,
                        name=plain(_text(fields.get("wp:cat_name"))) or unquote(slug),
                        parent=_text(fields.get("wp:category_parent")),
                        description=plain(_text(fields.get("wp:category_description"))),
                    )
                )
        elif tag == "wp:tag":
            fields = _children(element)
            name = plain(_text(fields.get("wp:tag_name")))
            if name:
                catalogue.tags.append((_text(fields.get("wp:tag_slug")), name))
    if not catalogue.wxr_version:
        raise ExportError(_("The file is XML, but not a WordPress export (no WXR version)."))
    return catalogue


def _meta(element):
    meta = {}
    for child in element:
        if _short(child.tag) == "wp:postmeta":
            fields = _children(child)
            meta[_text(fields.get("wp:meta_key"))] = _raw(fields.get("wp:meta_value"))
    return meta


def _catalogue_item(catalogue, element):
    fields = _children(element)
    post_type = _text(fields.get("wp:post_type")) or "post"
    status = _text(fields.get("wp:status"))
    counted = "auto-draft" if status == "auto-draft" else post_type
    catalogue.items[counted] = catalogue.items.get(counted, 0) + 1
    if post_type != "attachment":
        return
    meta = _meta(element)
    attachment = Attachment(
        id=_int(_text(fields.get("wp:post_id"))),
        url=_text(fields.get("wp:attachment_url")) or _text(fields.get("guid")),
        file=meta.get("_wp_attached_file", "").strip(),
        parent=_int(_text(fields.get("wp:post_parent"))),
        order=_int(_text(fields.get("wp:menu_order"))),
        title=plain(_text(fields.get("title"))),
        caption=plain(_raw(fields.get("excerpt:encoded"))),
        alt=plain(meta.get("_wp_attachment_image_alt", "")),
        creator=_text(fields.get("dc:creator")),
    )
    catalogue.attachments[attachment.id] = attachment


def posts(path):
    """Every item of the export but attachments, as a ``Post``, in the file's order."""
    for kind, element in _walk(path):
        if kind != "item":
            continue
        fields = _children(element)
        post_type = _text(fields.get("wp:post_type")) or "post"
        if post_type == "attachment":
            continue
        yield _post(element, fields, post_type)


def _post(element, fields, post_type):
    local_date = _date(_text(fields.get("wp:post_date")))
    date = _date(_text(fields.get("wp:post_date_gmt")))
    modified = _date(_text(fields.get("wp:post_modified_gmt")))
    post = Post(
        id=_int(_text(fields.get("wp:post_id"))),
        type=post_type,
        status=_text(fields.get("wp:status")),
        title=_raw(fields.get("title")),
        link=_text(fields.get("link")),
        guid=_text(fields.get("guid")),
        creator=_text(fields.get("dc:creator")),
        content=_raw(fields.get("content:encoded")),
        excerpt=_raw(fields.get("excerpt:encoded")),
        slug=_text(fields.get("wp:post_name")),
        password=_raw(fields.get("wp:post_password")),
        date=date.replace(tzinfo=datetime.UTC) if date else None,
        local_date=local_date,
        modified=modified.replace(tzinfo=datetime.UTC) if modified else None,
        parent=_int(_text(fields.get("wp:post_parent"))),
        sticky=_text(fields.get("wp:is_sticky")) == "1",
        meta=_meta(element),
    )
    for child in element:
        tag = _short(child.tag)
        if tag == "category":
            pair = (child.get("nicename") or "", plain(child.text))
            if child.get("domain") == "category":
                post.categories.append(pair)
            elif child.get("domain") == "post_tag":
                post.tags.append(pair)
        elif tag == "wp:comment":
            post.comments.append(_comment(child))
    return post


def _comment(element):
    fields = _children(element)
    date = _date(_text(fields.get("wp:comment_date_gmt")))
    return Comment(
        id=_int(_text(fields.get("wp:comment_id"))),
        author=plain(_text(fields.get("wp:comment_author"))),
        email=_text(fields.get("wp:comment_author_email")),
        url=_text(fields.get("wp:comment_author_url")),
        ip=_text(fields.get("wp:comment_author_IP")),
        date=date.replace(tzinfo=datetime.UTC) if date else None,
        content=_raw(fields.get("wp:comment_content")),
        approved=_text(fields.get("wp:comment_approved")),
        type=_text(fields.get("wp:comment_type")),
        parent=_int(_text(fields.get("wp:comment_parent"))),
    )
