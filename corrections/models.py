"""Corrections and update notes an editor adds to a published story. None is ever
deleted: withdrawing one hides it from readers and the record stays, with its history."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from articles.models import Article


class Kind(models.TextChoices):
    CORRECTION = "correction", _("Correction")
    UPDATE = "update", _("Update")


class CorrectionQuerySet(models.QuerySet):
    def live(self):
        """What readers see: not withdrawn."""
        return self.filter(withdrawn_at__isnull=True)

    def of_public_stories(self, now=None):
        return self.live().filter(story__in=Article.objects.public(now).values("pk"))

    def newest_first(self):
        return self.order_by("-at", "-pk")


class Correction(models.Model):
    story = models.ForeignKey(
        Article,
        verbose_name=_("story"),
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    kind = models.CharField(
        _("kind"),
        max_length=12,
        choices=Kind.choices,
        default=Kind.CORRECTION,
        help_text=_("A correction is shown at the end of the story; an update note above it."),
    )
    text = models.TextField(
        _("text"),
        help_text=_("Plain text. For a correction: what was wrong and what is right."),
    )
    at = models.DateTimeField(_("published at"), default=timezone.now, help_text=_("Vietnam time."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    withdraw_reason = models.TextField(_("reason for withdrawing"), blank=True, editable=False)

    objects = CorrectionQuerySet.as_manager()
    history = HistoricalRecords(verbose_name=_("historical correction"))

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"

    def save(self, *args, **kwargs):
        # Forms are not the only way in (shell, imports): the rule holds here too.
        self.full_clean(exclude=["created_by", "withdrawn_by"])
        super().save(*args, **kwargs)
        touch_story(self.story_id)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Corrections are withdrawn, never deleted."))

    def clean(self):
        super().clean()
        if not (self.text or "").strip():
            raise ValidationError({"text": _("Write the correction's text.")})
        # Readers see a correction as soon as it is saved: a time ahead would tell them it
        # was made later than it was. (A minute's grace for clocks.)
        if self.at and self.at > timezone.now() + datetime.timedelta(minutes=1):
            raise ValidationError({"at": _("A correction's time cannot be in the future.")})
        if (
            self._state.adding
            and self.story_id
            and not Article.objects.public().filter(pk=self.story_id).exists()
        ):
            raise ValidationError(
                {"story": _("Corrections can be added only to a published story.")}
            )

    def withdraw(self, user, reason):
        if not (reason or "").strip():
            raise ValidationError(_("Give a reason for withdrawing."))
        self.withdrawn_at = timezone.now()
        self.withdrawn_by = user
        self.withdraw_reason = reason.strip()
        self.save()

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None


def touch_story(story_pk):
    """The story's "updated" time moves (a bulk update, which bumps the stories tag), and
    the corrections' tag changes for its page and /dinh-chinh/."""
    from django.urls import reverse

    from newsroom import caching

    Article.objects.filter(pk=story_pk).update(updated_at=timezone.now())
    story = Article.objects.filter(pk=story_pk).only("pk", "slug").first()
    paths = [reverse("corrections:index")]
    if story is not None:
        paths.insert(0, story.get_absolute_url())
    caching.changed("corrections", paths=paths)
