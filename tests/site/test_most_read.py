""" "Most read": the story page's beacon counts a reader's view in a per-day counter
(nothing about the reader is stored; the beacon's own rules are in tests/test_beacon.py),
crawlers are not counted, no increment is lost under concurrent requests, and the ranking
covers public stories of the last MOST_READ_DAYS days."""

import datetime
import threading

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.utils import timezone

from articles.models import Article, ArticleDailyViews

from .conftest import UNPUBLISHED_STATES, box_titles, story, views

BROWSER = (
    "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0 Mobile Safari/537.36"
)


def beacon(client, article, user_agent=BROWSER, address="203.0.113.7"):
    """The story page's own beacon: same origin, from one reader's address."""
    return client.post(
        f"/api/doc/{article.pk}/",
        HTTP_USER_AGENT=user_agent,
        HTTP_ORIGIN="http://testserver",
        REMOTE_ADDR=address,
    )


def counted(article):
    return sum(ArticleDailyViews.objects.filter(article=article).values_list("count", flat=True))


@pytest.mark.django_db
def test_story_page_carries_its_beacon(client):
    article = story()

    response = client.get(article.get_absolute_url())

    assert f'data-view-beacon="/api/doc/{article.pk}/"'.encode() in response.content


@pytest.mark.django_db
def test_each_readers_beacon_counts_one_view_for_today(client):
    article = story()

    responses = [beacon(client, article, address=f"203.0.113.{n}") for n in (1, 2, 3)]

    assert [r.status_code for r in responses] == [204, 204, 204]
    assert responses[0]["Cache-Control"] == "private, no-store"
    row = ArticleDailyViews.objects.get()
    assert (row.article, row.day, row.count) == (article, timezone.localdate(), 3)


@pytest.mark.django_db
def test_views_are_bucketed_by_vietnam_day(client):
    article = story(at=datetime.datetime(2024, 4, 1, tzinfo=datetime.UTC))
    # 23:30 in Hà Nội is 16:30 UTC: still the same Vietnamese day; 17:30 UTC is the next.
    with time_machine.travel(datetime.datetime(2024, 5, 1, 16, 30, tzinfo=datetime.UTC)):
        beacon(client, article)
    with time_machine.travel(datetime.datetime(2024, 5, 1, 17, 30, tzinfo=datetime.UTC)):
        beacon(client, article)

    days = dict(ArticleDailyViews.objects.values_list("day", "count"))
    assert days == {datetime.date(2024, 5, 1): 1, datetime.date(2024, 5, 2): 1}


@pytest.mark.django_db
def test_the_counter_keeps_nothing_about_the_reader(client):
    article = story()

    beacon(client, article)

    fields = {f.name for f in ArticleDailyViews._meta.get_fields()}
    assert fields == {"id", "article", "day", "count"}
    assert "sessionid" not in beacon(client, article, address="203.0.113.99").cookies


@pytest.mark.django_db
@pytest.mark.parametrize(
    "user_agent",
    [
        "",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/126.0 Safari/537.36",
        "curl/8.5.0",
        "python-requests/2.32.3",
        "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
    ],
)
def test_crawlers_and_scripts_are_not_counted(client, user_agent):
    article = story()

    response = beacon(client, article, user_agent)

    assert response.status_code == 204
    assert counted(article) == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "user_agent",
    [
        BROWSER,
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Mobile/15E148 Zalo iOS/470 ZaloTheme/light ZaloLanguage/vn",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/470.0.0.38.108;]",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0",
    ],
    ids=["android chrome", "zalo in-app", "facebook in-app", "firefox"],
)
def test_readers_browsers_are_counted(client, user_agent):
    article = story()

    beacon(client, article, user_agent)

    assert counted(article) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "head", "put", "delete"])
def test_beacon_only_accepts_post(client, method):
    article = story()

    response = getattr(client, method)(f"/api/doc/{article.pk}/", HTTP_USER_AGENT=BROWSER)

    assert response.status_code == 405
    assert counted(article) == 0


@pytest.mark.django_db
def test_beacon_needs_no_csrf_token():
    article = story()
    client = Client(enforce_csrf_checks=True)

    assert beacon(client, article).status_code == 204
    assert counted(article) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("state", UNPUBLISHED_STATES)
