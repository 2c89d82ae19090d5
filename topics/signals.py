"""The one cache rule of topics: a topic or a story's place in it saved or deleted."""

from django.urls import reverse

from newsroom import caching


def topic_changed(sender, instance, **kwargs):
    topic = getattr(instance, "topic", instance)
    caching.changed("topics", paths=[reverse("topics:index"), topic.get_absolute_url()])
