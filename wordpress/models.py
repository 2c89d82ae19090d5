"""What an import from WordPress leaves behind: which record each WordPress item became
(so that a second run creates nothing twice), and the old site's addresses of the stories
(so that links to them keep working)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    POST = "post", _("Post")
    CATEGORY = "category", _("Category")
    AUTHOR = "author", _("Author")
    ATTACHMENT = "attachment", _("Photo")
    FILE = "file", _("Photo file")
    COMMENT = "comment", _("Reader's comment")


class ImportedItem(models.Model):
    """One WordPress item and the record it became here (a story, a section, an account,
    a library photo): ``key`` is its WordPress id (a slug, a login or a file path for
    kinds without one)."""

    source = models.CharField(
        _("WordPress site"), max_length=200, help_text=_("The exported site's address.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    key = models.CharField(_("WordPress id"), max_length=255)
    object_id = models.PositiveBigIntegerField(_("record"))
    imported_at = models.DateTimeField(_("imported"), default=timezone.now)

    class Meta:
        verbose_name = _("imported WordPress item")
        verbose_name_plural = _("imported WordPress items")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "key"], name="wordpress_item_once_per_site"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.key} → {self.object_id}"


class OldAddress(models.Model):
    """An address a story had on the WordPress site (``/2021/11/15/slug/``, ``/?p=123``),
    kept without its trailing slash; readers following it are sent to the story."""

    path = models.CharField(_("old address"), max_length=500, unique=True)
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("story"),
        on_delete=models.CASCADE,
        related_name="old_addresses",
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")
        ordering = ["path"]

    def __str__(self):
        return self.path
