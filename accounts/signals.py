"""At login: what the person still has to do (the second step) and the language they
chose, kept in the session. At deactivation: their sessions end."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save
from django.utils.module_loading import import_string

from newsroom.middleware import choose_staff_language

from .middleware import STEP_KEY, step_for
from .models import StaffSession


def logged_in(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    request.session[STEP_KEY] = step_for(user)
    # A missing profile raises an AttributeError: getattr's default.
    profile = getattr(user, "profile", None)
    if profile is not None:
        choose_staff_language(request, profile.language)
    if request.session.session_key is None:
        request.session.save()
    StaffSession.objects.get_or_create(
        session_key=request.session.session_key, defaults={"user": user}
    )


def end_sessions(user):
    """Every session ``user`` signed in with ends now."""
    from django.conf import settings

    store = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    sessions = StaffSession.objects.filter(user=user)
    for key in sessions.values_list("session_key", flat=True):
        store(session_key=key).delete()
    sessions.delete()


def account_saved(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    if raw or created or instance.is_active:
        return
    if update_fields is None or "is_active" in update_fields:
        end_sessions(instance)


def connect():
    user_logged_in.connect(logged_in, dispatch_uid="accounts-logged-in")
    post_save.connect(account_saved, sender=get_user_model(), dispatch_uid="accounts-deactivated")
