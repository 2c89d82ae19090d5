"""When a part fails, readers are told so and nothing else breaks: with the database down
every reader's page is a 503 "đang bảo trì" page with Retry-After (never a 500 or a
traceback) while pages the cache holds are still served; a query stuck behind a lock fails
fast, as a 503; with Redis down the site serves from the database; ``/healthz`` and
``/readyz`` answer load balancers.

The database outages are real: the application runs in a subprocess (production-like
base settings, Django's test client) against an address where nothing listens."""

import json
import socket
import subprocess
import sys
import time
import uuid

import pytest
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.test import Client

from newsroom import health
from tests import factories, optional

DEAD_DATABASE = "postgres://postgres@127.0.0.1:1/toasoan"

# Run in a subprocess: GET each (path, cookies) with Django's test client, print results.
PROBE = """
import json, sys, time
import django
django.setup()
from django.test import Client
results = []
for path, cookies in json.loads(sys.argv[1]):
    client = Client(raise_request_exception=False)
    client.cookies.load(cookies)
    started = time.monotonic()
    response = client.get(path)
    results.append({
        "path": path,
        "status": response.status_code,
        "seconds": time.monotonic() - started,
        "headers": dict(response.items()),
        "body": response.content.decode(),
    })
print(json.dumps(results))
"""


@pytest.fixture(autouse=True)
def fresh_logs(monkeypatch):
    """Each test starts with no failure logged lately (the record is per process)."""
    for log in (health._outage_log, health._readiness_log):
        monkeypatch.setattr(log, "logged_at", None)
        monkeypatch.setattr(log, "since_logged", 0)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_app(requests, database_url=DEAD_DATABASE, **env):
    """``requests`` (paths, or ``(path, cookies)``) served by the application in a
    subprocess on ``database_url``; returns ``(responses, stderr)``."""
    requests = [(r, {}) if isinstance(r, str) else r for r in requests]
    environment = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.base",
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": database_url,
        "CACHE_URL": "locmem://",
        "LOG_LEVEL": "INFO",
        **env,
    }
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-W", "ignore", "-c", PROBE, json.dumps(requests)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout), done.stderr


READER_PAGES = [
    "/",
    "/thoi-su/",
    "/hoi-nghi-1.html",
    "/tag/hoi-nghi/",
    "/tac-gia/thanhtung/",
    "/tim-kiem/?q=hoi+nghi",
    "/rss/",
    "/sitemap.xml",
    "/sitemap-news.xml",
]


def test_with_the_database_down_every_reader_page_is_a_maintenance_page():
    responses, stderr = run_app(READER_PAGES)

    for response in responses:
        assert response["status"] == 503, response["path"]
        assert response["headers"]["Retry-After"] == "30"
        assert response["headers"]["Cache-Control"] == "no-store"
        assert '<html lang="vi">' in response["body"]
        assert "đang bảo trì" in response["body"]
        assert "Traceback" not in response["body"]
        assert response["seconds"] < 5, response["path"]
    assert "Traceback" not in stderr


def test_an_editor_gets_the_maintenance_page_too():
    session = {"sessionid": "a" * 32}
    responses, _stderr = run_app([("/", session), ("/quan-tri/articles/article/", session)])

    assert [r["status"] for r in responses] == [503, 503]


def test_the_outage_is_logged_once_not_once_per_request():
    _responses, stderr = run_app(["/"] * 5)

    assert stderr.count("Database unavailable") == 1
    assert "Service Unavailable" not in stderr
    assert "Traceback" not in stderr


def test_readiness_names_the_database_and_liveness_still_answers():
    (ready, alive), _stderr = run_app(["/readyz", "/healthz"])

    assert ready["status"] == 503
    assert json.loads(ready["body"])["failed"] == ["database"]
    assert alive["status"] == 200


@pytest.fixture
def site_with_a_story(db):
    factories.newsroom_settings()
    section = factories.SectionFactory(name="Thời sự", slug="thoi-su")
    return factories.ArticleFactory(title="Hội nghị", section=section, published=True)


@pytest.fixture
def redis_cache(request, settings):
    """The real backend on the shared Redis, in a database and key prefix of this test's
    own (what a second process reaches with CACHE_URL and CACHE_KEY_PREFIX)."""
    optional.require(request, "redis")
    prefix = f"toasoan-outage-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.caching.redis.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:6379/5",
            "KEY_PREFIX": prefix,
        }
    }
    settings.PAGE_CACHE = True
    yield {"CACHE_URL": "redis://127.0.0.1:6379/5", "CACHE_KEY_PREFIX": prefix}
    cache.clear()


