"""Responsive images in templates: ``{% picture %}`` for a library image,
``|responsive_body`` for the images in a story's body and ``{% og_image %}`` for
Open Graph.

Renditions are read from the image row itself (``Image.rendition_list``), so a page of
pictures costs no query per picture."""

from django import template
from django.conf import settings
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from newsroom.html import sanitize

from .. import body
from .. import renditions as r
from ..framing import RATIOS

register = template.Library()

DEFAULT_SIZES = "100vw"
BODY_SIZES = "(max-width: 700px) 100vw, 700px"
LOADING = {"lazy", "eager"}
FETCHPRIORITY = {"high", "low", "auto"}


def picture_context(
    image,
    *,
    sizes=DEFAULT_SIZES,
    alt=None,
    css_class="",
    loading="lazy",
    fetchpriority="",
    renditions=None,
    ratio="",
):
    """What ``images/picture.html`` needs to show ``image``; ``alt=None`` means the
    library's alt text, ``alt=""`` a decorative picture; ``ratio`` ("16:9", "1:1",
    "1.91:1") its crop around the focal point, the whole picture while the crops are
    not made yet (the page's CSS frames it the same way)."""
    found = r.candidates(image, ratio=ratio) if ratio in RATIOS else None
    if not (found and found.fallback):
        found = r.candidates(image, renditions)
    context = {
        "sizes": sizes or DEFAULT_SIZES,
        "alt": image.alt_text if alt is None else alt,
        "css_class": css_class,
        "loading": loading if loading in LOADING else "lazy",
        "fetchpriority": fetchpriority if fetchpriority in FETCHPRIORITY else "",
    }
    if not found.fallback:
        # An image without renditions (made before they existed, before
        # ``manage.py make_renditions`` ran): the original, still with its size.
        context.update(src=image.file.url, width=image.width, height=image.height)
        return context
    src = r.fallback_src(found.fallback)
    context.update(
        src=src.file.url,
        width=src.width,
        height=src.height,
        srcset=_srcset(found.fallback),
        webp_srcset=_srcset(found.webp),
    )
    return context


def _srcset(renditions):
    return ", ".join(f"{rendition.file.url} {rendition.width}w" for rendition in renditions)


def render_picture(image, **options):
    return get_template("images/picture.html").render(picture_context(image, **options)).strip()


def _renditions_key(image):
    prefetched = getattr(image, "_prefetched_objects_cache", {}).get("renditions")
    if prefetched is not None:
        return (
            tuple((r.width, r.height, r.format, r.file.name) for r in prefetched),
            repr(image.crop_list),
        )
    return repr((image.rendition_list, image.crop_list))


# Pictures already made by this process, by everything their HTML depends on: a page
# of results or of cards made afresh shows the same few hundred photos again and again.
_made = {}
MADE_AT_MOST = 4096


@register.simple_tag
def picture(
    image,
    sizes=DEFAULT_SIZES,
    alt=None,
    css_class="",
    loading="lazy",
    fetchpriority="",
    ratio="",
):
    """``{% picture article.featured_image sizes="(max-width: 700px) 100vw, 700px" %}``:
    a ``<picture>`` with WebP and JPEG/PNG srcsets, width and height; nothing for None.
    ``ratio="16:9"`` (or "1:1", "1.91:1"): the crop around the editor's focal point."""
    if not image:
        return ""
    key = (
        image.pk,
        image.file.name,
        image.width,
        image.height,
        image.alt_text,
        _renditions_key(image),
        settings.MEDIA_URL,
        sizes,
        alt,
        css_class,
        loading,
        fetchpriority,
        ratio,
    )
    made = _made.get(key)
    if made is None:
        made = render_picture(
            image,
            sizes=sizes,
            alt=alt,
            css_class=css_class,
            loading=loading,
            fetchpriority=fetchpriority,
            ratio=ratio,
        )
        # Signed addresses (a private bucket) expire: those are made every time.
        if not settings.AWS_QUERYSTRING_AUTH:
            if len(_made) >= MADE_AT_MOST:
                _made.clear()
            _made[key] = made
    # The picture template escapes every value it prints.
    return mark_safe(made)


@register.simple_tag(takes_context=True)
def og_image(context, image):
    """``{% og_image article.featured_image as og %}`` → ``og.url`` (absolute),
    ``og.width``, ``og.height``, ``og.type`` and ``og.alt``; None without an image or
    without renditions (no public address points at an original)."""
    rendition = r.og_rendition(image) if image else None
    if rendition is None:
        return None
    return {
        "url": r.og_image_url(image, context.get("request")),
        "width": rendition.width,
        "height": rendition.height,
        "type": rendition.content_type,
        "alt": image.alt_text,
    }


@register.filter
def responsive_body(html, sizes=BODY_SIZES):
    """``{{ article.body|responsive_body }}``: the body with each library image turned into
    the same ``<picture>`` as ``{% picture %}``, under the same caption and credit, in one
    query for all of them (see ``images.body``). Everything else, and images from
    elsewhere, stay exactly as they are."""
    # The body was cleaned by Article.save; cleaning it again costs little and makes this
    # filter safe on any input. The only markup added is the picture and caption
    # templates', which escape every value: that is why the result may be marked safe.
    return mark_safe(body.render(sanitize(html or ""), render_picture, sizes))
