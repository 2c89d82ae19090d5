"""Readers' comments under stories. Every comment waits for a moderator: readers see only
approved ones. Who approved or rejected what, and when, is kept (the press law's audit
trail: the decision on the row, every edit of the text in its history); the writer's
email, address and browser are kept ``COMMENT_PERSONAL_DATA_DAYS`` days at most."""

import ipaddress
import re
import unicodedata

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from articles.models import Article
from newsroom import caching
from newsroom.validators import validate_no_control_characters, validate_single_line

DAY = 24 * 3600
TAGS = ["comments"]
REMOVAL_SALT = "comments.removal"


class Status(models.TextChoices):
    PENDING = "pending", _("Waiting for moderation")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    REMOVED = "removed", _("Removed by its writer")


def validate_comment_length(value):
    if value and len(value) > settings.COMMENT_MAX_LENGTH:
        raise ValidationError(
            _("A comment may have at most %(limit)d characters (this one has %(count)d)."),
            code="too_long",
            params={"limit": settings.COMMENT_MAX_LENGTH, "count": len(value)},
        )


class CommentQuerySet(models.QuerySet):
    def shown(self):
        """What readers see: approved, and a reply only under an approved comment."""
        return self.filter(status=Status.APPROVED).filter(
            models.Q(parent__isnull=True) | models.Q(parent__status=Status.APPROVED)
        )

    def pending(self):
        return self.filter(status=Status.PENDING)

    def newest_first(self):
        return self.order_by("-created_at", "-pk")

    def most_liked_first(self):
        return self.order_by("-likes", "-created_at", "-pk")

    def for_readers(self):
        """Only what a reader's page prints: no email, address or browser is read (nor
        kept in the cache with the page)."""
        return self.only(
            "pk", "story_id", "parent_id", "name", "text", "links_allowed", "created_at", "likes"
        )

    def with_personal_data_before(self, moment):
        return self.filter(created_at__lt=moment).exclude(
            email="", ip_address__isnull=True, user_agent=""
        )

    def by_removal_token(self, token):
        """The comment a removal link names (``Comment.removal_token``), or None."""
        try:
            pk = signing.loads(token, salt=REMOVAL_SALT)
        except signing.BadSignature:
            return None
        return self.filter(pk=pk).first() if isinstance(pk, int) else None

    def add_like(self, pk):
        """One more like of comment ``pk`` (counted in the database, whatever others add at
        the same moment); its count now."""
        self.filter(pk=pk).update(likes=models.F("likes") + 1)
        return self.filter(pk=pk).values_list("likes", flat=True).first() or 0

    def erase_personal_data(self):
        """Blank the writers' emails, addresses and browsers; returns how many comments."""
        return self.update(email="", ip_address=None, user_agent="")


class Comment(models.Model):
    story = models.ForeignKey(
        Article, verbose_name=_("story"), on_delete=models.PROTECT, related_name="comments"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
    )
    name = models.CharField(
        _("name"),
        max_length=60,
        validators=[validate_no_control_characters, validate_single_line],
    )
    email = models.EmailField(
        _("email"), blank=True, help_text=_("Never shown to readers; erased after a while.")
    )
    text = models.TextField(
        _("text"),
        validators=[validate_no_control_characters, validate_comment_length],
        help_text=_("Plain text: links are shown as text unless a moderator allows them."),
    )
    links_allowed = models.BooleanField(
        _("links clickable"),
        default=False,
        help_text=_(
            "Only after checking where they lead: otherwise readers see the comment's links "
            "as plain text."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    reason = models.TextField(
        _("reason"), blank=True, help_text=_("Why it was rejected (for the newsroom only).")
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True, editable=False)
    removed_at = models.DateTimeField(
        _("removed by its writer at"), null=True, blank=True, editable=False
    )
    ip_address = models.GenericIPAddressField(
        _("IP address"), null=True, blank=True, editable=False
    )
    user_agent = models.CharField(_("browser"), max_length=300, blank=True, editable=False)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now, editable=False)
    likes = models.PositiveIntegerField(_("likes"), default=0, editable=False)

    objects = CommentQuerySet.as_manager()
    # The text's edits and every decision, by whom; the writer's personal data stays out
    # of the history, so that erasing it erases it.
    history = HistoricalRecords(
        verbose_name=_("historical comment"),
        excluded_fields=["email", "ip_address", "user_agent", "likes"],
    )

    class Meta:
        verbose_name = _("reader's comment")
        verbose_name_plural = _("readers' comments")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["story", "status", "created_at"], name="comment_story_shown"),
            models.Index(fields=["status", "created_at"], name="comment_queue"),
        ]

    def __str__(self):
        return f"{self.name}: {self.text[:60]}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        was_shown = getattr(self, "_status_loaded", None) == Status.APPROVED
        self._status_loaded = self.status
        # A comment waiting for moderation changes nothing readers see: the story's page
        # stays as it is kept until a moderator approves one.
        if was_shown or self.status == Status.APPROVED:
            comments_changed(self.story_id)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._status_loaded = instance.__dict__.get("status")
        return instance

    def clean(self):
        super().clean()
        if not (self.text or "").strip() and self.status != Status.REMOVED:
            raise ValidationError({"text": _("Write your comment.")})
        if self.parent_id is not None:
            parent = self.parent
            if parent.story_id != self.story_id or parent.parent_id is not None:
                raise ValidationError(
                    {"parent": _("A reply answers a comment under the same story.")}
                )

    def moderate(self, user, status, reason=""):
        """Approve or reject, recording who decided and when."""
        if status == Status.REJECTED and not (reason or "").strip():
            raise ValidationError(_("Give a reason for rejecting."))
        self.status = status
        self.reason = (reason or "").strip() if status == Status.REJECTED else ""
        self.moderated_by = user
        self.moderated_at = timezone.now()
        self.save()

    def removal_token(self):
        """What the writer's removal link carries: the comment, signed (no expiry)."""
        return signing.dumps(self.pk, salt=REMOVAL_SALT)

    def remove_by_writer(self):
        """The writer asked for it to go: its text and their personal data are blanked; the
        row (and who had approved it) stays for the newsroom's record."""
        self.status = Status.REMOVED
        self.removed_at = timezone.now()
        self.name = ""
        self.text = ""
        self.email = ""
        self.ip_address = None
        self.user_agent = ""
        self.save()
        # The history's earlier versions hold their name and words too: blanked, as the
        # writer is told. Who decided what, and when, stays.
        self.history.all().update(name="", text="")


