"""One rule: saving or deleting a profile changes the ``people`` tag (author pages)."""

from django.db.models.signals import post_delete, post_save
from django.urls import reverse

from newsroom import caching

from .models import Profile


def profile_changed(sender, instance, raw=False, using=None, update_fields=None, **kwargs):
    # The admin's language is private: choosing it changes no page.
    if raw or (update_fields is not None and set(update_fields) <= PRIVATE_FIELDS):
        return
    # The author's page, by its route's name: people sits below articles.
    page = reverse("articles:author", args=[instance.user.get_username()])
    caching.changed("people", paths=[page], using=using)


PRIVATE_FIELDS = {"language", "updated_at"}


def connect():
    post_save.connect(profile_changed, sender=Profile, dispatch_uid="people-profile-saved")
    post_delete.connect(profile_changed, sender=Profile, dispatch_uid="people-profile-deleted")
