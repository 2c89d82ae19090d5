"""The breaking-news banner across the top of every reader page: a short text, an
optional link to a public story, a level, and the minutes it starts and ends."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from articles.models import Article
from newsroom.validators import validate_no_control_characters, validate_single_line

# At most this many banners at once: more is noise, not news.
SHOWN_AT_ONCE = 2


class Level(models.TextChoices):
    BREAKING = "breaking", _("Breaking")
    DEVELOPING = "developing", _("Developing")


class BannerQuerySet(models.QuerySet):
    def live(self, now=None):
        """What readers see now: started and not ended; breaking before developing, then
        the newest start first."""
        now = now or timezone.now()
        return self.filter(starts_at__lte=now, ends_at__gt=now).order_by(
            Case(
                When(level=Level.BREAKING, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            "-starts_at",
            "-pk",
        )

    def upcoming(self, now=None):
        return self.filter(starts_at__gt=now or timezone.now())

    def next_change(self, now):
        """The next start or end of any banner after ``now`` (a datetime), or None."""
        found = self.aggregate(
            starts=models.Min("starts_at", filter=models.Q(starts_at__gt=now)),
            ends=models.Min("ends_at", filter=models.Q(ends_at__gt=now)),
        )
        starts, ends = found["starts"], found["ends"]
        moments = [moment for moment in (starts, ends) if moment is not None]
        return min(moments) if moments else None


def _in_two_hours():
    return timezone.now() + datetime.timedelta(hours=2)


class Banner(models.Model):
    text = models.CharField(
        _("text"),
        max_length=160,
        validators=[validate_no_control_characters, validate_single_line],
        help_text=_("Plain text, at most 160 characters: what happened, in one line."),
    )
    article = models.ForeignKey(
        Article,
        verbose_name=_("story"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Optional. The link is shown only while the story is public."),
    )
    level = models.CharField(
        _("level"), max_length=12, choices=Level.choices, default=Level.BREAKING
    )
    starts_at = models.DateTimeField(
        _("starts at"), default=timezone.now, help_text=_("Vietnam time.")
    )
    ends_at = models.DateTimeField(
        _("ends at"),
        default=_in_two_hours,
        help_text=_("The banner leaves by itself at this time, Vietnam time."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = BannerQuerySet.as_manager()
    history = HistoricalRecords(verbose_name=_("historical banner"))

    class Meta:
        verbose_name = _("breaking news banner")
        verbose_name_plural = _("breaking news banners")
        ordering = ["-starts_at"]

    def __str__(self):
        return self.text

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must come after the start.")})

    def state(self, now=None):
        now = now or timezone.now()
        if self.starts_at > now:
            return "upcoming"
        if self.ends_at <= now:
            return "ended"
        return "live"

    def get_admin_url(self):
        return reverse("admin:breaking_banner_change", args=[self.pk])
