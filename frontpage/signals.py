"""The boards' one invalidation rule: a saved or deleted board, edition or slot, and the
clock of scheduled editions."""

import datetime

from django.urls import reverse

from newsroom import caching


def next_edition(now):
    """The timestamp a scheduled edition goes live next, or None."""
    from .models import Edition

    moment = Edition.objects.next_publication(datetime.datetime.fromtimestamp(now, datetime.UTC))
    return moment.timestamp() if moment else None


def board_changed(sender, instance, using=None, **kwargs):
    caching.changed("boards", paths=[reverse("articles:home")], using=using)


def connect():
    from django.db.models.signals import post_delete, post_save

    for model in ("frontpage.Board", "frontpage.Edition", "frontpage.Slot"):
        for signal in (post_save, post_delete):
            signal.connect(board_changed, sender=model, dispatch_uid=f"{model}-{signal}")
