"""One rule: saving or deleting a profile changes the ``people`` tag (author pages)."""

from django.db.models.signals import post_delete, post_save
from django.urls import reverse

from newsroom import caching

from .models import Profile


def profile_changed(sender, instance, raw=False, using=None, **kwargs):
    if raw:
        return
    # The author's page, by its route's name: people sits below articles.
    page = reverse("articles:author", args=[instance.user.get_username()])
    caching.changed("people", paths=[page], using=using)


def connect():
    post_save.connect(profile_changed, sender=Profile, dispatch_uid="people-profile-saved")
    post_delete.connect(profile_changed, sender=Profile, dispatch_uid="people-profile-deleted")