def comments_changed(story_pk):
    """What readers see of a story's comments changed (one approved, edited, rejected or
    removed after approval, a story's switch or the comment settings changed): once the
    transaction commits, the ``comments`` parts are made again."""
    story = Article.objects.filter(pk=story_pk).only("pk", "slug").first() if story_pk else None
    caching.changed(*TAGS, paths=[story.get_absolute_url()] if story is not None else [])


class Mode(models.TextChoices):
    DEFAULT = "default", _("As the comment settings say")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class StorySetting(models.Model):
    """Whether readers may comment under one story, when it differs from the default."""

    story = models.OneToOneField(
        Article,
        verbose_name=_("story"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="comment_setting",
    )
    mode = models.CharField(
        _("readers' comments"), max_length=10, choices=Mode.choices, default=Mode.DEFAULT
    )

    class Meta:
        verbose_name = _("comments on this story")
        verbose_name_plural = _("comments on stories")

    def __str__(self):
        return str(self.get_mode_display())

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        comments_changed(self.story_id)

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        comments_changed(self.story_id)
        return result


def open_for(story_pk):
    """Whether readers may comment under the story now: its own setting, else the
    default of the comment settings."""
    mode = StorySetting.objects.filter(story_id=story_pk).values_list("mode", flat=True).first()
    if mode in (Mode.OPEN, Mode.CLOSED):
        return mode == Mode.OPEN
    return CommentSettings.load().open_by_default


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def validate_addresses(value):
    for line in _lines(value):
        try:
            ipaddress.ip_network(line, strict=False)
        except ValueError:
            raise ValidationError(
                _("%(line)s is not an address (203.0.113.7) or a network (203.0.113.0/24)."),
                code="address",
                params={"line": line},
            ) from None


def _normal(text):
    return unicodedata.normalize("NFC", text).casefold()


class CommentSettings(models.Model):
    """The one row of what moderators decide for every story. Use ``load()``."""

    open_by_default = models.BooleanField(
        _("comments open under every story"),
        default=True,
        help_text=_("A story's own setting (on its page in the admin) overrides this."),
    )
    blocked_words = models.TextField(
        _("blocked words"),
        blank=True,
        validators=[validate_no_control_characters],
        help_text=_(
            "One word or phrase a line. A comment containing one (in any case) is refused "
            "when it is sent. Accents count: add the spelling without them too if needed."
        ),
    )
    blocked_addresses = models.TextField(
        _("blocked addresses"),
        blank=True,
        validators=[validate_addresses],
        help_text=_("One address (203.0.113.7) or network (203.0.113.0/24) a line."),
    )

    history = HistoricalRecords(verbose_name=_("historical comment settings"))

    class Meta:
        verbose_name = _("comment settings")
        verbose_name_plural = _("comment settings")

    def __str__(self):
        return str(_("Comment settings"))

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)
        comments_changed(None)

    def delete(self, *args, **kwargs):
        raise models.ProtectedError(_("Comment settings cannot be deleted."), [self])

    @classmethod
    def load(cls):
        return caching.remember("comment-settings", cls._read, tags=TAGS, ttl=DAY, optional=False)

    @classmethod
    def _read(cls):
        return cls.objects.filter(pk=1).first() or cls(pk=1)

    def blocked_word_in(self, *texts):
        """The first blocked word or phrase found as a whole word in ``texts``, or None."""
        words = [_normal(word) for word in _lines(self.blocked_words)]
        if not words:
            return None
        joined = _normal("\n".join(texts))
        for word in words:
            if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", joined):
                return word
        return None

    def blocks_address(self, address):
        if not address:
            return False
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        for line in _lines(self.blocked_addresses):
            try:
                if ip in ipaddress.ip_network(line, strict=False):
                    return True
            except ValueError:
                continue
        return False

    def block(self, addresses):
        """Add ``addresses`` to the blocked ones; returns how many were new."""
        known = set(_lines(self.blocked_addresses))
        new = [a for a in dict.fromkeys(addresses) if a and a not in known]
        if new:
            self.blocked_addresses = "\n".join([*_lines(self.blocked_addresses), *new])
            self.save()
        return len(new)
