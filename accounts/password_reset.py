"""A forgotten password: the staff member asks for a link by email (the login page's "Quên
thông tin đăng nhập?"), opens it and chooses a new password (the validators apply). Django's
own views and one-time tokens do the work; what is ours:

- nobody learns whether an address has an account (the same page follows either way), and
  only active accounts with a password get a mail: not a deactivated colleague, not an
  imported author waiting for an invitation;
- asking is limited per address and per email (``PASSWORD_RESET_RATE``, django-ratelimit)
  so that the form cannot flood someone's inbox;
- a new password ends every other session of the account, clears its failed logins
  (axes), and both steps go to the security log. The second factor still applies: a reset
  replaces the password, never the authenticator app."""

import logging

from axes.utils import reset as reset_failed_logins
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited

from newsroom.security import client_ip, log_event


def _too_many(request, email):
    """Count this request; whether this address or this email asked too often lately."""
    by_address = is_ratelimited(
        request,
        group="password-reset:address",
        key=lambda _group, request: client_ip(request) or "",
        rate=settings.PASSWORD_RESET_RATE,
        increment=True,
    )
    by_email = is_ratelimited(
        request,
        group="password-reset:email",
        key=lambda _group, _request: email.casefold(),
        rate=settings.PASSWORD_RESET_RATE,
        increment=True,
    )
    return by_address or by_email


class AdminFrame:
    """The staff's account pages' frame (accounts/base.html) with the admin's context."""

    def get_context_data(self, **kwargs):
        return {**admin.site.each_context(self.request), **super().get_context_data(**kwargs)}


class AskView(AdminFrame, auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        if _too_many(self.request, email):
            log_event("password_reset_throttled", self.request, email=email)
            form.add_error(
                None,
                _(
                    "Too many requests for a new password from here or for this email. "
                    "Wait an hour and try again, or ask an administrator."
                ),
            )
            return self.form_invalid(form)
        log_event("password_reset_asked", self.request, level=logging.INFO, email=email)
        return super().form_valid(form)


class SentView(AdminFrame, auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_sent.html"


class ChooseView(AdminFrame, auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_choose.html"
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.user
        reset_failed_logins(username=user.get_username())
        log_event("password_reset", self.request, user=user, level=logging.INFO)
        return response


class DoneView(AdminFrame, auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_done.html"
