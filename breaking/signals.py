"""The banners' one invalidation rule: a saved or deleted banner, and its clock."""

import datetime

from django.urls import reverse

from newsroom import caching


def next_banner_change(now):
    """The timestamp of the next start or end of any banner, or None."""
    from .models import Banner

    moment = Banner.objects.next_change(datetime.datetime.fromtimestamp(now, datetime.UTC))
    return moment.timestamp() if moment else None


def banner_changed(sender, instance, using=None, **kwargs):
    caching.changed("banners", paths=[reverse("articles:home")], using=using)
