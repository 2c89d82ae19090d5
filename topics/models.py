"""Topics and series: an editor gathers stories under a title ("Đại hội XIV", "Bão số 3"),
pins a few in order, and readers find them at ``/chu-de/<slug>/``."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from articles.lists import card_stories
from newsroom.text import vietnamese_slugify


class TopicQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Topic(models.Model):
    class Kind(models.TextChoices):
        TOPIC = "topic", _("Topic")
        SERIES = "series", _("Series")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TOPIC)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("address"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_("The topic's address, after /chu-de/. Made from the title if empty."),
        error_messages={"unique": _("Another topic already has this address.")},
    )
    description = models.TextField(_("description"), blank=True, help_text=_("Plain text."))
    cover = models.ForeignKey(
        "images.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("An inactive topic's page and links disappear.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    stories_in = models.ManyToManyField(
        "articles.Article", through="TopicStory", related_name="topics", blank=True
    )
    history = HistoricalRecords()

    objects = TopicQuerySet.as_manager()

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = vietnamese_slugify(self.title)[:200]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("topics:detail", kwargs={"slug": self.slug})

    def clean(self):
        if not self.slug:
            self.slug = vietnamese_slugify(self.title)[:200]
        if not self.slug:
            raise ValidationError({"title": _("The title must give an address.")})

    def stories(self):
        """The topic's public stories as cards: pinned first in their order, then newest."""
        return (
            card_stories()
            .filter(topic_links__topic=self)
            .annotate(
                topic_pinned=models.F("topic_links__pinned"),
                topic_order=models.F("topic_links__order"),
            )
            .order_by("-topic_pinned", "topic_order", "-publication_at", "-pk")
        )


class TopicStory(models.Model):
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="links"
    )
    story = models.ForeignKey(
        "articles.Article",
        verbose_name=_("story"),
        on_delete=models.CASCADE,
        related_name="topic_links",
    )
    pinned = models.BooleanField(_("pinned"), default=False, help_text=_("Shown first."))
    order = models.PositiveIntegerField(
        _("order"), default=0, help_text=_("Pinned stories are shown by this number, lowest first.")
    )

    class Meta:
        verbose_name = _("story in a topic")
        verbose_name_plural = _("stories in topics")
        constraints = [models.UniqueConstraint(fields=["topic", "story"], name="topic_story_once")]
        indexes = [models.Index(fields=["topic", "-pinned", "order"], name="topic_story_order")]

    def __str__(self):
        return f"{self.topic} – {self.story_id}"
