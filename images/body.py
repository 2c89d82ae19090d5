"""Library photos in a story's body.

A body photo is written ``<figure class="image"><img src="…" alt="…" data-image="ID">
<figcaption>caption <span class="credit">credit</span></figcaption></figure>``: ``src`` is
one of the image's renditions (what the editor shows), ``data-image`` its library record.

- ``link(html)`` runs before a story's body is cleaned (``articles.body.prepares_body``,
  registered in ``articles.apps``): it sets ``data-image`` from ``src`` (the record whose
  original or rendition is stored there), drops a ``data-image`` that names no such record,
  and gives a record that has no alt text, caption or credit yet the ones the reporter
  typed in the body. It never raises for bad input.
- ``render(html)`` turns each library photo into the same ``<picture>`` as the featured
  image and completes its ``figcaption`` from the record (caption, then the credit) when
  the body does not say it: the reporter's own caption for this use wins, the credit is
  always shown."""

import re
from html import escape
from html.parser import HTMLParser
from typing import NamedTuple

from django.db.models import Q
from django.template.loader import get_template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from newsroom.html import media_name

CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# As images/figcaption.html writes it between a caption and its credit.
CREDIT_SEP = mark_safe(' <span class="credit-sep" aria-hidden="true">—</span> ')


class Figure:
    def __init__(self, classes):
        self.classes = classes
        self.images = []
        self.end = None  # where ``</figure>`` starts
        self.caption_end = None  # where ``</figcaption>`` starts
        self.caption, self.credit = [], []

    @property
    def caption_text(self):
        return " ".join("".join(self.caption).split())

    @property
    def credit_text(self):
        return " ".join("".join(self.credit).split())


class BodyImages(HTMLParser):
    """Where each ``<img>`` of an HTML fragment starts and ends, with its attributes and
    the ``<figure>`` it is in (its caption, its credit, where they end)."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.images, self.figures = [], []
        self._figures, self._in_caption, self._credit_depth = [], False, 0
        self._line_starts = [0]
        for index, char in enumerate(html):
            if char == "\n":
                self._line_starts.append(index + 1)
        self.feed(html)
        self.close()

    def _position(self):
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        figure = self._figures[-1] if self._figures else None
        if tag == "img":
            start = self._position()
            image = (start, start + len(self.get_starttag_text()), attrs, figure)
            self.images.append(image)
            if figure is not None:
                figure.images.append(image)
        elif tag == "figure":
            figure = Figure(set((attrs.get("class") or "").split()))
            self.figures.append(figure)
            self._figures.append(figure)
        elif tag == "figcaption" and figure is not None:
            self._in_caption = True
        elif (tag == "span" and self._in_caption) and (
            self._credit_depth or "credit" in (attrs.get("class") or "").split()
        ):
            self._credit_depth += 1

    def handle_endtag(self, tag):
        if tag == "figure" and self._figures:
            self._figures.pop().end = self._position()
        elif tag == "figcaption" and self._in_caption:
            self._in_caption, self._credit_depth = False, 0
            self._figures[-1].caption_end = self._position()
        elif tag == "span" and self._credit_depth:
            self._credit_depth -= 1

    def handle_data(self, data):
        if self._in_caption and self._figures:
            figure = self._figures[-1]
            (figure.credit if self._credit_depth else figure.caption).append(data)


def _edited(html, edits):
    """``html`` with each ``(start, end, text)`` of ``edits`` put in place of its span."""
    pieces, position = [], 0
    for start, end, text in sorted(edits, key=lambda edit: (edit[0], edit[1])):
        pieces += [html[position:start], text]
        position = end
    pieces.append(html[position:])
    return "".join(pieces)


def _image_id(attrs):
    value = (attrs.get("data-image") or "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None


def _start_tag(attrs):
    shown = "".join(f' {name}="{escape(value or "", quote=True)}"' for name, value in attrs.items())
    return f"<img{shown}>"


def _field_value(text, field):
    return CONTROL.sub("", " ".join(text.split()))[: field.max_length]


# Preparing a body (before it is cleaned and saved)


def link(html):
    """``html`` with each library photo's ``data-image`` set from its ``src``."""
    return linked(html).html


