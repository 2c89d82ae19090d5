"""Galleries as readers see them: each body block ``<figure class="gallery"
data-gallery="ID"></figure>`` becomes the gallery's own markup (``renders_body``), a
story's main gallery comes first in its body, and the story's JSON-LD lists their photos.

A story's galleries (those of its blocks and its main one) are read in two queries
whatever their number and the number of their photos, and kept per story for readers'
pages until a gallery changes (the ``galleries`` tag). A block whose gallery is missing,
empty or whose id is not a number shows nothing."""

import hashlib
import re

from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string

from articles.seo import absolute_url
from images.renditions import og_rendition
from newsroom import caching

from .models import Gallery, StoryGallery

TAGS = ["galleries"]
DAY = 24 * 3600
# More blocks than this in one body are shown as nothing: a body is not a photo archive.
MAX_BLOCKS = 20
SIZES = "(max-width: 700px) 100vw, 700px"

# The body was cleaned by Article.save (nh3 writes attributes with double quotes) and
# ``newsroom.html`` keeps only ``class`` and ``data-gallery`` on a figure. A block is any
# figure that says it is a gallery, whatever it holds (an editor may leave a paragraph in it).
_FIGURE = re.compile(r"<figure\b([^>]*)>(.*?)</figure>", re.DOTALL)
_ID = re.compile(r'\bdata-gallery="([^"]*)"')
_GALLERY_CLASS = re.compile(r'\bclass="(?:[^"]*\s)?gallery(?:\s[^"]*)?"')


def _block_id(attributes):
    """The gallery id a figure's attributes name; ``None`` when it is no gallery block,
    0 when it is one without a usable id."""
    found = _ID.search(attributes)
    if found is None:
        return 0 if _GALLERY_CLASS.search(attributes) else None
    value = found.group(1).strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 9 else 0


def block_ids(html):
    """The ids of the galleries ``html``'s blocks show, in order, each once."""
    ids = []
    for match in _FIGURE.finditer(html or ""):
        pk = _block_id(match.group(1))
        if pk and pk not in ids:
            ids.append(pk)
    return ids[:MAX_BLOCKS]


def _read(story_pk, ids):
    """``(main gallery or None, {id: gallery})``, each with its photos."""
    main = StoryGallery.objects.filter(story_id=story_pk)
    galleries = list(
        Gallery.objects.filter(Q(pk__in=ids) | Q(pk__in=main.values("gallery_id")))
        .annotate(is_main=Exists(main.filter(gallery=OuterRef("pk"))))
        .with_images()
    )
    return (
        next((gallery for gallery in galleries if gallery.is_main), None),
        {gallery.pk: gallery for gallery in galleries},
    )


def of_story(article):
    """The story's main gallery and the galleries its body shows, read once per request
    (the story and its JSON-LD both ask: the same instance of the story) and kept for
    readers' pages under the ids its body names."""
    known = article.__dict__.get("_galleries")
    if known is None:
        ids = block_ids(article.body)
        named = hashlib.md5(",".join(map(str, ids)).encode(), usedforsecurity=False).hexdigest()
        known = article.__dict__["_galleries"] = caching.remember(
            f"galleries:{article.pk}:{named}",
            lambda: _read(article.pk, ids),
            tags=TAGS,
            ttl=DAY,
            readers_only=True,
        )
    return known


def render_gallery(gallery, number, main=False):
    """A gallery's markup (``galleries/gallery.html``): nothing for a missing or empty one."""
    items = list(gallery.items.all()) if gallery is not None else []
    if not items:
        return ""
    return render_to_string(
        "galleries/gallery.html",
        {
            "gallery": gallery,
            "items": items,
            "dom_id": f"thu-vien-{gallery.pk}-{number}",
            "main": main,
            "sizes": SIZES,
        },
    ).strip()


def render_blocks(html, article):
    """The ``renders_body`` hook: the main gallery first, each block as its gallery."""
    has_blocks = "<figure" in html
    main, by_id = of_story(article)
    if main is None and not has_blocks:
        return html
    counter = iter(range(1, MAX_BLOCKS + 3))
    shown = [0]

    def block(match):
        pk = _block_id(match.group(1))
        if pk is None:
            return match.group(0)
        shown[0] += 1
        if not pk or shown[0] > MAX_BLOCKS:
            return ""
        return render_gallery(by_id.get(pk), next(counter))

    body = _FIGURE.sub(block, html) if has_blocks else html
    if main is not None:
        body = render_gallery(main, next(counter), main=True) + body
    return body


def _image_object(item, request):
    rendition = og_rendition(item.image)
    if rendition is None:  # no public address points at an original
        return None
    shown = {
        "@type": "ImageObject",
        "url": absolute_url(rendition.file.url, request),
        "width": rendition.width,
        "height": rendition.height,
    }
    if item.shown_caption:
        shown["caption"] = item.shown_caption
    if item.image.credit:
        shown["creditText"] = item.image.credit
    return shown


def add_images_to_json_ld(article, json_ld, request):
    """The story's JSON-LD ``image`` lists every photo of its galleries (after its featured
    photo), each once."""
    main, by_id = of_story(article)
    ids = block_ids(article.body)
    galleries = [main] if main is not None else []
    galleries += [by_id[pk] for pk in ids if pk in by_id and (main is None or pk != main.pk)]
    images = json_ld.get("image", [])
    seen = {image["url"] for image in images}
    for gallery in galleries:
        for item in gallery.items.all():
            shown = _image_object(item, request)
            if shown is not None and shown["url"] not in seen:
                seen.add(shown["url"])
                images.append(shown)
    if images:
        json_ld["image"] = images
