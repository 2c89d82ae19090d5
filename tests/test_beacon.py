"""The view beacon counts readers, not posts: only our own pages may report a view, a
reader counts once per story per half hour, and one address may post only so often. The
cache keeps nothing about the reader but short-lived keyed hashes."""

import datetime

import pytest
import time_machine
from django.core.cache import cache

from articles import beacon as beacon_rules
from articles.models import ArticleDailyViews
from tests.site.conftest import story

pytestmark = pytest.mark.django_db

BROWSER = (
    "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0 Mobile Safari/537.36"
)
OWN = "http://testserver"
# A window's start (windows are fixed on the clock: every half hour).
WINDOW_START = datetime.datetime(2025, 3, 10, 3, 0, tzinfo=datetime.UTC)
PUBLISHED = WINDOW_START - datetime.timedelta(days=1)


def post(client, article, *, origin=OWN, address="203.0.113.7", user_agent=BROWSER, **headers):
    if origin is not None:
        headers["HTTP_ORIGIN"] = origin
    return client.post(
        f"/api/doc/{article.pk}/", HTTP_USER_AGENT=user_agent, REMOTE_ADDR=address, **headers
    )


def counted(article):
    return sum(ArticleDailyViews.objects.filter(article=article).values_list("count", flat=True))


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "https://doithu.example"},
        {"origin": "http://testserver.doithu.example"},
        {"origin": "null"},
        {"origin": None},
        {"origin": None, "HTTP_REFERER": "https://doithu.example/bai-viet.html"},
    ],
    ids=["other-site", "lookalike", "null", "no-origin", "other-referer"],
)
def test_another_site_cannot_count_views(client, headers):
    article = story()

    response = post(client, article, **headers)

    assert response.status_code == 403
    assert response["Cache-Control"] == "private, no-store"
    assert counted(article) == 0


def test_our_page_counts_by_referer_when_a_browser_sends_no_origin(client):
    article = story()

    response = post(client, article, origin=None, HTTP_REFERER=f"{OWN}/tin-{article.pk}.html")

    assert response.status_code == 204
    assert counted(article) == 1


def test_a_trusted_origin_counts(client, settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://m.toasoan.example"]
    article = story()

    assert post(client, article, origin="https://m.toasoan.example").status_code == 204
    assert counted(article) == 1


def test_a_thousand_posts_from_one_reader_make_one_view(client):
    article = story()

    statuses = {post(client, article).status_code for _ in range(1000)}

    assert counted(article) == 1
    assert statuses == {204, 429}


def test_one_reader_counts_once_per_story_per_half_hour(client):
    article, other = story(at=PUBLISHED), story(at=PUBLISHED)
    with time_machine.travel(WINDOW_START, tick=False):
        post(client, article)
        post(client, other)
    with time_machine.travel(WINDOW_START + datetime.timedelta(minutes=29, seconds=59)):
        post(client, article)
    assert (counted(article), counted(other)) == (1, 1)

    with time_machine.travel(WINDOW_START + datetime.timedelta(minutes=30), tick=False):
        post(client, article)
    assert counted(article) == 2


def test_readers_sharing_an_address_count_apart_by_browser(client):
    article = story()

    post(client, article, user_agent=BROWSER)
    post(client, article, user_agent=BROWSER.replace("SM-A546E", "Redmi Note 13"))

    assert counted(article) == 2


def test_a_script_changing_its_browser_counts_no_more_than_an_address_may(client, settings):
    settings.BEACON_READERS_PER_ADDRESS = 3
    article = story(at=PUBLISHED)
    with time_machine.travel(WINDOW_START, tick=False):
        for number in range(8):
            post(client, article, user_agent=BROWSER.replace("SM-A546E", f"Model {number}"))
        assert counted(article) == 3
        post(client, article, address="198.51.100.9")
    assert counted(article) == 4


@pytest.mark.parametrize("referer", ["http://[oops/", "https://[::1/bai-viet.html"])
def test_a_referer_that_is_no_address_is_refused_not_a_500(client, referer):
    article = story()

    response = post(client, article, origin="null", HTTP_REFERER=referer)

    assert response.status_code == 403
    assert counted(article) == 0


def test_readers_behind_our_proxy_count_apart(client):
    article = story()

    for reader in ("203.0.113.1", "203.0.113.2"):
        post(client, article, address="127.0.0.1", HTTP_X_FORWARDED_FOR=reader)

    assert counted(article) == 2


def test_one_address_is_rate_limited(client, settings):
    settings.BEACON_RATE_LIMIT = 5
    stories = [story(at=PUBLISHED) for _ in range(7)]
    with time_machine.travel(WINDOW_START, tick=False):
        statuses = [post(client, article).status_code for article in stories]
        other_address = post(client, stories[-1], address="198.51.100.9")
    assert statuses == [204] * 5 + [429] * 2
    assert [counted(article) for article in stories] == [1] * 5 + [0, 1]
    assert other_address.status_code == 204

    with time_machine.travel(WINDOW_START + datetime.timedelta(minutes=1), tick=False):
        response = post(client, stories[5])
    assert response.status_code == 204
    assert counted(stories[5]) == 1


def test_a_forged_forwarded_for_does_not_escape_the_rate_limit(client, settings):
    settings.BEACON_RATE_LIMIT = 3
    article = story()

    statuses = [
        post(client, article, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").status_code for n in range(5)
    ]

    assert statuses == [204, 204, 204, 429, 429]
    assert counted(article) == 1


def test_the_rate_limit_answer_says_when_to_come_back(client, settings):
    settings.BEACON_RATE_LIMIT = 1
    article = story()
    post(client, article)

    response = post(client, article)

    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert response["Cache-Control"] == "private, no-store"


def test_the_cache_keeps_nothing_about_the_reader_and_forgets_at_the_windows_end(client):
    article = story(at=PUBLISHED)
    address, user_agent = "203.0.113.77", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5) Zalo"
    with time_machine.travel(WINDOW_START + datetime.timedelta(minutes=10), tick=False):
        post(client, article, address=address, user_agent=user_agent)

    stored = repr(dict(cache._cache)) + repr(list(cache._expire_info))
    assert address not in stored
    assert "iPhone" not in stored
    seen = [key for key in cache._cache if "beacon:seen:" in key]
    assert len(seen) == 1
    ends = datetime.datetime.fromtimestamp(cache._expire_info[seen[0]], datetime.UTC)
    assert ends == WINDOW_START + datetime.timedelta(minutes=30)


def test_a_new_window_cannot_be_linked_to_the_last():
    first = beacon_rules._hashed(0, "203.0.113.7", BROWSER, 1)
    assert first != beacon_rules._hashed(beacon_rules.WINDOW, "203.0.113.7", BROWSER, 1)
