"""Site-wide settings: contacts, weather box and the masthead the press law requires."""

import datetime

from django.conf import settings as project_settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import caching
from .validators import validate_no_control_characters, validate_single_line

TEXT = [validate_no_control_characters, validate_single_line]
phone = RegexValidator(
    r"^[0-9+][0-9 .()\-]{5,24}$",
    _("Enter a phone number: digits, spaces, dots or dashes, e.g. 024.3728.1575."),
)


class SiteSettings(models.Model):
    """The one row of site-wide settings. Use ``SiteSettings.load()``."""

    site_name = models.CharField(
        _("site name"), max_length=100, default="Tòa soạn", validators=TEXT
    )
    tagline = models.CharField(_("tagline"), max_length=200, blank=True, validators=TEXT)
    hotline = models.CharField(_("hotline"), max_length=30, blank=True, validators=[phone])
    ads_phone = models.CharField(
        _("advertising contact phone"), max_length=30, blank=True, validators=[phone]
    )
    ads_contact = models.CharField(
        _("advertising contact person"), max_length=100, blank=True, validators=TEXT
    )
    newsroom_phone = models.CharField(
        _("newsroom phone"), max_length=30, blank=True, validators=[phone]
    )
    email = models.EmailField(_("email"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True, validators=TEXT)
    weather_city = models.CharField(_("weather: city"), max_length=60, blank=True, validators=TEXT)
    weather_temperature = models.SmallIntegerField(
        _("weather: temperature (°C)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-30), MaxValueValidator(60)],
    )
    weather_humidity = models.PositiveSmallIntegerField(
        _("weather: humidity (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
    )
    weather_updated_at = models.DateTimeField(_("weather: updated at"), null=True, blank=True)

    history = HistoricalRecords(verbose_name=_("historical site settings"))

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def __str__(self):
        return str(_("Site settings"))

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)
        caching.changed("settings")

    def delete(self, *args, **kwargs):
        raise models.ProtectedError(_("Site settings cannot be deleted."), [self])

    @classmethod
    def load(cls):
        """The settings row with the masthead in effect today, kept until either changes
        (the ``settings`` tag ends at midnight too: a masthead may take effect then)."""
        return caching.remember(
            "site-settings", cls._read, tags=["settings"], ttl=86400, optional=False
        )

    @classmethod
    def _read(cls):
        # Read first: a write (get_or_create) would pin the request to the primary.
        settings = cls.objects.filter(pk=1).first() or cls.objects.get_or_create(pk=1)[0]
        settings.masthead_cached = Masthead.objects.current()
        return settings

    @property
    def masthead(self):
        if not hasattr(self, "masthead_cached"):
            self.masthead_cached = Masthead.objects.current()
        return self.masthead_cached

    @property
    def has_weather(self):
        return (
            bool(self.weather_city)
            and self.weather_temperature is not None
            and not self.weather_is_stale()
        )

    @property
    def weather_stale_at(self):
        """When the reading gets older than ``WEATHER_MAX_AGE``; None for weather typed in
        by hand with no time (an editor keeps it)."""
        if self.weather_updated_at is None:
            return None
        return self.weather_updated_at + datetime.timedelta(
            minutes=project_settings.WEATHER_MAX_AGE
        )

    @classmethod
    def weather_goes_stale(cls, now):
        """When the weather box leaves by itself (a datetime after ``now``), or None."""
        updated_at = cls.objects.filter(pk=1).values_list("weather_updated_at", flat=True).first()
        if updated_at is None:
            return None
        stale_at = updated_at + datetime.timedelta(minutes=project_settings.WEATHER_MAX_AGE)
        return stale_at if stale_at > now else None

    def weather_is_stale(self, now=None):
        stale_at = self.weather_stale_at
        return stale_at is not None and (now or timezone.now()) >= stale_at


class MastheadQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(effective_from__lte=on).order_by("-effective_from", "-pk").first()


class Masthead(models.Model):
    """The legal masthead of the e-newspaper (Luật Báo chí 2016, Điều 46).

    Each change (a new licence, governing body or editor-in-chief) is a new row from its
    effective date, so the history stays on record."""

    governing_body = models.CharField(
        _("governing body"),
        max_length=200,
        validators=TEXT,
        help_text=_("The body the press licence names (cơ quan chủ quản)."),
    )
    licence_number = models.CharField(_("licence number"), max_length=100, validators=TEXT)
    licence_date = models.DateField(_("licence date"))
    licence_issuer = models.CharField(_("licence issued by"), max_length=200, validators=TEXT)
    editor_in_chief = models.CharField(_("editor-in-chief"), max_length=100, validators=TEXT)
    effective_from = models.DateField(
        _("in effect from"),
        default=datetime.date.today,
        help_text=_("The site shows the latest masthead in effect; older ones stay on record."),
    )

    objects = MastheadQuerySet.as_manager()

    class Meta:
        ordering = ["-effective_from", "-pk"]
        verbose_name = _("masthead")
        verbose_name_plural = _("masthead history")

    def __str__(self):
        return f"{self.licence_number} ({self.effective_from:%d/%m/%Y})"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        caching.changed("settings")

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        caching.changed("settings")
        return result


class RoleQuerySet(models.QuerySet):
    def group(self, code):
        """The group of the role named ``code`` (``"reporter"``, ``"editor"``), whatever
        the group is called today."""
        return self.select_related("group").get(code=code).group

    def for_user(self, user):
        return self.filter(group__user=user)


class Role(models.Model):
    """A newsroom role: a group of accounts known to the code by a name that never changes
    (``code``), however the group itself is named or translated."""

    code = models.SlugField(_("code"), max_length=30, unique=True, editable=False)
    group = models.OneToOneField(
        "auth.Group", on_delete=models.CASCADE, related_name="role", verbose_name=_("group")
    )
    requires_second_factor = models.BooleanField(
        _("requires two-step sign-in"),
        default=False,
        help_text=_(
            "Members must enrol an authenticator app before they can use the admin. "
            "Administrators always must."
        ),
    )

    objects = RoleQuerySet.as_manager()

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["code"]

    def __str__(self):
        return str(self.label)

    @property
    def label(self):
        from .roles import ROLE_LABELS

        return ROLE_LABELS.get(self.code, self.group.name)
