"""Stories, their sources and the record of every editorial transition.

``ArticleQuerySet.public()`` is the only definition of what a reader may see."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator
from django.db import IntegrityError, connections, models, transaction
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Sum
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_ckeditor_5.fields import CKEditor5Field
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

from newsroom import caching
from newsroom.html import image_sources, media_name, sanitize, strip_tags, validate_rich_text
from newsroom.text import fold, vietnamese_slugify
from newsroom.validators import (
    validate_no_control_characters,
    validate_publication_time,
    validate_single_line,
    validate_web_address,
)

from . import body as body_hooks
from . import seo_limits
from .search import search as search_stories

TEXT_VALIDATORS = [validate_no_control_characters, validate_single_line]


# What readers see of a story: a change to any of these is an update worth showing.
READER_FIELDS = (
    "title",
    "lead",
    "body",
    "section_id",
    "byline",
    "featured_image_id",
    "source_id",
    "source_url",
    "source_author",
    "source_published_at",
)


class Source(models.Model):
    """An outlet a story is taken from or based on (báo, hãng thông tấn)."""

    name = models.CharField(
        _("name"),
        max_length=200,
        unique=True,
        validators=TEXT_VALIDATORS,
        help_text=_("As printed in the source line, e.g. “TTXVN” or “kienthuc.net.vn”."),
    )
    url = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return self.name


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    RETURNED = "returned", _("Returned to reporter")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ArticleQuerySet(models.QuerySet):
    def update(self, **kwargs):
        """Stories changed in bulk (a command, the shell) change on the reader's pages as
        saved ones do (``articles.signals``), though no signal is sent for them."""
        rows = super().update(**kwargs)
        if rows:
            caching.changed("stories", using=self.db)
        return rows

    def public(self, now=None):
        """What a reader may see: published, and its publication time has come."""
        return self.filter(status=Status.PUBLISHED, publication_at__lte=now or timezone.now())

    def canonical_here(self):
        """Stories whose original is on this site: a syndicated piece that names another
        site's address as canonical is left out of our sitemaps (it stays in lists and
        feeds)."""
        return self.filter(canonical_url="")

    def scheduled(self, now=None):
        return self.filter(status=Status.PUBLISHED, publication_at__gt=now or timezone.now())

    def published(self):
        """Public or scheduled: approved for readers, whatever its time (what an editor may
        put on a front page board ahead of its minute). Readers get ``public()``."""
        return self.filter(status=Status.PUBLISHED)

    def in_section(self, section):
        return self.filter(section_id__in=section.descendant_ids())

    def with_cards(self):
        """What a list of story cards needs, in a fixed number of queries."""
        return self.select_related("section", "section__parent", "featured_image").defer(
            "search_vector", "search_text"
        )

    def search(self, query):
        """Stories matching a reader's query, best first (see ``articles.search``)."""
        return search_stories(self, query)

    def latest_first(self):
        return self.order_by("-publication_at", "-pk")

    def window(self, offset, limit, section_ids=None):
        """Stories ``offset`` to ``offset + limit`` of this list, newest first (narrowed to
        ``section_ids`` when given). The page is found among the stories' ids alone, an
        index-only walk, and only its own stories are read whole: page 500 costs little
        more than page 1."""
        ids = self.latest_first().values("pk")
        if section_ids is not None:
            ids = ids.filter(section_id__in=section_ids)
        ids = ids[offset : offset + limit]
        if section_ids is not None and len(section_ids) > 1 and self.db_vendor == "postgresql":
            ids = self._newest_in_each(section_ids, offset, limit)
        return self.filter(pk__in=ids).latest_first()

    @property
    def db_vendor(self):
        return connections[self.db].vendor

    def _newest_in_each(self, section_ids, offset, limit):
        """The ids of the page on PostgreSQL, for several sections: each section's stories
        come newest first from their own index range, and PostgreSQL merges the ranges
        (Merge Append) instead of collecting and sorting every story of every section."""
        parts = [
            self.filter(section_id=pk)
            .latest_first()
            .values("pk", "publication_at")[: offset + limit]
            for pk in section_ids
        ]
        merged = parts[0].union(*parts[1:], all=True).order_by("-publication_at", "-pk")
        sql, params = merged[offset : offset + limit].query.sql_with_params()
        # Only the ids of the merged ranges: Django cannot select fewer columns from a UNION
        # than its parts have, and ordering needs publication_at in them.
        return RawSQL(f"SELECT page.pk FROM ({sql}) AS page", params)  # noqa: S608, S611

    def in_sections(self, section_ids):
        return self.filter(section_id__in=section_ids)

    def tagged(self, tag):
        """Stories carrying ``tag``."""
        # EXISTS, not taggit's join: its object_id column is an integer, and the cast the
        # join needs to meet our bigint ids keeps PostgreSQL off the tagged-items index.
        # EXISTS lets it walk the newest stories and probe taggit's unique index
        # (content type, object, tag) for a common tag, or start from the tag's few items
        # for a rare one; an IN (subquery) would hash every item of a common tag first.
        items = Article.tags.through.objects.filter(
            tag=tag,
            content_type_id=ContentType.objects.get_for_model(Article).pk,
            object_id=OuterRef("pk"),
        )
        return self.filter(Exists(items))

    def by_author(self, user):
        return self.filter(authors=user)

    def most_read(self, limit, days=None, today=None):
        """The ``limit`` public stories most viewed over the last ``days`` days (today
        included), most viewed first, each annotated with ``views``; unviewed stories are
        left out. Narrow the queryset (a section, a story to leave out) before this."""
        days = days or settings.MOST_READ_DAYS
        since = (today or timezone.localdate()) - datetime.timedelta(days=days - 1)
        recent = Q(daily_views__day__gte=since)
        order = ["-views", "-publication_at", "-pk"]
        # Rank narrow rows first, then load the few winners: aggregating whole story rows
        # would drag every column of thousands of read stories through the sort.
        ranked = (
            self.public()
            .filter(recent)
            .values("pk")
            .annotate(views=Sum("daily_views__count"))
            .order_by(*order)
            .values("pk")[:limit]
        )
        return (
            self.public()
            .filter(pk__in=ranked)
            .annotate(views=Sum("daily_views__count", filter=recent))
            .order_by(*order)
        )

    def with_total_views(self):
        """Each story annotated with ``total_views``: every view ever counted, the days
        rolled into its ``ArticleViewTotal`` (``manage.py prune_daily_views``) and the
        days still kept one by one."""
        kept = (
            ArticleDailyViews.objects.filter(article=OuterRef("pk"))
            .values("article")
            .annotate(views=Sum("count"))
            .values("views")
        )
        rolled = ArticleViewTotal.objects.filter(article=OuterRef("pk")).values("count")
        return self.annotate(
            total_views=Coalesce(Subquery(rolled), 0) + Coalesce(Subquery(kept), 0)
        )

    def editable_by(self, user):
        """The stories a staff member may see in the admin."""
        if user.has_perm("articles.change_any_article"):
            return self
        return self.filter(Q(created_by=user) | Q(authors=user)).distinct()


