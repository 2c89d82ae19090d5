"""The desk's panels: each a short list of stories a role acts on today, with a link to
the whole list in the story admin. Every panel costs a fixed number of queries, however
many stories there are."""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.db.models import Exists, Func, OuterRef, Prefetch, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article, ArticleTransition, Status
from comments.models import Comment
from newsroom.templatetags.newsroom import VIETNAM

# Rows per panel: the rest is one click away, in the story list.
ROWS = 8


@dataclass
class Panel:
    key: str
    title: str
    stories: list
    see_all: str = ""
    empty: str = field(default=_("Nothing here."))


def today_bounds(now=None):
    """The start and end of today in Vietnam time, and now."""
    now = now or timezone.now()
    day = timezone.localtime(now, VIETNAM).date()
    start = datetime.datetime.combine(day, datetime.time.min, tzinfo=VIETNAM)
    return start, start + datetime.timedelta(days=1), now


def story_list(**filters):
    return reverse("admin:articles_article_changelist") + "?" + urlencode(filters)


def written_by(user):
    """Stories ``user`` wrote or created (EXISTS, not a join: no DISTINCT needed)."""
    links = Article.authors.through.objects.filter(article_id=OuterRef("pk"), user_id=user.pk)
    return Article.objects.filter(Q(created_by_id=user.pk) | Exists(links))


def _rows(queryset):
    return list(queryset.select_related("section").defer("search_vector", "search_text")[:ROWS])


def my_drafts(user):
    return Panel(
        "drafts",
        _("My drafts"),
        _rows(written_by(user).filter(status=Status.DRAFT).order_by("-updated_at", "-pk")),
        story_list(status__exact=Status.DRAFT, authors__id__exact=user.pk),
    )


def returned_to_me(user):
    """Returned stories, each with its last return (``returned``: who and why)."""
    returns = ArticleTransition.objects.filter(to_status=Status.RETURNED).select_related("actor")
    stories = _rows(
        written_by(user)
        .filter(status=Status.RETURNED)
        .order_by("-updated_at", "-pk")
        .prefetch_related(Prefetch("transitions", queryset=returns, to_attr="returns"))
    )
    for story in stories:
        story.returned = story.returns[0] if story.returns else None
    return Panel(
        "returned",
        _("Returned to me"),
        stories,
        story_list(status__exact=Status.RETURNED, authors__id__exact=user.pk),
    )


def waiting_for_review():
    """Stories handed in, the longest waiting first (by when they were last handed in)."""
    handed_in = (
        ArticleTransition.objects.filter(article=OuterRef("pk"), to_status=Status.IN_REVIEW)
        .order_by("-at", "-pk")
        .values("at")[:1]
    )
    stories = _rows(
        Article.objects.filter(status=Status.IN_REVIEW)
        .annotate(handed_in_at=Subquery(handed_in))
        .order_by("handed_in_at", "pk")
        .prefetch_related("authors")
    )
    return Panel(
        "review",
        _("Waiting for review"),
        stories,
        story_list(status__exact=Status.IN_REVIEW),
    )


def scheduled_today(stories, title, now=None):
    """Stories going live later today, the next first (their times shown in GMT+7)."""
    _start, end, now = today_bounds(now)
    return Panel(
        "scheduled",
        title,
        _rows(
            stories.scheduled(now).filter(publication_at__lt=end).order_by("publication_at", "pk")
        ),
        story_list(publication="scheduled"),
    )


def published_today(stories, title, now=None):
    start, end, now = today_bounds(now)
    return Panel(
        "published",
        title,
        _rows(stories.public(now).filter(publication_at__gte=start).latest_first()),
        story_list(
            publication="live",
            publication_at__gte=start.isoformat(),
            publication_at__lt=end.isoformat(),
        ),
    )


def most_read_today(now=None):
    start, _end, now = today_bounds(now)
    stories = Article.objects.most_read(ROWS, days=1, today=start.date())
    return Panel("most_read", _("Most read today"), _rows(stories))


def for_user(user, now=None):
    """The panels ``user``'s role acts on, in the order the desk shows them."""
    panels = []
    if user.has_perm("articles.add_article"):
        panels.append(my_drafts(user))
    if user.has_perm("articles.review_article"):
        panels.append(waiting_for_review())
    elif user.has_perm("articles.add_article"):
        # Editors return stories; those they write are published, not returned to them.
        panels.append(returned_to_me(user))
    if user.has_perm("articles.change_any_article"):
        panels += [
            scheduled_today(Article.objects.all(), _("Scheduled today"), now),
            published_today(Article.objects.all(), _("Published today"), now),
            most_read_today(now),
        ]
    elif user.has_perm("articles.view_article"):
        mine = written_by(user)
        panels += [
            scheduled_today(mine, _("My stories scheduled today"), now),
            published_today(mine, _("My stories published today"), now),
        ]
    return panels


@dataclass
class Count:
    key: str
    label: str
    number: int
    url: str


def _counted(queryset):
    """``queryset``'s size as a subquery (COUNT without GROUP BY), to read with others."""
    return Subquery(queryset.order_by().annotate(n=Func("pk", function="COUNT")).values("n"))


def counts(user):
    """What waits for ``user``, for the admin's header, all read in one query."""
    from .models import Notification

    wanted = {}
    if user.has_perm("articles.review_article"):
        wanted["review"] = (
            _("Waiting for review"),
            Article.objects.filter(status=Status.IN_REVIEW),
            story_list(status__exact=Status.IN_REVIEW),
        )
    elif user.has_perm("articles.add_article"):
        wanted["returned"] = (
            _("Returned to me"),
            written_by(user).filter(status=Status.RETURNED),
            story_list(status__exact=Status.RETURNED, authors__id__exact=user.pk),
        )
    # Readers' comments (issue 16): what waits for moderators and editors.
    if user.has_perm("comments.change_comment"):
        wanted["comments"] = (
            _("Comments waiting"),
            Comment.objects.pending(),
            reverse("admin:comments_comment_changelist") + "?status__exact=pending",
        )
    wanted["notifications"] = (
        _("Notifications"),
        Notification.objects.for_user(user).unread(),
        reverse("admin:desk_notification_changelist") + "?unread=1",
    )
    numbers = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .values(
            **{f"{key}_count": _counted(queryset) for key, (_l, queryset, _u) in wanted.items()}
        )
        .first()
    ) or {f"{key}_count": 0 for key in wanted}
    # A story count of nought is left out; the notifications link always shows (the way in).
    return [
        Count(key, label, numbers[f"{key}_count"], url)
        for key, (label, _queryset, url) in wanted.items()
        if numbers[f"{key}_count"] or key == "notifications"
    ]
