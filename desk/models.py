"""Notifications: a workflow step told to the people it concerns (the editors when a story
is handed in, its authors when it is returned, published or scheduled)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    SUBMITTED = "submitted", _("Handed in")
    RETURNED = "returned", _("Returned")
    PUBLISHED = "published", _("Published")
    SCHEDULED = "scheduled", _("Scheduled")


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at__isnull=True)

    def mark_read(self):
        """Mark these read, keeping the time of those read already."""
        return self.unread().update(read_at=timezone.now())


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("story"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)
    # When a scheduled story goes live, as it was set at this step.
    publication_at = models.DateTimeField(_("publication time"), null=True, blank=True)
    created = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            # The header's unread count and the page's newest first, per person.
            models.Index(fields=["recipient", "read_at"], name="notification_unread_idx"),
            models.Index(fields=["recipient", "-created"], name="notification_inbox_idx"),
        ]

    def __str__(self):
        return self.message

    @property
    def is_read(self):
        return self.read_at is not None

    @property
    def message(self):
        """One sentence saying what happened, in the reader's language."""
        from newsroom.templatetags.newsroom import vn_datetime

        actor = _person(self.actor)
        values = {"actor": actor, "title": self.article.title}
        if self.kind == Kind.SUBMITTED:
            return _("%(actor)s handed in “%(title)s” for review.") % values
        if self.kind == Kind.RETURNED:
            return _("%(actor)s returned “%(title)s” to you.") % values
        if self.kind == Kind.SCHEDULED:
            values["time"] = vn_datetime(self.publication_at)
            return _("%(actor)s scheduled “%(title)s” to go live at %(time)s.") % values
        return _("%(actor)s published “%(title)s”.") % values


def _person(user):
    if user is None:
        return _("Someone")
    return user.get_full_name() or user.get_username()
