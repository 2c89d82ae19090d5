"""RSS feeds: the site's newest public stories at ``/rss/`` and a section's, its
sub-sections' included, at ``/<section-path>/rss/``. Each item carries the full lead,
the link, the publication time, the authors, the section and tags as categories, and the
featured image as an enclosure: its 1200-pixel JPEG made for sharing, never the original."""

import re
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Enclosure

from images.renditions import og_rendition
from newsroom.models import SiteSettings

from .models import Article
from .navigation import section_tree
from .seo import absolute_url

ITEMS = 50

# XML 1.0 cannot carry these even escaped. The models' validators refuse them; text that
# came in another way must still not break the feed.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value):
    return _NOT_XML.sub("", str(value or ""))


def author_names(story):
    names = [user.get_full_name().strip() or user.get_username() for user in story.authors.all()]
    return ", ".join(names + ([story.byline] if story.byline else []))


@dataclass
class Scope:
    """What one request's feed is about: the whole site, or a section."""

    request: object
    section: object = None
    section_ids: list | None = None


class LatestStoriesFeed(Feed):
    def get_object(self, request):
        return Scope(request)

    def title(self, scope):
        site = SiteSettings.load()
        if scope.section is None:
            return xml_text(site.site_name)
        return xml_text(f"{scope.section.name} - {site.site_name}")

    def link(self, scope):
        return scope.section.get_absolute_url() if scope.section else reverse("articles:home")

    def description(self, scope):
        site = SiteSettings.load()
        if scope.section is not None and scope.section.description:
            return xml_text(scope.section.description)
        return xml_text(site.tagline or site.site_name)

    def items(self, scope):
        stories = (
            Article.objects.public()
            .with_cards()
            .prefetch_related("authors", "tags")
            .defer("body", "search_text")
            .latest_first()
        )
        if scope.section_ids is not None:
            stories = stories.in_sections(scope.section_ids)
        stories = list(stories[:ITEMS])
        # Item methods only see the item: give each what needs the request.
        host = scope.request.get_host()
        for story in stories:
            story.feed_guid = f"{host}:story:{story.pk}"
            image = story.featured_image
            story.feed_image = og_rendition(image) if image else None
            if story.feed_image is not None:
                story.feed_image_url = absolute_url(story.feed_image.file.url, scope.request)
        return stories

    def item_title(self, story):
        return xml_text(story.title)

    def item_description(self, story):
        return xml_text(story.lead)

    def item_guid(self, story):
        # The address changes with the title; the story's id does not.
        return story.feed_guid

    item_guid_is_permalink = False

    def item_pubdate(self, story):
        return timezone.localtime(story.publication_at)

    def item_updateddate(self, story):
        return timezone.localtime(max(story.updated_at, story.publication_at))

    def item_author_name(self, story):
        return xml_text(author_names(story)) or None

    def item_categories(self, story):
        section = [story.section.name] if story.section else []
        return [xml_text(name) for name in section + [tag.name for tag in story.tags.all()]]

    def item_enclosures(self, story):
        rendition = story.feed_image
        if rendition is None:
            return []
        return [Enclosure(story.feed_image_url, str(rendition.file_size), rendition.content_type)]


class SectionStoriesFeed(LatestStoriesFeed):
    def __call__(self, request, path):
        section, canonical = section_tree(request).find(path)
        if section is None:
            raise Http404
        if not canonical:
            return redirect("section-feed", path=section.path(), permanent=True)
        return super().__call__(request, path=path)

    def get_object(self, request, path):
        tree = section_tree(request)
        section, _canonical = tree.find(path)
        return Scope(request, section, tree.descendant_ids(section))
