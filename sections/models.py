"""Sections (chuyên mục): the site's menu and the home of every story."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from newsroom.text import numbered_slug, vietnamese_slugify
from newsroom.validators import validate_no_control_characters, validate_single_line

# Addresses the site itself uses (see newsroom/urls.py and articles/urls.py): a section
# with such a slug would be hidden behind them.
RESERVED_TOP_LEVEL = {
    "quan-tri",
    "i18n",
    "rss",
    "tag",
    "tac-gia",
    "tim-kiem",
    "api",
    "xem-truoc",
    "static",
    "media",
    "robots.txt",
    "sitemap.xml",
    "chu-de",
    "dinh-chinh",
    "truc-tiep",
}
RESERVED_ANYWHERE = {"rss"}


class SectionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def in_menu(self):
        return self.active().filter(show_in_menu=True, parent__isnull=True)


class Section(models.Model):
    name = models.CharField(
        _("name"),
        max_length=100,
        validators=[validate_no_control_characters, validate_single_line],
    )
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_("Part of the section's address. Made from the name when left empty."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent section"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    description = models.TextField(
        _("description"),
        blank=True,
        max_length=1000,
        validators=[validate_no_control_characters],
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    show_in_menu = models.BooleanField(_("shown in the menu"), default=True)
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Inactive sections disappear from the site; their stories stay."),
    )

    objects = SectionQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            # Outside the admin's form (an import, the shell), a name whose address is
            # taken gets the next free one: "Thời Sự!" beside "Thời sự" → thoi-su-2.
            base = self.slug_from_name()
            taken = set(
                Section.objects.exclude(pk=self.pk)
                .filter(slug__startswith=base)
                .values_list("slug", flat=True)
            )
            self.slug = numbered_slug(base, taken, max_length=100)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        # The reader's section tree (articles.navigation) works addresses out once.
        known = self.__dict__.get("known_url")
        return known or reverse("articles:section", kwargs={"path": self.path()})

    def clean(self):
        slug = self.slug or self.slug_from_name()
        if (
            not self.slug
            and self.name
            and Section.objects.exclude(pk=self.pk).filter(slug=slug).exists()
        ):
            raise ValidationError(
                {
                    "name": _(
                        "Another section already has the address “%(slug)s”, made from "
                        "this name. Choose another name, or type a slug."
                    )
                    % {"slug": slug}
                }
            )
        if slug in RESERVED_ANYWHERE or (self.parent_id is None and slug in RESERVED_TOP_LEVEL):
            raise ValidationError(
                {
                    "slug" if self.slug else "name": _(
                        "The address “%(slug)s” is used by another part of the site. Choose "
                        "another name or slug."
                    )
                    % {"slug": slug}
                }
            )
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": _("A section cannot be inside itself.")})
            ancestor = ancestor.parent

    def slug_from_name(self):
        return vietnamese_slugify(self.name, max_length=100, fallback="chuyen-muc")

    def ancestors(self):
        """From the top section down to this one's parent."""
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

    def path(self):
        return "/".join([s.slug for s in self.ancestors()] + [self.slug])

    def descendant_ids(self):
        """This section's id and those of every section below it, any depth."""
        ids, frontier = [self.pk], [self.pk]
        while frontier:
            frontier = list(
                Section.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)
            )
            ids.extend(frontier)
        return ids
