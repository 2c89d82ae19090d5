"""What crawlers read: the sitemaps and ``robots.txt``.

``/sitemap.xml`` is a sitemap index (a sitemap holds at most 50,000 addresses and a
newsroom outgrows that) pointing to the stories, in pages of ``ArticleSitemap.limit``
ordered by id so that old pages stay the same, the sections and the fixed pages.
``/sitemap-news.xml`` is the Google News sitemap: public stories of the last 48 hours.
Neither lists a syndicated story whose canonical address is another site's."""

import datetime

from django.contrib.sitemaps import Sitemap
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from .models import Article
from .navigation import SectionTree
from .seo import absolute_url

NEWS_WINDOW = datetime.timedelta(hours=48)


def _lastmod(story):
    return max(story.updated_at, story.publication_at)


class ArticleSitemap(Sitemap):
    limit = 10_000

    def items(self):
        return (
            Article.objects.public()
            .canonical_here()
            .only("pk", "slug", "updated_at", "publication_at")
            .order_by("pk")
        )

    def lastmod(self, story):
        return _lastmod(story)

    def get_latest_lastmod(self):
        # The index's hint would cost a scan of every public story on each fetch.
        return None


class SectionSitemap(Sitemap):
    changefreq = "hourly"

    def items(self):
        tree = SectionTree.load()
        sections = [s for s in tree.by_id.values() if s.is_active]
        return sorted(sections, key=lambda s: s.path())


class StaticSitemap(Sitemap):
    changefreq = "always"

    def items(self):
        return ["articles:home"]

    def location(self, name):
        return reverse(name)


class NewsSitemap(Sitemap):
    """Rendered with ``sitemap_news.xml``, which reads each story's title and time."""

    limit = 1000  # Google News reads at most this many per sitemap

    def items(self):
        now = timezone.now()
        return (
            Article.objects.public(now)
            .canonical_here()
            .filter(publication_at__gte=now - NEWS_WINDOW)
            .only("pk", "slug", "title", "updated_at", "publication_at")
            .latest_first()
        )

    def lastmod(self, story):
        return _lastmod(story)


SITEMAPS = {"stories": ArticleSitemap, "sections": SectionSitemap, "pages": StaticSitemap}
NEWS_SITEMAPS = {"news": NewsSitemap}


def robots_txt(request):
    sitemaps = [absolute_url(reverse(name), request) for name in ("sitemap", "sitemap-news")]
    return render(
        request, "robots.txt", {"sitemaps": sitemaps}, content_type="text/plain; charset=utf-8"
    )