def test_a_page_the_cache_holds_is_served_with_the_database_down(site_with_a_story, redis_cache):
    story_url = site_with_a_story.get_absolute_url()
    client = Client()
    made = {url: client.get(url) for url in ("/", story_url)}
    assert [r["X-Page-Cache"] for r in made.values()] == ["miss", "miss"]

    responses, stderr = run_app(["/", story_url, "/thoi-su/"], **redis_cache)

    home, story, section = responses
    for response in (home, story):
        assert response["status"] == 200
        assert response["headers"]["X-Page-Cache"] == "hit"
        assert response["body"] == made[response["path"]].content.decode()
    # Not cached: the maintenance page, not an error.
    assert section["status"] == 503
    assert "Database unavailable" in stderr


# A stuck query ---------------------------------------------------------------------------


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="a lock held by another connection and statement_timeout: PostgreSQL only",
)
def test_a_page_stuck_behind_a_locked_table_fails_fast_as_a_503(site_with_a_story):
    db = connection.settings_dict
    where = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{where}"
    # This test's own transaction holds the lock until the test ends.
    with connection.cursor() as cursor:
        cursor.execute("LOCK TABLE articles_article IN ACCESS EXCLUSIVE MODE")

    started = time.monotonic()
    (home,), stderr = run_app(["/"], database_url=url, DATABASE_STATEMENT_TIMEOUT="500")
    elapsed = time.monotonic() - started

    assert home["status"] == 503
    assert "đang bảo trì" in home["body"]
    assert home["seconds"] < 2
    assert elapsed < 10  # the subprocess, Django's start included
    assert "statement timeout" in stderr


# Redis down ------------------------------------------------------------------------------


@pytest.fixture
def redis_down(settings):
    """The real Redis backend pointed at a port where nothing listens."""
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.caching.redis.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "KEY_PREFIX": "toasoan-down",
            "RETRY_AFTER": 0,
        }
    }
    settings.PAGE_CACHE = True
    settings.FRAGMENT_CACHE = True


def test_with_redis_down_the_site_serves_from_the_database(site_with_a_story, redis_down):
    client = Client()
    pages = ["/", "/thoi-su/", site_with_a_story.get_absolute_url(), "/tim-kiem/?q=hoi"]

    responses = [client.get(url) for url in pages]

    assert [r.status_code for r in responses] == [200] * len(pages)
    assert "Hội nghị" in responses[0].content.decode()


# The probes ------------------------------------------------------------------------------


def test_liveness_touches_nothing_and_answers_any_host(settings, redis_down):
    # No database access is allowed in this test, and Redis is down.
    settings.SECURE_SSL_REDIRECT = True

    response = Client().get("/healthz", HTTP_HOST="10.0.3.7:8000")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db(databases=["default", "replica"])
def test_readiness_checks_every_database_and_the_cache(settings, caplog):
    settings.PAGE_CACHE = True
    settings.SECURE_SSL_REDIRECT = True

    responses = [Client().get("/readyz", HTTP_HOST="10.0.3.7:8000") for _ in range(2)]

    assert [r.status_code for r in responses] == [200, 200]
    assert responses[1].json() == {
        "status": "ok",
        "failed": [],
        "checks": {"database": "ok", "database:replica": "ok", "cache": "ok"},
    }
    for response in responses:
        assert response["Cache-Control"] == "no-store"
        assert "X-Page-Cache" not in response
    assert [r for r in caplog.records if r.levelname in ("WARNING", "ERROR")] == []


@pytest.mark.django_db(databases=["default", "replica"])
def test_with_redis_down_readiness_names_the_cache_and_says_so_once(redis_down, caplog):
    responses = [Client().get("/readyz") for _ in range(5)]

    assert {r.status_code for r in responses} == {503}
    assert responses[-1].json()["failed"] == ["cache"]

    logged = [r for r in caplog.records if r.levelname == "ERROR"]
    assert [r.name for r in logged if r.name != "newsroom.caching.redis"] == ["newsroom.health"]


@pytest.mark.django_db
def test_a_mistake_in_a_query_is_not_taken_for_an_outage():
    # A missing table (SQLite says OperationalError, PostgreSQL ProgrammingError) is our
    # bug: a 500 with its traceback, never a quiet maintenance page.
    with pytest.raises(DatabaseError) as raised, connection.cursor() as cursor:
        cursor.execute("SELECT * FROM no_such_table_here")
    assert not health.is_database_outage(raised.value)


@pytest.mark.django_db
def test_an_unreachable_database_is_an_outage(settings):
    from django.db import connections

    dead = {**connections["default"].settings_dict}
    if dead["ENGINE"].endswith("sqlite3"):
        dead["NAME"] = "/nonexistent-folder/toasoan.sqlite3"
    else:
        dead.update(HOST="127.0.0.1", PORT=1)
    wrapper = connections["default"].__class__(dead, alias="dead")
    with pytest.raises(DatabaseError) as raised:
        wrapper.ensure_connection()
    wrapper.close()
    assert health.is_database_outage(raised.value)
