"""A topic's RSS feed at ``/chu-de/<slug>/rss/``: its public stories, as the site's feed
gives them (``articles.feeds``)."""

from django.shortcuts import get_object_or_404

from articles.feeds import ITEMS, LatestStoriesFeed, Scope, xml_text
from articles.seo import absolute_url
from images.renditions import og_rendition
from newsroom.models import SiteSettings

from .models import Topic


class TopicFeed(LatestStoriesFeed):
    def get_object(self, request, slug):
        scope = Scope(request)
        scope.topic = get_object_or_404(Topic.objects.active(), slug=slug)
        return scope

    def title(self, scope):
        return xml_text(f"{scope.topic.title} - {SiteSettings.load().site_name}")

    def link(self, scope):
        return scope.topic.get_absolute_url()

    def description(self, scope):
        return xml_text(scope.topic.description or scope.topic.title)

    def items(self, scope):
        stories = list(scope.topic.stories().prefetch_related("authors", "tags")[:ITEMS])
        host = scope.request.get_host()
        for story in stories:
            story.feed_guid = f"{host}:story:{story.pk}"
            image = story.featured_image
            story.feed_image = og_rendition(image) if image else None
            if story.feed_image is not None:
                story.feed_image_url = absolute_url(story.feed_image.file.url, scope.request)
        return stories
