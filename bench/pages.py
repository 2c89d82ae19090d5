"""The Django side of the benchmark (run by ``bench/run.py`` with production settings).

``python bench/pages.py plan``      the addresses to load: random public stories, a big
                                    section's page 1 and page 500 (its last page when it
                                    has fewer), the busiest tag, search queries, the feed;
                                    and how full the home page's and that section's live
                                    boards are.
``python bench/pages.py queries``   SQL queries per page (page cache off) and the admin
                                    story list's server time, as JSON.
``python bench/pages.py explain``   EXPLAIN (ANALYZE, BUFFERS) of the search and of section
                                    page 500, as text.
``python bench/pages.py times``     server time of pages the fragment cache cannot help
                                    with, one request at a time, as JSON: a story's first
                                    view after a change (its own parts made, the shared
                                    ones kept) and a search whose ranking is made afresh.

Everything goes through ``django.test.Client``: the whole middleware stack, no network."""

import hashlib
import json
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.prod")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from taggit.models import Tag  # noqa: E402

from articles.models import Article  # noqa: E402
from articles.navigation import SectionTree  # noqa: E402
from articles.search import parse_query  # noqa: E402
from frontpage import layouts  # noqa: E402
from frontpage.models import Edition  # noqa: E402
from live.models import Coverage  # noqa: E402

ARTICLES = 1_000
DEEP_PAGE = 500
PER_PAGE = 20
SEARCHES = [
    "kinh tế",
    "hội nghị khoa học",
    "giáo dục",
    "đường sắt cao tốc",
    "vắc xin",
    "điện mặt trời",
    "ngân hàng lãi suất",
    "du lịch",
    "trí tuệ nhân tạo",
    "Đà Nẵng",
    "bệnh viện",
    "xuất khẩu lúa gạo",
]
ADMIN_LIST = "/quan-tri/articles/article/"


