"""Who hears of a workflow step, and how: a notification in the admin for each person it
concerns, and an email too when ``NOTIFICATION_EMAILS`` is on. The step itself never waits
for, nor fails because of, the mail: it goes out once the step is saved for good."""

import logging
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from articles.models import Article, ArticleTransition, Status
from newsroom.models import Role

from .models import Kind, Notification

logger = logging.getLogger(__name__)


def kind_of(step):
    """What ``step`` (an ``ArticleTransition``) means to the people it concerns, or None
    when it is nothing to tell (a withdrawal; a live story published again to save a
    change, which only keeps its time)."""
    if step.to_status == Status.IN_REVIEW:
        return Kind.SUBMITTED
    if step.to_status == Status.RETURNED:
        return Kind.RETURNED
    if step.to_status != Status.PUBLISHED:
        return None
    scheduled = step.publication_at is not None and step.publication_at > step.at
    if scheduled:
        return Kind.SCHEDULED
    if step.from_status == Status.PUBLISHED and _was_live_before(step):
        return None
    return Kind.PUBLISHED


def _was_live_before(step):
    before = (
        ArticleTransition.objects.filter(article_id=step.article_id, to_status=Status.PUBLISHED)
        .exclude(pk=step.pk)
        .filter(at__lte=step.at)
        .order_by("-at", "-pk")
        .values_list("publication_at", "at")
        .first()
    )
    # Live when that step's time had come by now (a scheduled one brought forward was not).
    return before is None or before[0] is None or before[0] <= step.at


def editors():
    try:
        group = Role.objects.group("editor")
    except Role.DoesNotExist:
        return get_user_model().objects.none()
    return group.user_set.filter(is_active=True)


def authors(article):
    """The story's authors and whoever created it."""
    links = Article.authors.through.objects.filter(article_id=article.pk).values("user_id")
    return get_user_model().objects.filter(
        Q(pk__in=links) | Q(pk=article.created_by_id), is_active=True
    )


def recipients(step, kind):
    people = editors() if kind == Kind.SUBMITTED else authors(step.article)
    # Nobody is told of what they did themselves.
    return people.exclude(pk=step.actor_id) if step.actor_id else people


def notify(step):
    """The notifications (and mails) for ``step``; the ones made."""
    kind = kind_of(step)
    if kind is None:
        return []
    made = Notification.objects.bulk_create(
        Notification(
            recipient=person,
            article=step.article,
            kind=kind,
            actor=step.actor,
            reason=step.comment if kind == Kind.RETURNED else "",
            publication_at=step.publication_at if kind == Kind.SCHEDULED else None,
            created=step.at,
        )
        for person in recipients(step, kind).order_by("pk")
    )
    if settings.NOTIFICATION_EMAILS:
        for notification in made:
            if notification.recipient.email:
                transaction.on_commit(partial(send_email, notification), robust=True)
    return made


def send_email(notification):
    """Mail ``notification`` to its recipient; a failure is logged, never raised."""
    link = settings.SITE_URL + reverse(
        "admin:articles_article_change", args=[notification.article_id]
    )
    try:
        # Mail is read outside the admin, where nobody has chosen a language: the newsroom's.
        with translation.override(settings.LANGUAGE_CODE):
            subject = str(notification.message)
            lines = [subject]
            if notification.reason:
                lines.append(_("Reason: %(reason)s") % {"reason": notification.reason})
            lines += ["", link]
        send_mail(subject[:200], "\n".join(lines), None, [notification.recipient.email])
    except Exception:  # noqa: BLE001 - a mail server down must not undo a published story
        logger.exception("Notification mail to user %s failed", notification.recipient_id)
