"""Staff invitations, and which sessions each account has open (so that deactivating
someone ends them at once)."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _digest(token):
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def pending(self, now=None):
        return self.filter(accepted_at=None, expires_at__gt=now or timezone.now())

    def by_token(self, token):
        """The pending invitation ``token`` opens; ``None`` for any other token."""
        if not token or len(token) > 100:
            return None
        return (
            self.pending().select_related("role__group").filter(token_hash=_digest(token)).first()
        )


class Invitation(models.Model):
    """An administrator asks someone to join the staff with a role; the link sent to them
    (only its digest is kept) lets them choose their login name and password once."""

    email = models.EmailField(_("email"))
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    role = models.ForeignKey("newsroom.Role", on_delete=models.PROTECT, verbose_name=_("role"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    expires_at = models.DateTimeField(_("valid until"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations",
        verbose_name=_("account"),
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return self.email

    def new_token(self):
        """A fresh link for this invitation (the previous one stops working), valid
        ``INVITATION_DAYS`` days from now."""
        token = secrets.token_urlsafe(32)
        self.token_hash = _digest(token)
        self.expires_at = timezone.now() + datetime.timedelta(days=settings.INVITATION_DAYS)
        return token

    def waiting_account(self):
        """An account made for this person before the invitation (the author of stories
        imported from WordPress: inactive, without a password, never signed in), which
        accepting the invitation opens instead of making a second one."""
        return (
            get_user_model()
            .objects.filter(
                email__iexact=self.email,
                is_active=False,
                # Never an administrator's account, whatever else matches.
                is_superuser=False,
                last_login=None,
                password__startswith=UNUSABLE_PASSWORD_PREFIX,
            )
            .order_by("pk")
            .first()
        )

    @property
    def is_pending(self):
        return self.accepted_at is None and self.expires_at > timezone.now()


class StaffSession(models.Model):
    """A session an account signed in with; ended with the account's deactivation."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("staff session")
        verbose_name_plural = _("staff sessions")

    def __str__(self):
        return f"{self.user_id}:{self.created_at:%Y-%m-%d %H:%M}"
