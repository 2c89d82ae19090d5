"""Root URLs: admin, editor uploads, feeds, sitemaps, robots.txt, previews and the reader's
site."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _

from articles.feeds import LatestStoriesFeed, SectionStoriesFeed
from articles.sitemaps import NEWS_SITEMAPS, SITEMAPS, robots_txt

from . import health
from .caching.http import cached_page

# The news sitemap lists the last 48 hours: each story leaves it when its time is up, with
# nobody saving anything, so it is kept only a minute.
NEWS_KEPT = 60
# What a SlugField accepts, as in articles.urls.
SLUG = r"[-a-zA-Z0-9_]+"

# A database outage met outside a view is a 503 too (newsroom.health).
handler500 = "newsroom.health.server_error"

admin.site.site_header = _("Newsroom")
admin.site.site_title = _("Newsroom")
admin.site.index_title = _("Desk")

urlpatterns = [
    # Before the admin: its catch-all view would answer 404 for anything under it.
    path("quan-tri/anh/", include("images.urls")),
    path("quan-tri/tai-khoan/", include("accounts.urls")),
    # A forgotten password: Django's admin links its login page to "admin_password_reset",
    # and the mail to "password_reset_confirm", names outside any namespace.
    path("quan-tri/", include("accounts.password_reset_urls")),
    path("quan-tri/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    # Probes for load balancers, never cached (newsroom.health's middleware answers them
    # first; these name them).
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # Ahead of articles.urls, whose last pattern takes any /<section-path>/.
    # Pages for readers and crawlers are cached for anonymous requests (newsroom.caching).
    path("robots.txt", cached_page(robots_txt), name="robots"),
    path(
        "sitemap.xml",
        cached_page(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-part"},
        name="sitemap",
    ),
    path(
        "sitemap-news.xml",
        cached_page(sitemap_views.sitemap, timeout=NEWS_KEPT),
        {"sitemaps": NEWS_SITEMAPS, "template_name": "sitemaps/news.xml"},
        name="sitemap-news",
    ),
    path(
        "sitemap-<str:section>.xml",
        cached_page(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS, "template_name": "sitemaps/urlset.xml"},
        name="sitemap-part",
    ),
    path("rss/", cached_page(LatestStoriesFeed()), name="feed"),
    path("", include("breaking.urls")),
    path("", include("live.urls")),
    path("", include("corrections.urls")),
    path("", include("comments.urls")),
    path("", include("topics.urls")),
    path("", include("frontpage.urls")),
    # After the apps' fixed addresses (a topic's /chu-de/<slug>/rss/), before the
    # sections' catch-all in articles.urls.
    re_path(
        rf"^(?P<path>{SLUG}(?:/{SLUG})*)/rss/$",
        cached_page(SectionStoriesFeed()),
        name="section-feed",
    ),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
