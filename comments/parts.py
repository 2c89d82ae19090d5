"""The comments under a story, as readers see them: kept per story and order until the
``comments`` tag changes (a moderator approves one…), for ``PAGE_CACHE_TIMEOUT`` seconds at
most so that likes move. At most three queries however many comments (one for a story
without any), none once kept."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q

from newsroom import caching
from newsroom.caching.parts import part

from .forms import CommentForm
from .models import TAGS, Comment, open_for

NEWEST, LIKED = "newest", "liked"
ORDERS = {NEWEST: "newest_first", LIKED: "most_liked_first"}


def _newest_first(comment):
    return (-comment.created_at.timestamp(), -comment.pk)


def _oldest_first(comment):
    return (comment.created_at, comment.pk)


SORTED_BY = {
    NEWEST: _newest_first,
    LIKED: lambda comment: (-comment.likes, *_newest_first(comment)),
}


@dataclass
class Thread:
    open: bool
    count: int
    comments: list = field(default_factory=list)  # top-level, each with ``shown_replies``
    more: bool = False


def _kept_for():
    return settings.PAGE_CACHE_TIMEOUT


def _read(story_pk, order):
    """One query for the shown top-level comments (one more than are shown, to know
    whether there are more) with their replies; a second counts them all only then."""
    shown = settings.COMMENTS_SHOWN
    comments = Comment.objects.shown().filter(story_id=story_pk)
    top_ids = getattr(comments.filter(parent__isnull=True), ORDERS[order])().values("pk")
    top_ids = top_ids[: shown + 1]
    rows = list(comments.filter(Q(pk__in=top_ids) | Q(parent_id__in=top_ids)).for_readers())
    top = sorted((c for c in rows if c.parent_id is None), key=SORTED_BY[order])
    more = len(top) > shown
    top = top[:shown]
    by_parent = {c.pk: c for c in top}
    for comment in top:
        comment.shown_replies = []
    replies = sorted((c for c in rows if c.parent_id in by_parent), key=_oldest_first)
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
