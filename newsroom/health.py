"""Health probes, and what readers get while the database is away.

- ``GET /healthz``: liveness. The process answers; nothing else is touched.
- ``GET /readyz``: readiness. Every database and the cache answer; otherwise 503 with a
  JSON body naming what failed.
- ``HealthProbeMiddleware``: answers both first in the chain, before the host check and
  the HTTPS redirect: load balancers and orchestrators probe an app server by its own
  address over plain HTTP, and the probes build no link, so the Host header does not
  matter to them. Nothing in front of them reads a session or a cookie.
- ``DatabaseOutageMiddleware``: a request that fails because the database cannot be
  reached, or a query ran past ``DATABASE_STATEMENT_TIMEOUT``, gets 503 and the
  "đang bảo trì" page with ``Retry-After``, not a 500 and never a traceback. The outage is
  logged when this process first meets it and then once every ``LOG_INTERVAL`` seconds,
  not once per request. ``server_error`` (``handler500``) does the same for what fails
  outside a view: a middleware reading an editor's session.

Pages the page cache holds are served without touching the database
(``newsroom.caching.http.cached_page``), so they stay up through an outage."""

import logging
import sqlite3
import sys
import threading
import time
import uuid

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.db import DEFAULT_DB_ALIAS, DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views import defaults

logger = logging.getLogger(__name__)

PROBES = {"/healthz", "/readyz"}
# Seconds a client (or a crawler) should wait before trying again.
RETRY_AFTER = 30
LOG_INTERVAL = 60
NO_STORE = "no-store"


def healthz(request):
    """Liveness: the process answers."""
    return _no_store(HttpResponse("ok\n", content_type="text/plain; charset=utf-8"))


def readyz(request):
    """Readiness: each database and the cache answer; 503 naming those that do not."""
    checks = {
        "database" if alias == DEFAULT_DB_ALIAS else f"database:{alias}": _check_database(alias)
        for alias in settings.DATABASES
    }
    checks["cache"] = _check_cache()
    failed = [name for name, state in checks.items() if state == "failed"]
    response = JsonResponse(
        {"status": "unavailable" if failed else "ok", "failed": failed, "checks": checks},
        status=503 if failed else 200,
    )
    if failed:
        _readiness_log.failed(", ".join(failed))
        _quiet(response)
    return _no_store(response)


def _check_database(alias):
    # Within DATABASE_CONNECT_TIMEOUT: an address that does not answer is given up then.
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.debug("Readiness: database %s failed: %s", alias, error)
        return "failed"
    return "ok"


def _check_cache():
    """A value written and read back. ``ResilientRedisCache`` turns an unreachable Redis
    into a miss (within its socket timeouts, 0.25 s to connect), which reads as failed."""
    if isinstance(caches["default"], DummyCache):
        return "off"
    key, token = "health:readyz", uuid.uuid4().hex
    try:
        cache.set(key, token, 10)
        return "ok" if cache.get(key) == token else "failed"
    except Exception as error:  # noqa: BLE001 - any backend's failure is "not ready"
        logger.debug("Readiness: cache failed: %s", error)
        return "failed"


class HealthProbeMiddleware:
    """``/healthz`` and ``/readyz`` answered before any other middleware (first in
    ``MIDDLEWARE``): no host check, no HTTPS redirect, no session, nothing cached."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info in PROBES and request.method in ("GET", "HEAD"):
            return healthz(request) if request.path_info == "/healthz" else readyz(request)
        return self.get_response(request)


# The database is away ---------------------------------------------------------------------


# PostgreSQL's error classes that a retry later fixes: connection exceptions (08),
# insufficient resources (53), operator intervention (57: a query cancelled by
# statement_timeout, a server shutting down or starting), and a lock not granted in time.
OUTAGE_SQLSTATE_CLASSES = ("08", "53", "57")
OUTAGE_SQLSTATES = {"55P03"}
# SQLite's: the file locked by a writer, or not there to open.
SQLITE_OUTAGES = ("database is locked", "unable to open database", "disk i/o error")


def is_database_outage(error):
    """The database cannot be reached, dropped the connection, or cancelled a query that
    ran past its time (or waited on a lock past it): nothing a retry later would not fix.
    Mistakes in our own queries or schema (``ProgrammingError``, ``IntegrityError``, a
    missing table, an index row too big) are not: they stay 500s, with their traceback."""
    if isinstance(error, InterfaceError):
        return True
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    sqlstate = getattr(cause, "sqlstate", None)
    if sqlstate:
        return sqlstate[:2] in OUTAGE_SQLSTATE_CLASSES or sqlstate in OUTAGE_SQLSTATES
    if isinstance(cause, sqlite3.Error):
        return any(text in str(cause).lower() for text in SQLITE_OUTAGES)
    return True  # a connection that could not be made carries no SQLSTATE


def maintenance_response():
    """The "đang bảo trì" page: made without the database, the request or a context
    processor, so it can be shown when nothing else can."""
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    _quiet(response)
    return _no_store(response)


class DatabaseOutageMiddleware:
    """503 and the maintenance page for a view that failed because the database is
    away (a cached page never gets here: the page cache answers it first)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_outage(exception):
            return None
        _outage_log.failed(f"{request.method} {request.path}: {exception}".strip())
        return maintenance_response()


def server_error(request):
    """``handler500``: the maintenance page when what failed outside a view (a
    middleware reading or saving an editor's session, say) was the database being away;
    Django's own 500 page otherwise."""
    error = sys.exc_info()[1]
    if is_database_outage(error):
        _outage_log.failed(f"{request.method} {request.path}: {error}".strip())
        return maintenance_response()
    return defaults.server_error(request)


class _RateLimitedLog:
    """One error line when a failure is first seen in this process, then at most one
    every ``LOG_INTERVAL`` seconds while it lasts, with how many requests it failed."""

    def __init__(self, message):
        self.message = message
        self.lock = threading.Lock()
        self.logged_at = None
        self.since_logged = 0

    def failed(self, detail):
        now = time.monotonic()
        with self.lock:
            self.since_logged += 1
            if self.logged_at is not None and now - self.logged_at < LOG_INTERVAL:
                return
            count, self.since_logged, self.logged_at = self.since_logged, 0, now
        logger.error(self.message, count, " ".join(str(detail).split()))


_outage_log = _RateLimitedLog(
    "Database unavailable: %d request(s) answered 503 (maintenance page). Last: %s"
)
_readiness_log = _RateLimitedLog("Not ready: %d probe(s) failed. Failed: %s")


def _quiet(response):
    # Logged above, once per interval: Django's own "Service Unavailable: /path" line for
    # every request of an outage would drown everything else.
    response._has_been_logged = True
    return response


def _no_store(response):
    response["Cache-Control"] = NO_STORE
    return response
