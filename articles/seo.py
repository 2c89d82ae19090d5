"""What search engines and social networks read about a page: its canonical address,
meta description, Open Graph and Twitter card tags, and a story's JSON-LD
``NewsArticle``. Built here as plain Python data; ``includes/seo_meta.html`` renders it
with a loop, and ``json_ld_script`` serialises the JSON-LD so that nothing in a title
(``</script>``, quotes) can leave the script element.

Only public stories get any of it: previews and unpublished stories are for the newsroom."""

import json
from dataclasses import dataclass, field
from urllib.parse import urljoin

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from images.renditions import og_rendition

from . import seo_limits

DESCRIPTION_LENGTH = 300
LOCALE = "vi_VN"

# As django.utils.html.json_script: inside <script>, "<", ">" and "&" become JSON escapes,
# so the serialised text can never close the element or open a comment.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def absolute_url(url, request=None):
    """``url`` (a path, or already absolute) as an absolute URL: from the request when
    there is one, else from ``settings.SITE_URL``."""
    if request is not None:
        return request.build_absolute_uri(url)
    return urljoin(settings.SITE_URL.rstrip("/") + "/", url)


def iso(moment):
    """``2021-11-15T17:44:00+07:00``: Vietnam time with its offset."""
    return timezone.localtime(moment).isoformat(timespec="seconds")


def describe(text, length=DESCRIPTION_LENGTH):
    """One line of at most ``length`` characters, for meta descriptions."""
    return Truncator(" ".join((text or "").split())).chars(length)


def json_ld_script(data):
    """``<script type="application/ld+json">`` holding ``data``, safe whatever it holds."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    # Safe: the three characters that could end the element are escaped just above.
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(_JSON_SCRIPT_ESCAPES)),
    )


@dataclass
class PageMeta:
    """``properties`` are ``<meta property>`` pairs (Open Graph), ``names`` are
    ``<meta name>`` pairs (Twitter)."""

    canonical: str
    description: str = ""
    properties: list = field(default_factory=list)
    names: list = field(default_factory=list)
    json_ld: dict | None = None

    @property
    def json_ld_script(self):
        return json_ld_script(self.json_ld) if self.json_ld else ""


def _person(user, request):
    person = {"@type": "Person", "name": user.get_full_name().strip() or user.get_username()}
    if user.is_staff:
        author_page = reverse("articles:author", args=[user.get_username()])
        person["url"] = absolute_url(author_page, request)
    return person


def _authors(article, publisher, request):
    people = [_person(user, request) for user in article.authors.all()]
    if article.byline:
        people.append({"@type": "Person", "name": article.byline})
    return people or [publisher]


# What other apps add to a story's JSON-LD (a live blog, corrections): functions
# ``(article, json_ld, request)`` that change ``json_ld`` in place, added by ``adds_to_story``
# in their ``AppConfig.ready`` (with ``parts.depends("story_meta", their_tag)``).
STORY_DATA = []


def adds_to_story(function):
    STORY_DATA.append(function)
    return function


@dataclass
class StoryTexts:
    """What a story says of itself to search engines and social networks: each of the
    editor's own texts (``Article.seo_title``…) or, when left blank, the one it stands in
    for. The admin's preview (``articles.seo_admin``) shows the same."""

    title: str
    description: str
    social_title: str
    social_description: str
    image: object  # an images.Image, or None

    @classmethod
    def of(cls, article):
        title = article.page_title
        own = describe(article.seo_description, seo_limits.SEO_DESCRIPTION.most)
        description = own or describe(article.lead)
        social = describe(article.social_description, seo_limits.SOCIAL_DESCRIPTION.most)
        return cls(
            title=title,
            description=description,
            social_title=article.social_title or title,
            social_description=social or description,
            image=article.social_image or article.featured_image,
        )


def for_article(article, site, request=None):
    """Everything the head of a public story's page says about it; ``None`` for a story
    readers cannot see."""
    if not article.is_public():
        return None
    texts = StoryTexts.of(article)
    here = absolute_url(article.get_absolute_url(), request)
    # A syndicated piece names its original; everything else about the page stays ours
    # (the share card included: og:url is this page, so Facebook shows our card).
    canonical = article.canonical_url or here
    description = texts.description
    published = iso(article.publication_at)
    modified = iso(max(filter(None, [article.updated_at, article.publication_at])))
    tags = [tag.name for tag in article.tags.all()]
    # The 1200-pixel JPEG made for sharing; never the original (an image without
    # renditions, from before they existed, is left out until make_renditions runs).
    shown = og_rendition(texts.image) if texts.image else None
    image = texts.image if shown is not None else None
    if image:
        image_url = absolute_url(shown.file.url, request)
    publisher = {
        "@type": "Organization",
        "name": site.site_name,
        "url": absolute_url(reverse("articles:home"), request),
    }

    properties = [
        ("og:type", "article"),
        ("og:site_name", site.site_name),
        ("og:locale", LOCALE),
        ("og:title", texts.social_title),
        ("og:description", texts.social_description),
        ("og:url", here),
    ]
    if image:
        properties += [
            ("og:image", image_url),
            ("og:image:width", str(shown.width)),
            ("og:image:height", str(shown.height)),
            ("og:image:alt", image.alt_text or texts.social_title),
        ]
    properties += [
        ("article:published_time", published),
        ("article:modified_time", modified),
    ]
    if article.section:
        properties.append(("article:section", article.section.name))
    properties += [("article:tag", tag) for tag in tags]

    names = [
        ("twitter:card", "summary_large_image" if image else "summary"),
        ("twitter:title", texts.social_title),
        ("twitter:description", texts.social_description),
    ]
    if image:
        names += [
            ("twitter:image", image_url),
            ("twitter:image:alt", image.alt_text or texts.social_title),
        ]

    json_ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "url": here,
        "headline": texts.title,
        "description": description,
        "inLanguage": "vi",
        "datePublished": published,
        "dateModified": modified,
        "author": _authors(article, publisher, request),
        "publisher": publisher,
    }
    if image:
        json_ld["image"] = [
            {
                "@type": "ImageObject",
                "url": image_url,
                "width": shown.width,
                "height": shown.height,
            }
        ]
    if article.section:
        json_ld["articleSection"] = article.section.name
    if tags:
        json_ld["keywords"] = tags
    for add in STORY_DATA:
        add(article, json_ld, request)
    return PageMeta(canonical, description, properties, names, json_ld)


def _page_number(request):
    page = request.GET.get("page", "") if request is not None else ""
    return int(page) if page.isdigit() and page.isascii() and int(page) > 1 else None


def for_page(site, request=None, title="", description=""):
    """A list page (home, section, tag, author): its canonical address, keeping the page
    number, and Open Graph ``website`` tags."""
    path = request.path if request is not None else reverse("articles:home")
    number = _page_number(request)
    canonical = absolute_url(f"{path}?page={number}" if number else path, request)
    title = title or site.site_name
    description = describe(description or site.tagline)
    properties = [
        ("og:type", "website"),
        ("og:site_name", site.site_name),
        ("og:locale", LOCALE),
        ("og:title", title),
        ("og:url", canonical),
    ]
    names = [("twitter:card", "summary"), ("twitter:title", title)]
    if description:
        properties.append(("og:description", description))
        names.append(("twitter:description", description))
    return PageMeta(canonical, description, properties, names)
