from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Board(models.Model):
    """The curated top of one page: the home page (no section) or a top-level section's."""

    section = models.OneToOneField(
        "sections.Section",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="board",
        verbose_name=_("section"),
    )
    # One board per page: "home", or "section-<pk>".
    page = models.CharField(max_length=30, unique=True, editable=False)

    class Meta:
        verbose_name = _("board")
        verbose_name_plural = _("boards")

    def __str__(self):
        return str(self.section) if self.section_id else str(_("Home page"))

    def save(self, *args, **kwargs):
        self.page = f"section-{self.section_id}" if self.section_id else "home"
        super().save(*args, **kwargs)


class EditionQuerySet(models.QuerySet):
    def live(self, board, now=None):
        """The edition readers see on ``board``'s page at ``now`` (None if none)."""
        return self.live_first(board, now).first()

    def live_first(self, board, now=None):
        """The editions readers may see on ``board``'s page at ``now``, the one they see
        first: the newest scheduled or published one whose time has come. The one rule.
        ``board``: a Board, or a page's key ("home", "section-<pk>")."""
        now = now or timezone.now()
        which = {"board__page": board} if isinstance(board, str) else {"board": board}
        return self.filter(
            **which,
            status__in=[Edition.Status.SCHEDULED, Edition.Status.PUBLISHED],
            publish_at__lte=now,
        ).order_by("-publish_at", "-pk")

    def next_publication(self, now):
        return (
            self.filter(status=Edition.Status.SCHEDULED, publish_at__gt=now)
            .order_by("publish_at")
            .values_list("publish_at", flat=True)
            .first()
        )


class Edition(models.Model):
    """One filling of a board's slots. Editions are the history: publishing makes a new
    one, restoring copies an old one into a new draft."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    board = models.ForeignKey(
        Board, on_delete=models.CASCADE, related_name="editions", verbose_name=_("board")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    publish_at = models.DateTimeField(_("goes live at"), null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    # The topic (or series) this edition features in its box (``layouts.TOPIC``); the
    # home page's only. A topic deleted leaves the edition without a box.
    topic = models.ForeignKey(
        "topics.Topic",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("featured topic"),
    )

    objects = EditionQuerySet.as_manager()

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.board} #{self.pk} ({self.get_status_display()})"


class Slot(models.Model):
    """One story in one named slot of an edition, with what this slot alone shows
    differently from the story."""

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="slots", verbose_name=_("edition")
    )
    name = models.CharField(_("slot"), max_length=20)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    story = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="+", verbose_name=_("story")
    )
    title = models.CharField(_("title in this slot"), max_length=300, blank=True)
    lead = models.TextField(_("lead in this slot"), blank=True)
    image = models.ForeignKey(
        "images.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("image in this slot"),
    )

    class Meta:
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        ordering = ["name", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "name", "position"], name="frontpage_slot_place"
            )
        ]

    def __str__(self):
        return f"{self.name}[{self.position}]"