def plan():
    articles = [
        story.get_absolute_url()
        for story in Article.objects.public().only("pk", "slug").order_by("?")[:ARTICLES]
    ]
    tree = SectionTree.load()
    biggest = max(
        tree.menu(),
        key=lambda s: Article.objects.public().in_sections(tree.descendant_ids(s)).count(),
    )
    count = Article.objects.public().in_sections(tree.descendant_ids(biggest)).count()
    last = max(1, -(-count // PER_PAGE))
    tag = (
        Tag.objects.annotate(stories=Count("taggit_taggeditem_items"))
        .order_by("-stories", "pk")
        .first()
    )
    section = biggest.get_absolute_url()
    deep = min(DEEP_PAGE, last)
    return {
        "articles": articles,
        "home": "/",
        "section": section,
        "section_deep": f"{section}?page={deep}",
        "section_deep_page": deep,
        "section_stories": count,
        "tag": f"/tag/{tag.slug}/",
        "search": [f"/tim-kiem/?{urlencode({'q': q})}" for q in SEARCHES],
        "rss": "/rss/",
        "stories": Article.objects.count(),
        "public_stories": Article.objects.public().count(),
        "live": _live_story(),
        "boards": _boards(biggest),
    }


def _boards(section):
    """How many slots the live editions of the home page and of ``section`` fill, of how
    many (``manage.py generate_frontpage_bench``)."""
    found = {}
    for name, page, layout in (
        ("home", "home", layouts.HOME),
        ("section", f"section-{section.pk}", layouts.SECTION),
    ):
        live = Edition.objects.live(page)
        filled = live.slots.count() if live else 0
        found[name] = f"{filled} of {layouts.capacity(layout)} slots"
    return found


def _live_story():
    """The live story with the most updates (``manage.py generate_live_bench``), or None."""
    coverage = (
        Coverage.objects.filter(story__in=Article.objects.public())
        .annotate(count=Count("updates"))
        .order_by("-count")
        .select_related("story")
        .first()
    )
    return coverage.story.get_absolute_url() if coverage else None


def _pages(addresses):
    live = {"live": addresses["live"]} if addresses.get("live") else {}
    return {
        "article": addresses["articles"][0],
        "home": addresses["home"],
        "section": addresses["section"],
        "section_deep": addresses["section_deep"],
        "tag": addresses["tag"],
        "search": addresses["search"][0],
        "rss": addresses["rss"],
        **live,
    }


def queries(addresses):
    """Queries per page, made afresh (fragment cache off) and once its fragments are kept
    (fragment cache on, second request)."""
    settings.PAGE_CACHE = False
    client = Client()
    result = {}
    for name, url in _pages(addresses).items():
        found = {"url": url}
        for label, fragments_on in (("fresh", False), ("warm", True)):
            settings.FRAGMENT_CACHE = fragments_on
            client.get(url)  # settings and content types cached, as on a live site
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            found[label] = len(captured)
            found["status"] = response.status_code
        found["queries"] = f"{found['fresh']} / {found['warm']}"
        result[name] = found
    result["admin"] = admin_times()
    return result


def _median_ms(client, urls, before=None):
    times = []
    for url in urls:
        if before:
            before(url)
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, url
    return {
        "p50": round(statistics.median(times), 1),
        "max": round(max(times), 1),
        "requests": len(times),
    }


def server_times(addresses, stories=50):
    """Pages as the fragment cache leaves them to be made: in process, one at a time,
    page cache off, fragment cache on (the production default)."""
    from newsroom.caching import store, tags

    settings.PAGE_CACHE = False
    settings.FRAGMENT_CACHE = True
    client = Client()
    # A story was just published: the "stories" tag has a new version. The first pages
    # make the shared parts ("latest", "most read"); then each story is viewed for the
    # first time since, so its own parts (the story, its tags for search engines,
    # "related") are made.
    tags.bump("stories")
    articles = addresses["articles"]
    for url in articles[:3]:
        client.get(url)
    found = {"article_first_view": _median_ms(client, articles[3 : 3 + stories])}

    def forget_ranking(url):
        # Only this query's kept ranking goes: every other part stays kept.
        request = client.get(url).wsgi_request
        query = request.GET.get("q", "")
        terms = parse_query(query)
        asked = hashlib.md5(terms.text.lower().encode(), usedforsecurity=False).hexdigest()
        key = store.key(f"search:{asked}")
        store.near.entries.pop(key, None)
        cache.delete(key)

    searches = addresses["search"] * 3
    found["search_ranked_afresh"] = _median_ms(client, searches, before=forget_ranking)
    return found


def admin_times(repeat=5):
    """Server time of the story list in the admin (median of ``repeat`` loads), as an
    editor with every permission sees it, unfiltered, filtered and searched."""
    user, _created = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    found = {}
    for label, query in [
        ("list", ""),
        ("published", "?status__exact=published"),
        ("section", "?section__id__exact=1"),
        ("search", "?q=kinh+te"),
    ]:
        url = ADMIN_LIST + query
        client.get(url)
        times = []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
        found[label] = {
            "url": url,
            "status": response.status_code,
            "ms": round(statistics.median(times), 1),
            "queries": len(captured),
        }
    return found


def explain(addresses):
    settings.PAGE_CACHE = False
    client = Client()
    out = []
    for name in ("search", "section_deep"):
        url = _pages(addresses)[name]
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        slowest = [q for q in captured.captured_queries if "articles_article" in q["sql"]]
        for query in slowest:
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
                plan_text = "\n".join(row[0] for row in cursor.fetchall())
            out.append(
                f"### {name}: {url}\n\n```sql\n{query['sql']}\n```\n\n```\n{plan_text}\n```\n"
            )
    return "\n".join(out)


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "plan":
        print(json.dumps(plan()))
    else:
        addresses = json.loads(Path(sys.argv[2]).read_text())
        if command == "queries":
            print(json.dumps(queries(addresses)))
        elif command == "explain":
            print(explain(addresses))
        elif command == "times":
            print(json.dumps(server_times(addresses)))
