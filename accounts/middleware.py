"""The second step of signing in: until it is done, a member of staff who has an
authenticator (or must have one) reaches nothing in the admin but that step.

What is left to do is decided once, at login (``signals``), and kept in the session:
no query per page for the many who have nothing left to do."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from newsroom.middleware import has_session

from . import second_factor

STEP_KEY = "second_factor_step"
VERIFY, ENROL = "verify", "enrol"
ADMIN = "/quan-tri/"
# The admin's own addresses that need no second step: leaving, and the steps themselves.
OPEN = ("/quan-tri/tai-khoan/", "/quan-tri/logout/", "/quan-tri/login/", "/quan-tri/jsi18n/")


def step_for(user):
    """What ``user`` still has to do after the password: ``VERIFY``, ``ENROL`` or ``""``."""
    if not user.is_staff:
        return ""
    if second_factor.is_enrolled(user):
        return VERIFY
    return ENROL if second_factor.must_use(user) else ""


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        closed = path.startswith(ADMIN) and not path.startswith(OPEN)
        if closed and has_session(request) and request.user.is_authenticated:
            step = self.step(request)
            if step:
                target = reverse("accounts:verify" if step == VERIFY else "accounts:enrol")
                return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def step(request):
        session = request.session
        if STEP_KEY not in session:  # a session from before two-step sign-in existed
            session[STEP_KEY] = step_for(request.user)
        step = session[STEP_KEY]
        if step and request.user.is_verified():
            session[STEP_KEY] = step = ""
        return step
