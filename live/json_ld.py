"""A live story's JSON-LD: ``LiveBlogPosting`` with its newest updates, which search
engines read for their "live" badge."""

from articles.seo import describe, iso

from .parts import coverage_of

NEWEST = 20


def add_live_blog(article, json_ld, request):
    coverage = coverage_of(article.pk, request)
    if coverage is None:
        return
    updates = list(coverage.updates.filter(withdrawn=False).order_by("-at", "-pk")[:NEWEST])
    json_ld["@type"] = "LiveBlogPosting"
    json_ld["coverageStartTime"] = iso(coverage.started_at)
    if coverage.has_ended:
        json_ld["coverageEndTime"] = iso(coverage.ended_at)
    json_ld["liveBlogUpdate"] = [
        {
            "@type": "BlogPosting",
            "headline": describe(update.text, 110),
            "datePublished": iso(update.at),
            "articleBody": update.text,
        }
        for update in updates
    ]
