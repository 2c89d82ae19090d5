"""Signing in: django-axes with two limits, and the security log's lines about logins.

``AccountAndAddressHandler`` (``AXES_HANDLER``) locks a username tried from one address
after ``AXES_FAILURE_LIMIT`` failures, and an address after ``AXES_ADDRESS_FAILURE_LIMIT``
failures whatever the usernames. Logins, failed logins and lockouts are logged through
``newsroom.security.log_event`` with the account's id and name and the client address;
axes' own lines (which mask both) are switched off in ``LOGGING``. Connected by
``NewsroomConfig.ready``."""

import logging

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models import Sum
from django.dispatch import receiver

from .security import log_event


def _account(username):
    """The account a login tried, when there is one: its id goes in the log line."""
    if not username:
        return None
    model = get_user_model()
    return model._default_manager.filter(**{model.USERNAME_FIELD: username}).first()


@receiver(user_logged_in, dispatch_uid="newsroom.security.login")
def _logged_in(sender, request, user, **kwargs):
    log_event("login", request, user=user, level=logging.INFO)


@receiver(user_login_failed, dispatch_uid="newsroom.security.login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    # Django has already masked the password in ``credentials``; only the username is read.
    username = credentials.get(get_user_model().USERNAME_FIELD) or credentials.get("username")
    log_event("login_failed", request, user=_account(username), username=username or "")


@receiver(user_locked_out, dispatch_uid="newsroom.security.locked_out")
def _locked_out(sender, request, username, ip_address, **kwargs):
    failures = getattr(request, "newsroom_failures", {})
    log_event(
        "login_locked_out",
        request,
        user=_account(username),
        username=username or "",
        level=logging.ERROR,
        **failures,
    )


class AccountAndAddressHandler(AxesDatabaseHandler):
    """django-axes' database handler with two limits (``AXES_LOCKOUT_PARAMETERS`` lists
    both counts: a username from one address, then the address alone):

    - ``AXES_FAILURE_LIMIT`` failures for one username from one address;
    - ``AXES_ADDRESS_FAILURE_LIMIT`` from one address whatever the usernames, higher,
      so that one person's typos do not lock out a newsroom behind one NAT address,
      while trying a password on many usernames (a spray) is stopped.

    Axes compares one number with ``AXES_FAILURE_LIMIT``: an address past its own limit
    reports that number. A successful login forgives that username's failures from
    that address only (axes would forgive the whole address's)."""

    def get_failures(self, request, credentials=None):
        account, address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        request.newsroom_failures = {"failures_account": account, "failures_address": address}
        if address >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            return max(account, settings.AXES_FAILURE_LIMIT)
        return account

    def reset_user_attempts(self, request, credentials=None):
        attempts = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,
        )
        return attempts.delete()[0]
