"""The Redis backend behind the page cache: the page cache on a real Redis, and a Redis
that is down (a closed port, a server stopped and started again, a server that stops
answering for a while). The site keeps serving, logs the outage once per interval, and
uses Redis again by itself when it is back, without serving pages a change made while it
was away should have replaced."""

import logging
import socket
import subprocess
import time
import uuid

import pytest
from django.core.cache import cache

from articles import workflow
from articles.models import Status
from newsroom.caching import redis as redis_backend
from newsroom.caching.redis import ResilientRedisCache
from tests import optional
from tests.optional import REDIS_SERVER

from .conftest import story

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache", "site")]

needs_redis_server = pytest.mark.needs("redis-server")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def redis_answers(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


class ThrowawayRedis:
    """A redis-server of the test's own on a free port, without persistence."""

    def __init__(self, directory):
        self.port, self.directory = free_port(), directory

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        options = {
            "port": self.port,
            "bind": "127.0.0.1",
            "save": "",
            "appendonly": "no",
            "daemonize": "yes",
            "dir": self.directory,
            "pidfile": self.directory / "redis.pid",
            "logfile": self.directory / "redis.log",
        }
        arguments = [word for name, value in options.items() for word in (f"--{name}", str(value))]
        subprocess.run([REDIS_SERVER, *arguments], check=True)  # noqa: S603 - our own arguments
        self._wait_for(True)

    def stop(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as conn:
                conn.sendall(b"SHUTDOWN NOSAVE\r\n")
                conn.recv(16)
        except OSError:
            pass
        self._wait_for(False)

    def command(self, *words):
        with socket.create_connection(("127.0.0.1", self.port), timeout=1) as conn:
            conn.sendall(" ".join(words).encode() + b"\r\n")
            return conn.recv(64)

    def _wait_for(self, up):
        deadline = time.monotonic() + 10
        while redis_answers(self.port) != up:
            assert time.monotonic() < deadline, (
                f"redis-server on {self.port} did not {'start' if up else 'stop'}"
            )
            time.sleep(0.02)


@pytest.fixture
def throwaway_redis(request, tmp_path):
    optional.require(request, "redis-server")
    server = ThrowawayRedis(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def fresh_health(monkeypatch):
    """Each test starts with no outage on record (the record is per process)."""
    monkeypatch.setattr(redis_backend, "_health", {})


def use_redis(settings, location, **params):
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.caching.redis.ResilientRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": f"toasoan-test-{uuid.uuid4().hex}",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
            "RETRY_AFTER": 0,
            "LOG_INTERVAL": 60,
            **params,
        }
    }


def outage_records(caplog):
    return [
        record
        for record in caplog.records
        if record.name == "newsroom.caching.redis" and record.levelno >= logging.ERROR
    ]


# On the shared Redis (127.0.0.1:6379) -----------------------------------------------------


@pytest.fixture
def shared_redis(request, settings):
    optional.require(request, "redis")
    # A database and a key prefix of this run's own; clear() removes only this prefix.
    use_redis(settings, "redis://127.0.0.1:6379/13")
    yield
    assert cache.clear()


def test_the_page_cache_on_redis(shared_redis, reader, section, editor, commit):
    draft = story(state=Status.IN_REVIEW, title="Cầu Long Biên đóng cửa", section=section)
    assert reader.get("/")["X-Page-Cache"] == "miss"
    assert reader.get("/")["X-Page-Cache"] == "hit"

    with commit():
        workflow.transition(draft, "publish", editor)

    fresh = reader.get("/")
    assert fresh["X-Page-Cache"] == "miss"
    assert "Cầu Long Biên" in fresh.content.decode()


def test_clearing_removes_only_this_sites_keys(shared_redis):
    import redis

    neighbour = redis.Redis.from_url("redis://127.0.0.1:6379/13")
    neighbour.set("another-site:key", b"kept")
    try:
        cache.set("ours", 1)
        assert cache.clear()
        assert cache.get("ours") is None
        assert neighbour.get("another-site:key") == b"kept"
    finally:
        neighbour.delete("another-site:key")


# Redis down ------------------------------------------------------------------------------


def closed_port():
    port = free_port()  # nothing listens there once the probe is closed
    return f"redis://127.0.0.1:{port}/0"


def test_every_operation_misses_when_redis_is_down():
    backend = ResilientRedisCache(closed_port(), {"RETRY_AFTER": 0})
    started = time.monotonic()
    assert backend.get("k") is None
    assert backend.get("k", "default") == "default"
    assert backend.get_many(["k", "l"]) == {}
    assert backend.has_key("k") is False
    assert backend.add("k", 1) is False
    assert backend.set("k", 1) is None
    assert backend.set_many({"k": 1, "l": 2}) == ["k", "l"]
    assert backend.delete("k") is False
    assert backend.delete_many(["k"]) is None
    assert backend.touch("k") is False
    assert backend.get_or_set("k", 5) == 5
    assert backend.clear() is False
    assert time.monotonic() - started < 2


def test_with_redis_down_the_site_serves_and_logs_once(settings, reader, section, caplog):
    use_redis(settings, closed_port(), RETRY_AFTER=5)
    article = story(title="Mưa lớn ở Hà Nội", section=section)
    with caplog.at_level(logging.WARNING, logger="newsroom.caching.redis"):
        responses = [reader.get(path) for path in ["/", "/", article.get_absolute_url(), "/rss/"]]
    assert [r.status_code for r in responses] == [200, 200, 200, 200]
    assert all(r["X-Page-Cache"] == "miss" for r in responses)
    # Still bounded by the next change, still shareable by the CDN in front.
    assert responses[0]["Cache-Control"].startswith("public, max-age=30, s-maxage=60")
    assert "Mưa lớn ở Hà Nội" in responses[2].content.decode()
    assert len(outage_records(caplog)) == 1
    assert "unreachable" in outage_records(caplog)[0].getMessage()


def test_a_long_outage_is_logged_again_once_per_interval(settings, reader, caplog):
    # An interval the first three requests surely fit in, on a busy machine too (each
    # tries the closed port a few dozen times: RETRY_AFTER is 0 here).
    use_redis(settings, closed_port(), LOG_INTERVAL=1.0)
    with caplog.at_level(logging.WARNING, logger="newsroom.caching.redis"):
        for _ in range(3):
            reader.get("/robots.txt")
        time.sleep(1.05)
        for _ in range(3):
            reader.get("/robots.txt")
    messages = [r.getMessage() for r in outage_records(caplog)]
    assert len(messages) == 2
    assert "still unreachable" in messages[1]


@needs_redis_server
def test_a_restarted_redis_is_used_again_by_itself(
    settings, throwaway_redis, reader, section, caplog
):
    use_redis(settings, throwaway_redis.url)
    story(section=section)
    assert reader.get("/")["X-Page-Cache"] == "miss"
    assert reader.get("/")["X-Page-Cache"] == "hit"

    throwaway_redis.stop()
    with caplog.at_level(logging.WARNING, logger="newsroom.caching.redis"):
        down = [reader.get("/") for _ in range(3)]
        throwaway_redis.start()
        back = [reader.get("/") for _ in range(2)]

    assert [r.status_code for r in down + back] == [200] * 5
    assert [r["X-Page-Cache"] for r in down] == ["miss"] * 3
    assert [r["X-Page-Cache"] for r in back] == ["miss", "hit"]
    assert len(outage_records(caplog)) == 1
    assert any("reachable again" in r.getMessage() for r in caplog.records)


@needs_redis_server
def test_a_change_made_while_redis_was_away_is_not_lost(
    settings, throwaway_redis, reader, section, editor, commit
):
    use_redis(settings, throwaway_redis.url)
    draft = story(state=Status.IN_REVIEW, title="Cầu Long Biên đóng cửa", section=section)
    assert reader.get("/")["X-Page-Cache"] == "miss"

    # Redis keeps its data but stops answering: the new tag versions cannot be written.
    assert throwaway_redis.command("CLIENT", "PAUSE", "1000", "ALL").startswith(b"+OK")
    with commit():
        workflow.transition(draft, "publish", editor)
    time.sleep(1.1)

    page = reader.get("/")
    assert page.status_code == 200
    assert "Cầu Long Biên" in page.content.decode()