def test_beacon_for_a_story_readers_cannot_see_is_not_found(client, state):
    article = story(state)

    response = beacon(client, article)

    assert response.status_code == 404
    assert response["Cache-Control"] == "private, no-store"
    assert not ArticleDailyViews.objects.exists()


@pytest.mark.django_db
def test_beacon_for_an_unknown_story_is_not_found(client):
    response = client.post(
        "/api/doc/987654/", HTTP_USER_AGENT=BROWSER, HTTP_ORIGIN="http://testserver"
    )
    assert response.status_code == 404


@pytest.mark.django_db
def test_record_creates_then_increments_the_days_row():
    article = story()
    day = datetime.date(2024, 1, 2)

    for _ in range(4):
        ArticleDailyViews.record(article.pk, day=day)

    assert ArticleDailyViews.objects.get(article=article, day=day).count == 4


@pytest.mark.django_db
def test_most_read_ranks_by_views_over_the_last_seven_days(settings):
    settings.MOST_READ_DAYS = 7
    today = timezone.localdate()
    old_hit, steady, fresh, unread = (story(title=t) for t in ["cũ", "đều", "mới", "chưa đọc"])
    views(old_hit, 1000, day=today - datetime.timedelta(days=7))
    views(old_hit, 1, day=today - datetime.timedelta(days=6))
    for days_ago in range(7):
        views(steady, 10, day=today - datetime.timedelta(days=days_ago))
    views(fresh, 50)

    ranking = list(Article.objects.most_read(10))

    assert [(s.title, s.views) for s in ranking] == [("đều", 70), ("mới", 50), ("cũ", 1)]
    assert unread not in ranking
    assert [s.title for s in Article.objects.most_read(2)] == ["đều", "mới"]


@pytest.mark.django_db
def test_most_read_window_follows_the_setting(settings):
    today = timezone.localdate()
    article = story()
    views(article, 5, day=today - datetime.timedelta(days=2))

    settings.MOST_READ_DAYS = 2
    assert list(Article.objects.most_read(10)) == []
    settings.MOST_READ_DAYS = 3
    assert list(Article.objects.most_read(10)) == [article]


def most_read_titles(response):
    """The titles in the page's "most read" box, as readers see them."""
    return box_titles(response, "most-read-title")


def test_home_and_story_pages_show_site_wide_most_read(client, parent_section, other_section):
    here = story(title="Tin mục này", section=parent_section)
    there = story(title="Tin mục khác", section=other_section)
    views(here, 3)
    views(there, 9)

    home = most_read_titles(client.get("/"))
    story_page = most_read_titles(client.get(here.get_absolute_url()))

    assert home == ["Tin mục khác", "Tin mục này"]
    assert story_page == ["Tin mục khác"]


@pytest.mark.django_db
def test_section_page_shows_that_sections_most_read(
    client, parent_section, child_section, other_section
):
    in_child = story(title="Tin mục con", section=child_section)
    in_parent = story(title="Tin mục cha", section=parent_section)
    elsewhere = story(title="Tin mục khác", section=other_section)
    views(in_child, 5)
    views(in_parent, 2)
    views(elsewhere, 99)

    parent_box = most_read_titles(client.get("/khoa-hoc/"))
    child_box = most_read_titles(client.get("/khoa-hoc/cong-nghe/"))

    assert parent_box == ["Tin mục con", "Tin mục cha"]
    assert child_box == ["Tin mục con"]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises every write: concurrency is only meaningful on PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_parallel_beacons_lose_no_view():
    """8 × 25 readers (each from an address of their own), all released at once on a
    story with no row yet for today: the racing first inserts and every increment must
    all count."""
    article = story()
    url = f"/api/doc/{article.pk}/"
    threads_count, per_thread = 8, 25
    start = threading.Barrier(threads_count)
    statuses, failures = [], []

    def reader(number):
        client = Client()
        try:
            start.wait()
            for view in range(per_thread):
                response = client.post(
                    url,
                    HTTP_USER_AGENT=BROWSER,
                    HTTP_ORIGIN="http://testserver",
                    REMOTE_ADDR=f"198.51.{number}.{view}",
                )
                statuses.append(response.status_code)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert statuses == [204] * threads_count * per_thread
    assert ArticleDailyViews.objects.get(article=article).count == threads_count * per_thread
