"""What readers learn about the people who write: a profile per staff account, shown on
the author's page. The account keeps the login; the profile keeps what is public."""

from django.conf import settings
from django.core.validators import MaxLengthValidator, URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from newsroom.validators import validate_no_control_characters, validate_single_line

BIO_MAX_LENGTH = 600  # as the bio's help text says
# A profile's links are opened by readers: web addresses only, never javascript: or ftp:.
web_address = URLValidator(
    schemes=["http", "https"], message=_("Enter a web address (http or https).")
)


class ProfileQuerySet(models.QuerySet):
    def editable_by(self, user):
        """The profiles ``user`` may change: their own, or anyone's with the permission."""
        if user.is_superuser or user.has_perm("people.change_any_profile"):
            return self
        return self.filter(user=user)


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("account"),
    )
    photo = models.ForeignKey(
        "images.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("photo"),
        help_text=_("A portrait from the image library, shown on your author page."),
    )
    job_title = models.CharField(
        _("role"),
        max_length=100,
        blank=True,
        validators=[validate_single_line, validate_no_control_characters],
        help_text=_("As readers should read it, e.g. “Phóng viên ban Thời sự”."),
    )
    bio = models.TextField(
        _("short bio"),
        blank=True,
        validators=[MaxLengthValidator(BIO_MAX_LENGTH), validate_no_control_characters],
        help_text=_("Plain text, 600 characters at most."),
    )
    public_email = models.EmailField(
        _("public email"),
        blank=True,
        help_text=_("Optional: shown to readers. Your login email is never shown."),
    )
    website = models.URLField(_("website"), blank=True, validators=[web_address])
    facebook = models.URLField(_("Facebook"), blank=True, validators=[web_address])
    x = models.URLField(_("X (Twitter)"), blank=True, validators=[web_address])
    # Private: the language the admin speaks to this person (the public site is always
    # Vietnamese); newsroom.middleware applies it from their next page.
    language = models.CharField(
        _("admin language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["language"])

    objects = ProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("author profile")
        verbose_name_plural = _("author profiles")
        permissions = [("change_any_profile", _("Can change anyone's author profile"))]

    def __str__(self):
        return self.user.get_full_name() or self.user.get_username()

    def links(self):
        """``[(label, address), …]`` for the links a reader may follow."""
        found = [
            (_("Website"), self.website),
            ("Facebook", self.facebook),
            ("X", self.x),
        ]
        return [(label, address) for label, address in found if address]
