"""The comments under a story, as readers see them: kept per story and order until the
``comments`` tag changes (a moderator approves one…), for ``PAGE_CACHE_TIMEOUT`` seconds at
most so that likes move. At most three queries however many comments (one for a story
without any), none once kept."""

from dataclasses import dataclass, field

from django.conf import settings

from newsroom import caching
from newsroom.caching.parts import part

from .forms import CommentForm
from .models import TAGS, Comment, open_for

NEWEST, LIKED = "newest", "liked"
ORDERS = {NEWEST: "newest_first", LIKED: "most_liked_first"}


@dataclass
class Thread:
    open: bool
    count: int
    comments: list = field(default_factory=list)  # top-level, each with ``shown_replies``
    more: bool = False


def _kept_for():
    return settings.PAGE_CACHE_TIMEOUT


def _read(story_pk, order):
    shown = settings.COMMENTS_SHOWN
    comments = Comment.objects.shown().filter(story_id=story_pk).for_readers()
    top = list(getattr(comments.filter(parent__isnull=True), ORDERS[order])()[: shown + 1])
    more = len(top) > shown
    top = top[:shown]
    replies = (
        list(comments.filter(parent_id__in=[c.pk for c in top]).order_by("created_at", "pk"))
        if top
        else []
    )
    by_parent = {c.pk: c for c in top}
    for comment in top:
        comment.shown_replies = []
    for reply in replies:
        by_parent[reply.parent_id].shown_replies.append(reply)
    # Every comment is here unless some top-level ones are not: then count them all.
    count = comments.count() if more else len(top) + len(replies)
    return Thread(open=open_for(story_pk), count=count, comments=top, more=more)


def thread_of(story_pk, request=None, order=NEWEST):
    """The story's shown comments in ``order``, read once per request (the list and the
    JSON-LD ask) and kept for readers' pages."""
    order = order if order in ORDERS else NEWEST
    known = request.__dict__.setdefault("_comment_threads", {}) if request is not None else {}
    if (story_pk, order) not in known:
        known[story_pk, order] = caching.remember(
            f"comments:{story_pk}:{order}",
            lambda: _read(story_pk, order),
            tags=TAGS,
            ttl=_kept_for(),
            readers_only=True,
        )
    return known[story_pk, order]


@part("story_comments", template="comments/thread.html", tags=TAGS, ttl=_kept_for)
def story_comments(request, story, order=NEWEST):
    order = order if order in ORDERS else NEWEST
    return {
        "thread": thread_of(story, request, order),
        "story_pk": story,
        "order": order,
        "form": CommentForm(story=None),
    }
