"""The editorial workflow: who may move a story where, what it needs before it goes public,
and the moves themselves. Views and admin call these functions; none decide on their own."""

import logging
from dataclasses import dataclass
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.security import current_request, log_event

from .checks import publication_problems
from .models import ArticleTransition, Status

EDITABLE_BY_REPORTER = {Status.DRAFT, Status.RETURNED}


def is_own(user, article):
    if article.pk is None:
        return True
    return article.created_by_id == user.pk or article.authors.filter(pk=user.pk).exists()


def can_view(user, article):
    return user.has_perm("articles.change_any_article") or (
        user.has_perm("articles.view_article") and is_own(user, article)
    )


def can_edit(user, article):
    if user.has_perm("articles.change_any_article"):
        return True
    return (
        user.has_perm("articles.change_article")
        and article.status in EDITABLE_BY_REPORTER
        and is_own(user, article)
    )


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    targets: frozenset
    sources: frozenset
    needs_comment: bool = False

    def allowed(self, user, article):
        if article.status not in self.sources:
            return False
        if self.name == "submit":
            return can_edit(user, article)
        if self.name == "return":
            return user.has_perm("articles.review_article")
        return user.has_perm("articles.publish_article")


SUBMIT = Action(
    "submit",
    _("Hand in for review"),
    frozenset({Status.IN_REVIEW}),
    frozenset({Status.DRAFT, Status.RETURNED}),
)
RETURN = Action(
    "return",
    _("Return to reporter"),
    frozenset({Status.RETURNED}),
    frozenset({Status.IN_REVIEW}),
    needs_comment=True,
)
PUBLISH = Action(
    "publish",
    _("Publish or schedule"),
    frozenset({Status.PUBLISHED}),
    frozenset(
        {Status.DRAFT, Status.IN_REVIEW, Status.RETURNED, Status.PUBLISHED, Status.WITHDRAWN}
    ),
)
WITHDRAW = Action(
    "withdraw",
    _("Withdraw"),
    frozenset({Status.WITHDRAWN}),
    frozenset({Status.PUBLISHED}),
    needs_comment=True,
)
ACTIONS = {a.name: a for a in (SUBMIT, RETURN, PUBLISH, WITHDRAW)}
# The steps a story takes only when it passes the pre-publication checks.
GATED = (SUBMIT, PUBLISH)


def allowed_actions(user, article):
    return [a for a in ACTIONS.values() if a.allowed(user, article)]


def check_publishable(article):
    """Refuse a story that is not ready (``articles.checks``), with each problem under
    its field."""
    problems = publication_problems(article)
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def transition(article, action_name, user, *, comment="", publication_at=None):
    """Move ``article`` by ``action_name`` on behalf of ``user`` and record the step.

    Raises ``PermissionDenied`` when the user may not, ``ValidationError`` when the story is
    not ready or the input is wrong; nothing is changed in either case."""
    action = ACTIONS.get(action_name)
    if action is None or not action.allowed(user, article):
        log_event("permission_denied", user=user, action=action_name, article=article.pk)
        raise PermissionDenied(_("You may not do this to this story."))
    comment = (comment or "").strip()
    if action.needs_comment and not comment:
        raise ValidationError(_("Write a comment saying why."))
    from_status = article.status
    fields = ["status", "version"]
    if action in GATED:
        check_publishable(article)
    if action is PUBLISH:
        now = timezone.now()
        if publication_at is not None:
            when = publication_at
        elif from_status == Status.PUBLISHED and article.publication_at is not None:
            when = article.publication_at
        else:
            when = now
        article.publication_at = when
        # A scheduled story that was pulled before its time was never public.
        if article.first_published_at is None or article.first_published_at > now:
            article.first_published_at = when
        fields += ["publication_at", "first_published_at"]
    article.status = next(iter(action.targets))
    article.version += 1
    article.last_edited_by = user
    fields.append("last_edited_by")
    article._history_user = user
    article.save(update_fields=fields)
    ArticleTransition.objects.create(
        article=article,
        from_status=from_status,
        to_status=article.status,
        actor=user,
        comment=comment,
        publication_at=article.publication_at,
    )
    # Logged once the move is saved for good, with the request it came from.
    transaction.on_commit(
        partial(
            log_event,
            "workflow",
            current_request(),
            user=user,
            level=logging.INFO,
            action="schedule" if article.is_scheduled else action_name,
            article=article.pk,
            from_status=str(from_status),
            to_status=str(article.status),
            publication_at=article.publication_at.isoformat() if action is PUBLISH else None,
        ),
        robust=True,
    )
    return article