class Article(models.Model):
    title = models.CharField(_("title"), max_length=250, validators=TEXT_VALIDATORS)
    slug = models.SlugField(_("slug"), max_length=200, editable=False, allow_unicode=False)
    lead = models.TextField(
        _("lead"),
        max_length=1000,
        blank=True,
        validators=[validate_no_control_characters],
        help_text=_(
            "The sapo: one or two sentences shown in bold under the title, in lists, "
            "feeds and when the story is shared. Required to publish."
        ),
    )
    body = CKEditor5Field(
        _("body"),
        blank=True,
        validators=[validate_rich_text, validate_no_control_characters],
    )
    section = models.ForeignKey(
        "sections.Section",
        verbose_name=_("section"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
        help_text=_("Required to publish."),
    )
    tags = TaggableManager(_("tags"), blank=True)
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("authors"),
        blank=True,
        related_name="articles",
        limit_choices_to={"is_staff": True},
    )
    byline = models.CharField(
        _("byline text"),
        max_length=200,
        blank=True,
        validators=TEXT_VALIDATORS,
        help_text=_(
            "Optional free text, e.g. a pen name or “Nhóm PV”. Shown after the authors' names."
        ),
    )
    is_republished = models.BooleanField(
        _("taken from another outlet"),
        default=False,
        help_text=_(
            "Tick when the story republishes or is based on another outlet's piece; "
            "the source is then required."
        ),
    )
    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
    )
    source_url = models.URLField(_("original URL"), blank=True, max_length=500)
    source_author = models.CharField(
        _("original author"), max_length=200, blank=True, validators=TEXT_VALIDATORS
    )
    source_published_at = models.DateTimeField(
        _("original publication time"),
        null=True,
        blank=True,
        validators=[validate_publication_time],
    )
    featured_image = models.ForeignKey(
        "images.Image",
        verbose_name=_("featured image"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="featured_in",
    )
    body_images = models.ManyToManyField(
        "images.Image",
        verbose_name=_("images in the body"),
        blank=True,
        editable=False,
        related_name="used_in_body",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
        editable=False,
    )
    publication_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        validators=[validate_publication_time],
        help_text=_(
            "Vietnam time (GMT+7). A story published with a future time is "
            "scheduled: it goes live at that minute on every page."
        ),
    )
    first_published_at = models.DateTimeField(
        _("first published"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(
        _("last updated"),
        default=timezone.now,
        editable=False,
        help_text=_("When what readers see last changed; workflow steps do not count."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last edited by"),
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    internal_note = models.TextField(
        _("internal note"),
        blank=True,
        max_length=5000,
        validators=[validate_no_control_characters],
        help_text=_("For the newsroom only; never shown to readers."),
    )
    featured_on_home = models.BooleanField(_("featured on home"), default=False)
    home_order = models.PositiveSmallIntegerField(
        _("order on home"),
        default=0,
        validators=[MaxValueValidator(999)],
        help_text=_("Smaller numbers come first."),
    )
    # Search and sharing (articles.seo): each blank one falls back to the story's own.
    seo_title = models.CharField(
        _("SEO title"),
        max_length=seo_limits.SEO_TITLE.most,
        blank=True,
        validators=TEXT_VALIDATORS,
        help_text=format_lazy(
            _(
                "The title of the Google result and of the browser tab, when it should differ "
                "from the story's title. Best under {advice} characters."
            ),
            advice=seo_limits.SEO_TITLE.advice,
        ),
    )
    seo_description = models.CharField(
        _("meta description"),
        max_length=seo_limits.SEO_DESCRIPTION.most,
        blank=True,
        validators=[validate_no_control_characters],
        help_text=format_lazy(
            _(
                "The text under the Google result. Leave blank to use the lead. "
                "Best under {advice} characters."
            ),
            advice=seo_limits.SEO_DESCRIPTION.advice,
        ),
    )
    social_title = models.CharField(
        _("social title"),
        max_length=seo_limits.SOCIAL_TITLE.most,
        blank=True,
        validators=TEXT_VALIDATORS,
        help_text=format_lazy(
            _(
                "The title of the card shown when the story is shared on Facebook or Zalo. "
                "Leave blank to use the SEO title or the story's title. "
                "Best under {advice} characters."
            ),
            advice=seo_limits.SOCIAL_TITLE.advice,
        ),
    )
    social_description = models.CharField(
        _("social description"),
        max_length=seo_limits.SOCIAL_DESCRIPTION.most,
        blank=True,
        validators=[validate_no_control_characters],
        help_text=format_lazy(
            _(
                "The text of the share card. Leave blank to use the meta description or the "
                "lead. Best under {advice} characters."
            ),
            advice=seo_limits.SOCIAL_DESCRIPTION.advice,
        ),
    )
    social_image = models.ForeignKey(
        "images.Image",
        verbose_name=_("social image"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="social_in",
        help_text=_("The picture of the share card. Leave blank to use the featured image."),
    )
    canonical_url = models.URLField(
        _("canonical URL"),
        max_length=seo_limits.CANONICAL_URL_LENGTH,
        blank=True,
        validators=[validate_web_address],
        help_text=_(
            "Only for a story first published elsewhere: the original's address. Search "
            "engines then credit the original, and the story is left out of our sitemaps."
        ),
    )
    search_text = models.TextField(editable=False, blank=True, default="")
    # Written by a database trigger on PostgreSQL (migration 0003), which also adds its
    # GIN index; always empty on SQLite. See articles.search.
    search_vector = SearchVectorField(null=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ArticleQuerySet.as_manager()
    history = HistoricalRecords(
        m2m_fields=[authors],
        excluded_fields=["search_text", "search_vector", "updated_at"],
        verbose_name=_("historical story"),
    )

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        ordering = ["-publication_at", "-created_at"]
        permissions = [
            ("change_any_article", _("Can edit any story in any state")),
            ("review_article", _("Can return stories to their reporter")),
            ("publish_article", _("Can publish, schedule and withdraw stories")),
        ]
        # The id ends both list indexes: lists are ordered by (publication time, id), and
        # a page of ids is then found from the index alone (Article.objects.window).
        indexes = [
            models.Index(fields=["status", "-publication_at", "-id"], name="article_public_idx"),
            models.Index(
                fields=["section", "status", "-publication_at", "-id"], name="article_section_idx"
            ),
            models.Index(fields=["featured_on_home", "home_order"], name="article_home_idx"),
            # The desk's list (the admin's order, ``ordering`` then the id): its first page
            # without sorting a million stories.
            models.Index(
                fields=["-publication_at", "-created_at", "-id"], name="article_desk_order_idx"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # The stored body is trusted by templates only because it is cleaned here.
        self.body = sanitize(body_hooks.prepare(self.body))
        self.slug = vietnamese_slugify(self.title)
        self.search_text = fold(" ".join([self.title, self.lead, strip_tags(self.body)]))
        self._touch_if_content_changed(kwargs)
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "body" in update_fields:
            self.sync_body_images()

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug, "pk": self.pk})

    @property
    def page_title(self):
        """The title of the browser tab and the Google result."""
        return self.seo_title or self.title

    def is_public(self, now=None):
        return (
            self.status == Status.PUBLISHED
            and self.publication_at is not None
            and self.publication_at <= (now or timezone.now())
        )

    @property
    def is_scheduled(self):
        return (
            self.status == Status.PUBLISHED
            and self.publication_at is not None
            and self.publication_at > timezone.now()
        )

    @property
    def was_updated_after_publication(self):
        return bool(
            self.publication_at
            and self.updated_at
            and (self.updated_at - self.publication_at).total_seconds() > 60
        )

    def _touch_if_content_changed(self, save_kwargs):
        """Move ``updated_at`` only when something readers see has changed, so that
        "Updated …", feeds and sitemaps do not announce a change of home order."""
        update_fields = save_kwargs.get("update_fields")
        watched = [f for f in READER_FIELDS if update_fields is None or f in update_fields]
        if self._state.adding or not watched:
            return
        stored = type(self).objects.filter(pk=self.pk).values(*watched).first()
        if stored is None or any(stored[f] != getattr(self, f) for f in watched):
            self.updated_at = timezone.now()
            if update_fields is not None:
                save_kwargs["update_fields"] = {*update_fields, "updated_at"}

    def sync_body_images(self):
        """Link the library records of the images the body shows (for alt-text checks and
        for "where is this image used")."""
        from images.models import Image

        names = [n for n in (media_name(src) for src, _alt in self.body_image_sources()) if n]
        self.body_images.set(Image.objects.shown_at(names))

    def body_image_sources(self):
        return image_sources(self.body)


class ArticleTransition(models.Model):
    """One step of a story's workflow: who moved it, when, from where to where, and why."""

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="transitions",
        verbose_name=_("story"),
    )
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    comment = models.TextField(
        _("comment"), blank=True, max_length=2000, validators=[validate_no_control_characters]
    )
    publication_at = models.DateTimeField(_("publication time"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow steps")

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


# Rounds of update-then-insert for one view, at most: each lost round means another request
# or the pruning command changed the day's row in between, so this is never reached in
# practice; it only bounds a request if the database misbehaves.
RECORD_ATTEMPTS = 100


def _is_foreign_key_violation(error):
    cause = error.__cause__
    return getattr(cause, "sqlstate", None) == "23503" or "FOREIGN KEY" in str(cause)


class ArticleDailyViews(models.Model):
    """How many times readers opened a story on one day (Vietnam time): the whole record
    behind "most read". A counter per story and day, nothing about the reader."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="daily_views", verbose_name=_("story")
    )
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("daily views of a story")
        verbose_name_plural = _("daily views of stories")
        constraints = [
            models.UniqueConstraint(fields=["article", "day"], name="article_views_one_row_per_day")
        ]
        indexes = [models.Index(fields=["day", "article"], name="article_views_by_day_idx")]

    def __str__(self):
        return f"{self.article_id} {self.day:%d/%m/%Y}: {self.count}"

    @classmethod
    def record(cls, article_id, day=None):
        """Count one view. Safe under concurrent requests: the increment happens in the
        database, and two first views racing to create the day's row both end up counted."""
        day = day or timezone.localdate()
        row = cls.objects.filter(article_id=article_id, day=day)
        for _attempt in range(RECORD_ATTEMPTS):
            if row.update(count=F("count") + 1):
                return
            try:
                with transaction.atomic():
                    cls.objects.create(article_id=article_id, day=day, count=1)
                return
            except IntegrityError as error:
                if _is_foreign_key_violation(error):
                    return  # the story was deleted since the beacon looked: so is its view
                # Another request created the row between our update and insert: add to
                # it (unless pruning rolled it up meanwhile: then start one again).
                continue

    @classmethod
    def older_than(cls, before):
        """What ``roll_up(before)`` would take: ``rows``, ``stories`` and ``views``."""
        found = cls.objects.filter(day__lt=before).aggregate(
            rows=Count("pk"), stories=Count("article", distinct=True), views=Sum("count")
        )
        return {**found, "views": found["views"] or 0}

    @classmethod
    def roll_up(cls, before, batch_size=1000):
        """Add each story's views on days before ``before`` to its ``ArticleViewTotal``
        and delete those days' rows, ``batch_size`` rows per transaction. Returns
        ``(rows, views)`` rolled up. Running it again finds nothing more to do.

        Safe while views are counted: the rows are locked before they are read, so a
        view counted meanwhile either waits and lands after the row is gone (``record``
        then starts a new row, rolled up next time) or lands before and is rolled up."""
        rows_done = views_done = 0
        while True:
            with transaction.atomic():
                batch = list(
                    cls.objects.select_for_update()
                    .filter(day__lt=before)
                    .order_by("pk")
                    .values_list("pk", "article_id", "day", "count")[:batch_size]
                )
                if not batch:
                    return rows_done, views_done
                per_story = {}
                for _pk, article_id, day, count in batch:
                    views, last = per_story.get(article_id, (0, day))
                    per_story[article_id] = (views + count, max(last, day))
                ArticleViewTotal.objects.bulk_create(
                    [ArticleViewTotal(article_id=pk) for pk in per_story], ignore_conflicts=True
                )
                totals = list(
                    ArticleViewTotal.objects.select_for_update()
                    .filter(article_id__in=per_story)
                    .order_by("article_id")
                )
                for total in totals:
                    views, last = per_story[total.article_id]
                    total.count += views
                    total.through = max(total.through or last, last)
                ArticleViewTotal.objects.bulk_update(totals, ["count", "through"])
                cls.objects.filter(pk__in=[row[0] for row in batch]).delete()
            rows_done += len(batch)
            views_done += sum(row[3] for row in batch)


class ArticleViewTotal(models.Model):
    """A story's views on the days whose daily rows were pruned (``manage.py
    prune_daily_views``): with the days still kept, every view it ever had
    (``Article.objects.with_total_views()``)."""

    article = models.OneToOneField(
        Article,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="view_total",
        verbose_name=_("story"),
    )
    count = models.PositiveBigIntegerField(_("views"), default=0)
    through = models.DateField(
        _("up to"), null=True, help_text=_("The last day whose views are counted here.")
    )

    class Meta:
        verbose_name = _("views of a story on pruned days")
        verbose_name_plural = _("views of stories on pruned days")

    def __str__(self):
        return f"{self.article_id} …{self.through:%d/%m/%Y}: {self.count}"
