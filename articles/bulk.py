"""Steps taken on many stories at once from the story list: each story goes through the
same workflow rules as its own buttons (``articles.workflow``), in a transaction of its
own, so a story that cannot take the step is left as it was and named, and the others go
ahead."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import workflow


@dataclass
class Outcome:
    done: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # (story, reason)


def each(articles, step):
    """Apply ``step(article)`` to every story; a story it refuses (permission or
    workflow) is rolled back and recorded with the reason."""
    outcome = Outcome()
    for article in articles:
        try:
            with transaction.atomic():
                step(article)
        except (PermissionDenied, ValidationError) as error:
            reasons = getattr(error, "messages", None) or [str(error)]
            outcome.skipped.append((article, " ".join(str(r) for r in reasons)))
        else:
            outcome.done.append(article)
    return outcome


def hand_in(articles, user):
    return each(articles, lambda a: workflow.transition(a, "submit", user))


def send_back(articles, user, reason):
    return each(articles, lambda a: workflow.transition(a, "return", user, comment=reason))


def withdraw(articles, user, reason):
    return each(articles, lambda a: workflow.transition(a, "withdraw", user, comment=reason))


def schedule(articles, user, when):
    if when <= timezone.now():
        raise ValidationError(_("Choose a time in the future."), code="past")

    def publish_at(article):
        if article.is_public():
            # Scheduling it would take it off the site until then.
            raise ValidationError(_("It is already live on the site."), code="live")
        workflow.transition(article, "publish", user, publication_at=when)

    return each(articles, publish_at)


def move_to_section(articles, user, section):
    def move(article):
        _edit(article, user)
        article.section = section
        _save(article, user, ["section"])

    return each(articles, move)


def add_tag(articles, user, name):
    def tag(article):
        _edit(article, user)
        article.tags.add(name)
        _save(article, user, [])

    return each(articles, tag)


def _edit(article, user):
    if not workflow.can_edit(user, article):
        raise PermissionDenied(_("You may not change this story."))


def _save(article, user, fields):
    """Saved as the edit page saves: a new version, by this person, in the history."""
    # Re-read the version under a lock: the story may have been saved since the list loaded.
    from .models import Article

    article.version = (
        Article.objects.select_for_update().filter(pk=article.pk).values_list("version", flat=True)
    ).first() + 1
    article.last_edited_by = user
    article._history_user = user
    article.save(update_fields=[*fields, "version", "last_edited_by"])
