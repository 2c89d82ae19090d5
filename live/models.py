"""A live blog: a story marked live (``Coverage``) and its timestamped updates."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from newsroom import caching
from newsroom.html import sanitize, strip_tags

MAX_UPDATE_LENGTH = 5_000


class Coverage(models.Model):
    story = models.OneToOneField(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="live_coverage",
        verbose_name=_("story"),
    )
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    ended_at = models.DateTimeField(
        _("ended at"),
        null=True,
        blank=True,
        help_text=_("Set when the coverage is over: readers' pages stop asking for updates."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("live coverage")
        verbose_name_plural = _("live coverages")

    def __str__(self):
        return str(self.story_id)

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        live_changed(self.story_id)

    def delete(self, *args, **kwargs):
        story_id = self.story_id
        result = super().delete(*args, **kwargs)
        live_changed(story_id)
        return result

    @property
    def has_ended(self):
        return self.ended_at is not None and self.ended_at <= timezone.now()


class UpdateQuerySet(models.QuerySet):
    def shown(self):
        """What readers see: not withdrawn, pinned first, then newest first."""
        return (
            self.filter(withdrawn=False).select_related("author").order_by("-pinned", "-at", "-pk")
        )


class Update(models.Model):
    coverage = models.ForeignKey(
        Coverage, on_delete=models.CASCADE, related_name="updates", verbose_name=_("coverage")
    )
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    body = models.TextField(
        _("body"), help_text=_("A few short paragraphs. Links and bold text are kept.")
    )
    image = models.ForeignKey(
        "images.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("image"),
    )
    embed_url = models.URLField(
        _("embed link"),
        blank=True,
        help_text=_("A link to a post or video elsewhere; shown as a link."),
    )
    pinned = models.BooleanField(_("pinned"), default=False)
    key_event = models.BooleanField(_("key event"), default=False)
    withdrawn = models.BooleanField(
        _("withdrawn"), default=False, help_text=_("Withdrawn updates are hidden from readers.")
    )
    history = HistoricalRecords()

    objects = UpdateQuerySet.as_manager()

    class Meta:
        verbose_name = _("live update")
        verbose_name_plural = _("live updates")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["coverage", "withdrawn", "at"])]

    def __str__(self):
        return self.summary

    def save(self, *args, **kwargs):
        self.body = sanitize(self.body)
        super().save(*args, **kwargs)
        live_changed(self.coverage.story_id)

    def delete(self, *args, **kwargs):
        story_id = self.coverage.story_id
        result = super().delete(*args, **kwargs)
        live_changed(story_id)
        return result

    def clean(self):
        if len(self.body or "") > MAX_UPDATE_LENGTH:
            raise ValidationError(
                {
                    "body": _("An update is at most %(limit)s characters.")
                    % {"limit": MAX_UPDATE_LENGTH}
                }
            )
        if not strip_tags(sanitize(self.body or "")):
            raise ValidationError({"body": _("Write something for readers.")})

    @property
    def summary(self):
        text = strip_tags(self.body)
        return text[:80] + ("…" if len(text) > 80 else "")

    @property
    def text(self):
        return strip_tags(self.body)


def live_changed(story_id):
    from django.urls import reverse

    from articles.models import Article

    paths = [reverse("live:poll", args=[story_id]), reverse("live:updates", args=[story_id])]
    story = Article.objects.filter(pk=story_id).only("slug").first()
    if story is not None:
        paths.append(story.get_absolute_url())
    caching.changed("live", paths=paths)


def next_end(now):
    """When the next coverage ends with nobody saving (an end time set ahead), if any."""
    moment = datetime.datetime.fromtimestamp(now, datetime.UTC)
    upcoming = (
        Coverage.objects.filter(ended_at__gt=moment)
        .order_by("ended_at")
        .values_list("ended_at", flat=True)
        .first()
    )
    return upcoming.timestamp() if upcoming else None
