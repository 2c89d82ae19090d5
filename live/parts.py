"""The live blog under a story: kept per story until the ``live`` tag changes."""

from django.conf import settings

from newsroom import caching
from newsroom.caching.parts import part

from .models import Coverage

PAGE_SIZE = 50


def poll_seconds():
    """How often a reader's page asks for new updates (``LIVE_POLL_SECONDS``, 12 by default,
    from the environment: newsroom/settings/base.py)."""
    return settings.LIVE_POLL_SECONDS


def coverage_of(story_pk, request=None):
    """The story's coverage or ``None``, read once per request (the head's JSON-LD and the
    blog under the story both ask) and kept for readers' pages."""
    known = getattr(request, "_live_coverages", None) if request is not None else None
    if known is None:
        known = {}
        if request is not None:
            request._live_coverages = known
    if story_pk not in known:
        # Kept per story until the live tag changes: a changed story's page (made again)
        # asks nothing of the live blog's tables unless the story is live.
        known[story_pk] = caching.remember(
            f"coverage:{story_pk}",
            lambda: Coverage.objects.filter(story_id=story_pk).first(),
            tags=["live"],
            ttl=24 * 3600,
            readers_only=True,
        )
    return known[story_pk]


def updates_of(story_pk, page=1, request=None):
    """The story's coverage (or ``None``), the shown updates of ``page``, its key events,
    and whether older updates exist: three queries whatever the number of updates (one for
    a story that is not live)."""
    coverage = coverage_of(story_pk, request)
    if coverage is None:
        return None, [], [], False
    start = (page - 1) * PAGE_SIZE
    shown = list(coverage.updates.shown()[start : start + PAGE_SIZE + 1])
    more = len(shown) > PAGE_SIZE
    key_events = (
        list(coverage.updates.filter(withdrawn=False, key_event=True).order_by("-at", "-pk")[:10])
        if page == 1
        else []
    )
    return coverage, shown[:PAGE_SIZE], key_events, more


@part("live_blog", template="live/blog.html", tags=["live"])
def live_blog(request, story):
    coverage, updates, key_events, more = updates_of(story, request=request)
    return {
        "coverage": coverage,
        "updates": updates,
        "key_events": key_events,
        "more": more,
        "story_pk": story,
        "page": 1,
        "interval": poll_seconds(),
    }


@part("live_flag", template="live/flag.html", tags=["live"])
def live_flag(request, story):
    return {"coverage": coverage_of(story, request)}