class Linked(NamedTuple):
    html: str
    linked: int = 0  # photos given (or corrected to) their record's id
    outside: int = 0  # photos the library does not hold


def linked(html, complete=True):
    """``link``, saying how many photos it linked and how many are not library photos;
    ``complete=False`` leaves the records as they are (a dry run)."""
    from .models import Image

    if not html or "<img" not in html:
        return Linked(html)
    found = BodyImages(html)
    if not found.images:
        return Linked(html)
    names = {media_name(attrs.get("src") or "") for _s, _e, attrs, _f in found.images} - {None}
    by_name = Image.objects.by_media_name(names) if names else {}
    edits, outside = [], 0
    for start, end, attrs, _figure in found.images:
        image = by_name.get(media_name(attrs.get("src") or ""))
        outside += image is None
        wanted = str(image.pk) if image else None
        if attrs.get("data-image") == wanted:
            continue
        attrs = {name: value for name, value in attrs.items() if name != "data-image"}
        if wanted:
            attrs["data-image"] = wanted
        edits.append((start, end, _start_tag(attrs)))
    if complete:
        _complete_records(found, by_name)
    return Linked(_edited(html, edits), len(edits), outside)


def _complete_records(found, by_name):
    """Give each record the alt text, caption and credit typed in the body, where the
    library has none yet: the library then shows, and finds, what the story says."""
    from .models import Image

    for _start, _end, attrs, figure in found.images:
        image = by_name.get(media_name(attrs.get("src") or ""))
        if image is None:
            continue
        typed = {"alt_text": attrs.get("alt") or ""}
        if figure is not None and len(figure.images) == 1:
            typed.update(caption=figure.caption_text, credit=figure.credit_text)
        changed = []
        for name, text in typed.items():
            value = _field_value(text, Image._meta.get_field(name))
            if value and not getattr(image, name):
                setattr(image, name, value)
                changed.append(name)
        if changed:
            image.save(update_fields=changed)


# Rendering a body for readers


def figcaption(caption, credit):
    """The caption under a photo, as the featured image's and the body's photos show it."""
    return (
        get_template("images/figcaption.html")
        .render({"caption": caption, "credit": credit})
        .strip()
    )


def library_images(html, tags):
    """``{(id or name): image}`` for every ``<img>`` of ``tags`` that shows a library
    image, with its renditions, in one query."""
    from .models import Image, Rendition

    ids = {_image_id(attrs) for _s, _e, attrs, _f in tags} - {None}
    names = {media_name(attrs.get("src") or "") for _s, _e, attrs, _f in tags} - {None}
    if not ids and not names:
        return {}
    shown = Image.objects.shown_at(names).values("pk")
    images, found = {}, {}
    for rendition in Rendition.objects.filter(
        Q(image__in=shown) | Q(image_id__in=ids)
    ).select_related("image"):
        image = images.setdefault(rendition.image_id, rendition.image)
        image._body_renditions = [*getattr(image, "_body_renditions", []), rendition]
        found[rendition.file.name] = image
    for image in images.values():
        found[image.pk] = found[image.file.name] = image
    return found


def render(html, render_picture, sizes):
    """``html`` (cleaned) with each library photo shown as ``render_picture`` makes it,
    and its figure's caption completed from the record."""
    found = BodyImages(html)
    if not found.images:
        return html
    images = library_images(html, found.images)
    if not images:
        return html
    edits, captioned = [], set()
    for start, end, attrs, figure in found.images:
        image = images.get(_image_id(attrs)) or images.get(media_name(attrs.get("src") or ""))
        if image is None:
            continue
        alt = (attrs.get("alt") or "").strip() or image.alt_text
        picture = render_picture(image, sizes=sizes, alt=alt, renditions=image._body_renditions)
        edits.append((start, end, picture))
        if figure is None or id(figure) in captioned or figure.end is None:
            continue
        captioned.add(id(figure))
        if figure.caption_end is None:
            if image.caption or image.credit:
                edits.append((figure.end, figure.end, figcaption(image.caption, image.credit)))
        elif image.credit and not figure.credit_text:
            sep = CREDIT_SEP if figure.caption_text else ""
            credit = format_html('{}<span class="credit">{}</span>', sep, image.credit)
            edits.append((figure.caption_end, figure.caption_end, credit))
    return _edited(html, edits)
