"""The banner part at the top of every reader page (``{% part "banner" %}``).

The live banners are on every page, as the site settings are: they are kept even with
the page parts' cache off (``optional=False``) until a banner changes or one starts or
ends by the clock. Their stories' links are kept apart, until the stories change too,
and only read when a live banner links one: a page pays no query for the banners once
they are kept, and a story's change costs nothing while no banner links a story."""

from articles.models import Article
from newsroom import caching
from newsroom.caching.parts import part

from .models import SHOWN_AT_ONCE, Banner

HOUR = 3600


def _live():
    return [
        {"text": shown.text, "level": shown.level, "article_id": shown.article_id}
        for shown in Banner.objects.live()[:SHOWN_AT_ONCE]
    ]


def _links(linked):
    # Only a public story is linked: a withdrawn or scheduled one leaves the text alone.
    stories = Article.objects.public().filter(pk__in=linked).only("id", "slug")
    return {story.pk: story.get_absolute_url() for story in stories}


def live_banners():
    """The banners readers see now, each with the address of its story if public."""
    banners = caching.remember("live-banners", _live, tags=["banners"], ttl=HOUR, optional=False)
    linked = sorted({shown["article_id"] for shown in banners if shown["article_id"]})
    links = {}
    if linked:
        links = caching.remember(
            "live-banners:links",
            lambda: _links(linked),
            tags=["banners", "stories"],
            ttl=HOUR,
            optional=False,
        )
    return [{**shown, "url": links.get(shown["article_id"])} for shown in banners]


@part("banner", template="breaking/includes/banners.html", tags=["banners", "stories"])
def banner(request):
    return {"banners": live_banners()}
