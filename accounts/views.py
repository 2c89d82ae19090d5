"""The staff's own account pages, under /quan-tri/tai-khoan/: the second step of signing
in, enrolling an authenticator app, the security page, the admin's language, and
accepting an invitation."""

import logging
from urllib.parse import urlencode

from axes.handlers.proxy import AxesProxyHandler
from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import get_user_model, login, logout
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from newsroom.middleware import choose_staff_language
from newsroom.security import log_event

from . import second_factor
from .forms import AcceptInvitationForm, AppCodeForm, BackupCodeForm, CodeForm, LanguageForm
from .middleware import ENROL, STEP_KEY, VERIFY, step_for
from .models import Invitation


def _next(request, default="admin:index"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(default)


def _page(request, template, **context):
    return render(
        request, template, {**admin.site.each_context(request), "next": _next(request), **context}
    )


def _credentials(user):
    return {get_user_model().USERNAME_FIELD: user.get_username()}


def _second_factor_passed(request, device, event):
    """The second step is done with ``device``: the session is verified from now on, and
    the security log says how (``event``)."""
    otp_login(request, device)
    request.session[STEP_KEY] = ""
    log_event(event, request, user=request.user, level=logging.INFO)


@sensitive_post_parameters("code")
@staff_member_required
def verify(request):
    """The second step: a code from the app, or a backup code. Wrong codes count towards
    the same lockout as wrong passwords (django-axes)."""
    user = request.user
    if not second_factor.is_enrolled(user):
        request.session[STEP_KEY] = step_for(user)
        return redirect(_next(request))
    if not AxesProxyHandler.is_allowed(request, _credentials(user)):
        logout(request)
        return redirect("admin:login")
    backup = "backup" in request.GET
    form = (BackupCodeForm if backup else CodeForm)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = second_factor.check(user, form.cleaned_data["code"])
        if device is not None:
            _second_factor_passed(request, device, "second_factor_ok")
            if isinstance(device, StaticDevice):
                messages.warning(
                    request,
                    _("You signed in with a backup code: %(left)s left.")
                    % {"left": second_factor.backup_codes_left(user)},
                )
            return redirect(_next(request))
        # Axes counts it (and logs it) like a wrong password; past the limit, it locks.
        user_login_failed.send(sender=__name__, credentials=_credentials(user), request=request)
        if getattr(request, "axes_locked_out", False):
            logout(request)
            return render(request, "accounts/locked_out.html", status=429)
        form.add_error("code", _("This code is not right, or was used already. Try the next one."))
    return _page(
        request, "accounts/verify.html", form=form, backup=backup, title=_("Two-step sign-in")
    )


@sensitive_post_parameters("code")
@staff_member_required
def enrol(request):
    """Add an authenticator app: scan the QR code (or type the key), then type the code it
    shows. The backup codes are shown once, right after."""
    user = request.user
    if second_factor.is_enrolled(user) and not user.is_verified():
        return redirect(f"{reverse('accounts:verify')}?{urlencode({'next': _next(request)})}")
    device = second_factor.enrolling_device(user)
    form = AppCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = second_factor.confirm(device, form.cleaned_data["code"])
        if codes is not None:
            _second_factor_passed(request, device, "second_factor_enrolled")
            return _page(
                request, "accounts/backup_codes.html", codes=codes, title=_("Your backup codes")
            )
        form.add_error("code", _("This code is not right: check the phone's time and try again."))
    return _page(
        request,
        "accounts/enrol.html",
        form=form,
        qr_code=second_factor.qr_code_svg(device),
        app_link=device.config_url,
        secret=second_factor.secret_text(device),
        required=second_factor.must_use(user),
        title=_("Set up two-step sign-in"),
    )


@staff_member_required
def security(request):
    """Two-step sign-in, as the person sees it: on or off, backup codes left, new codes."""
    user = request.user
    enrolled = second_factor.is_enrolled(user)
    if request.method == "POST" and enrolled and user.is_verified():
        action = request.POST.get("action")
        if action == "new-codes":
            codes = second_factor.new_backup_codes(user)
            log_event("second_factor_new_codes", request, user=user, level=logging.INFO)
            return _page(
                request, "accounts/backup_codes.html", codes=codes, title=_("Your backup codes")
            )
        if action == "remove" and not second_factor.must_use(user):
            second_factor.reset(user)
            log_event("second_factor_removed", request, user=user, level=logging.WARNING)
            messages.success(request, _("Two-step sign-in is off for your account."))
            return redirect("accounts:security")
    return _page(
        request,
        "accounts/security.html",
        enrolled=enrolled,
        required=second_factor.must_use(user),
        codes_left=second_factor.backup_codes_left(user) if enrolled else 0,
        title=_("Two-step sign-in"),
    )


@require_POST
@staff_member_required
def language(request):
    """The admin's language for this person, from the next page on (the public site stays
    Vietnamese). Kept in their profile, their session and a cookie for the login page."""
    from people.models import Profile

    form = LanguageForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the languages offered."))
        return redirect(_next(request))
    chosen = form.cleaned_data["language"]
    profile, _created = Profile.objects.get_or_create(user=request.user)
    profile.language = chosen
    profile.save(update_fields=["language"])
    response = redirect(_next(request))
    choose_staff_language(request, chosen, response)
    return response


@sensitive_post_parameters("password1", "password2")
def accept(request, token):
    """An invited person chooses their login name and password; then, signed in, they go
    on to the second step if their role requires it."""
    invitation = Invitation.objects.by_token(token)
    if invitation is None:
        return render(
            request,
            "accounts/invitation_invalid.html",
            admin.site.each_context(request),
            status=404,
        )
    if request.user.is_authenticated:
        logout(request)
    waiting = invitation.waiting_account()
    initial = {"first_name": invitation.first_name, "last_name": invitation.last_name}
    initial["username"] = waiting.username if waiting else invitation.email.split("@")[0]
    form = AcceptInvitationForm(invitation, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
            if locked.accepted_at is not None:
                return redirect("admin:login")
            fields = {
                name: form.cleaned_data[name] for name in ("username", "first_name", "last_name")
            }
            user = locked.waiting_account()
            if user is None:
                user = get_user_model().objects.create_user(
                    email=invitation.email,
                    password=form.cleaned_data["password1"],
                    is_staff=True,
                    **fields,
                )
            else:
                # Made before the invitation (an imported author): theirs now, with its
                # stories and bylines.
                for name, value in fields.items():
                    setattr(user, name, value)
                user.is_active = user.is_staff = True
                user.set_password(form.cleaned_data["password1"])
                user.save()
            # The invited role, and only it: a waiting account brings no rights of its own.
            user.groups.set([invitation.role.group])
            locked.accepted_at, locked.user = timezone.now(), user
            locked.save(update_fields=["accepted_at", "user"])
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        log_event("invitation_accepted", request, user=user, level=logging.INFO)
        step = request.session.get(STEP_KEY)
        if step == ENROL:
            return redirect("accounts:enrol")
        if step == VERIFY:
            return redirect("accounts:verify")
        return redirect("admin:index")
    return _page(
        request,
        "accounts/accept.html",
        form=form,
        invitation=invitation,
        title=_("Join the newsroom"),
    )
