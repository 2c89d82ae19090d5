"""The desk listens to the workflow (``articles`` never calls it): each step saved is
told to the people it concerns (``desk.notify``)."""

from django.db.models.signals import post_save

from articles.models import ArticleTransition

from . import notify


def step_saved(sender, instance, created=False, raw=False, **kwargs):
    if created and not raw:
        notify.notify(instance)


def connect():
    post_save.connect(step_saved, sender=ArticleTransition, dispatch_uid="desk-notify")
