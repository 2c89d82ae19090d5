"""The reader's page cache.

- ``reader_page``: a view decorator keeping whole responses for anonymous readers and
  giving them the HTTP caching headers (``Cache-Control``, ``ETag``) a CDN or a reverse
  proxy needs. Editors (a logged-in session) always get a fresh page, marked private,
  that is never stored.
- Every stored page lives under the current content generation: ``content_changed()``
  starts a new generation once the transaction commits, so every page is fresh at once.
- No page outlives the next change that happens without anyone saving: a scheduled
  story's publication time, or midnight (the date in the header, the masthead in effect).
- ``LocalCopies``: each process keeps copies of the pages it served (``pages``, at most
  ``PAGE_CACHE_LOCAL_BYTES``), and of page fragments (``articles.fragments``); the
  generation is still read from Redis on every request, so they are never stale.
- ``ResilientRedisCache``: Django's Redis backend that turns an unreachable Redis into
  cache misses, logs the outage (not every request) and notices by itself when Redis is
  back.

Switched off entirely with ``PAGE_CACHE=off`` (settings ``PAGE_CACHE``)."""

import datetime
import hashlib
import logging
import math
import sys
import threading
import time
import uuid
from collections import OrderedDict
from functools import partial, wraps

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotAllowed
from django.utils import timezone
from django.utils.cache import get_conditional_response, quote_etag

logger = logging.getLogger(__name__)

GENERATION_KEY = "page:generation"
CACHED_STATUSES = {200, 301}
# Headers the cache sets itself on every response, never stored with a page.
NOT_STORED = {"cache-control", "vary", "etag", "expires", "x-page-cache", "surrogate-key"}


class LocalCopies:
    """This process's copies of entries it read from the cache or stored lately, so that a
    request reads from Redis only what this process has not seen in the current
    generation: the generation itself is still read from Redis on every request, and every
    key names it, so a change anywhere makes every copy here unreachable at once.

    Each copy ends when its entry in Redis does (the entry carries its end). At most
    ``budget`` bytes (roughly: the size of the strings and lists kept), least recently
    used first out; safe across threads."""

    def __init__(self, budget):
        self.budget, self.used = budget, 0
        self.entries = OrderedDict()  # key: (value, ends_at, size)
        self.generation = None
        self.lock = threading.Lock()

    def get(self, key, now):
        entry = self.entries.get(key)
        if entry is None:
            return None
        if entry[1] <= now:
            self.drop(key)
            return None
        with self.lock:
            if key in self.entries:
                self.entries.move_to_end(key)
        return entry

    def put(self, key, value, ends_at):
        size = _size(value)
        if size > self.budget:
            return
        with self.lock:
            old = self.entries.pop(key, None)
            if old is not None:
                self.used -= old[2]
            self.entries[key] = (value, ends_at, size)
            self.used += size
            while self.used > self.budget and self.entries:
                self.used -= self.entries.popitem(last=False)[1][2]

    def seen(self, generation):
        """A new generation leaves every copy of the previous one unreachable: let them
        go at once rather than when they are least recently used."""
        if generation is not None and generation != self.generation:
            with self.lock:
                self.generation = generation
                self.entries.clear()
                self.used = 0

    def drop(self, key):
        with self.lock:
            old = self.entries.pop(key, None)
            if old is not None:
                self.used -= old[2]


def _size(value, depth=0):
    if isinstance(value, str | bytes):
        return sys.getsizeof(value)
    if isinstance(value, list | tuple | set) and depth < 2:
        if value and all(isinstance(item, int) for item in value):
            return sys.getsizeof(value) + 32 * len(value)  # ids: a search's thousand
        return sys.getsizeof(value) + sum(_size(item, depth + 1) for item in value)
    if isinstance(value, dict) and depth < 2:
        return sys.getsizeof(value) + sum(_size(item, depth + 1) for item in value.values())
    if isinstance(value, int | float | None):
        return 32
    return 2048  # a model instance with its attributes, about


# The content generation -------------------------------------------------------------------


def _new_generation():
    # A random token, not a counter: if Redis evicts or loses the key, a fresh token can
    # never bring back pages stored under an old one.
    return (uuid.uuid4().hex, time.time())


def current_generation():
    """``(token, started_at)`` of the current generation, or ``None`` when the cache
    cannot keep one (Redis down): then nothing is stored or served from the cache."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, _new_generation(), None)
        generation = cache.get(GENERATION_KEY)
    return generation


def new_generation():
    """Start a new generation now: every page stored so far is out of date."""
    cache.set(GENERATION_KEY, _new_generation(), None)


def content_changed(*paths, using=None):
    """Call when something readers see changed: once the transaction commits (at once
    outside one), a new generation starts and the CDN is told about ``paths`` (the pages
    most directly concerned; the CDN purge covers every page through its surrogate key).

    Nothing happens when the transaction is rolled back."""
    transaction.on_commit(partial(_after_commit, paths), using=using, robust=True)


def _after_commit(paths):
    from . import purge

    new_generation()
    purge.pages_changed(paths)


def _replica_lag_end(generation, now):
    """Until when pages may still be made from a replica that has not replayed the latest
    change: they are kept only that long."""
    from .db_router import replica_in_use

    lag = settings.DATABASE_REPLICA_LAG
    if lag and replica_in_use():
        end = generation[1] + lag
        if now < end:
            return end
    return math.inf


# The next change nobody saves -----------------------------------------------------------


def next_change(now):
    """The next moment (a timestamp) the public pages change on their own: the next
    scheduled story goes live, or the day turns."""
    from articles.models import Article

    moment = datetime.datetime.fromtimestamp(now, datetime.UTC)
    upcoming = (
        Article.objects.scheduled(moment)
        .order_by("publication_at")
        .values_list("publication_at", flat=True)
        .first()
    )
    tomorrow = timezone.localdate(moment) + datetime.timedelta(days=1)
    midnight = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time.min))
    return min(midnight.timestamp(), upcoming.timestamp() if upcoming else math.inf)


def fresh_until(generation, now):
    """Until when a page made now stays right: the next change nobody saves, kept under
    the generation until that moment, and the replica's catching up."""
    if generation is None:
        return next_change(now)
    lag_end = _replica_lag_end(generation, now)
    key = f"page:next:{generation[0]}"
    kept = cache.get(key)
    if kept is not None and now < kept[0] and now < kept[1]:
        return min(kept[0], lag_end)
    moment = next_change(now)
    keep_until = min(moment, lag_end)
    if keep_until - now >= 1:
        cache.set(key, (moment, keep_until), int(keep_until - now))
    return min(moment, lag_end)


# HTTP headers ----------------------------------------------------------------------------


def public_cache_control(seconds_left):
    """``Cache-Control`` for a reader's page that stays right for ``seconds_left`` more
    seconds: neither a browser nor a shared cache may keep it, or serve it stale while
    revalidating, past that."""
    left = max(0, int(seconds_left))
    max_age = min(settings.HTTP_CACHE_MAX_AGE, left)
    s_maxage = min(settings.HTTP_CACHE_S_MAXAGE, left)
    revalidate = min(settings.HTTP_CACHE_STALE_WHILE_REVALIDATE, left - max(max_age, s_maxage))
    parts = ["public", f"max-age={max_age}", f"s-maxage={s_maxage}"]
    if revalidate > 0:
        parts.append(f"stale-while-revalidate={revalidate}")
    # Stale copies when the site is failing are better than error pages.
    if settings.HTTP_CACHE_STALE_IF_ERROR:
        parts.append(f"stale-if-error={settings.HTTP_CACHE_STALE_IF_ERROR}")
    return ", ".join(parts)


PRIVATE = "private, no-store"
# The only methods a reader's page answers (405 with ``Allow: GET, HEAD`` otherwise).
READER_METHODS = ("GET", "HEAD")


def is_editor(request):
    """A logged-in member of the newsroom. Readers have no session cookie, so for them
    the session is never read (and no ``Vary: Cookie`` is added)."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


# The decorator ----------------------------------------------------------------------------


def reader_page(view=None, *, timeout=None):
    """Cache ``view``'s responses for anonymous readers for ``timeout`` seconds at most
    (``PAGE_CACHE_TIMEOUT`` by default), and never past the next change."""
    if view is None:
        return partial(reader_page, timeout=timeout)

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        # Readers' pages are read, nothing else: POST, PUT, OPTIONS, TRACE, PROPFIND…
        # get 405 before any cache lookup, and the view never runs.
        if request.method not in READER_METHODS:
            response = HttpResponseNotAllowed(READER_METHODS)
            response["Cache-Control"] = PRIVATE
            return response
        if not settings.PAGE_CACHE:
            return view(request, *args, **kwargs)
        if is_editor(request):
            response = view(request, *args, **kwargs)
            response["Cache-Control"] = PRIVATE
            response["X-Page-Cache"] = "bypass"
            return response
        return _serve(request, partial(view, request, *args, **kwargs), timeout)

    # Nothing here changes state and every unsafe method is refused above: the CSRF check
    # would only turn that 405 into a 403.
    cached_view.csrf_exempt = True
    return cached_view


def _key(generation, request):
    address = request.build_absolute_uri()
    return (
        f"page:{generation[0]}:{hashlib.md5(address.encode(), usedforsecurity=False).hexdigest()}"
    )


# The generation this process saw last: a guess that lets one round trip to the cache
# fetch both the current generation and the page stored under the guess.
_last_generation = None


# This process's copies of the pages it served lately (each read of the generation from
# Redis says whether they are still current).
pages = LocalCopies(settings.PAGE_CACHE_LOCAL_BYTES)


def _lookup(request):
    """``(generation, key, entry)``: the current generation, the page's key under it and
    what is stored there (``None`` for nothing)."""
    global _last_generation
    guess = _last_generation
    guessed_key = _key(guess, request) if guess is not None else None
    copy = pages.get(guessed_key, time.time()) if guessed_key else None
    if copy is not None:
        # The page is here already: only the generation is read, to know it is current.
        generation = cache.get(GENERATION_KEY)
        if generation == guess:
            return generation, guessed_key, copy[0]
        found = {GENERATION_KEY: generation}
    else:
        # One MGET: Redis reads both at the same instant, so a page found under the guess
        # is current exactly when the guess is the current generation.
        keys = [GENERATION_KEY, guessed_key] if guessed_key else [GENERATION_KEY]
        found = cache.get_many(keys)
    generation = found.get(GENERATION_KEY)
    pages.seen(generation)
    if generation is not None and generation == guess:
        entry = found.get(guessed_key)
        if entry is not None:
            pages.put(guessed_key, entry, entry[4])
        return generation, guessed_key, entry
    if generation is None:
        generation = current_generation()
        if generation is None:
            return None, None, None
        pages.seen(generation)
    _last_generation = generation
    key = _key(generation, request)
    entry = cache.get(key)
    if entry is not None:
        pages.put(key, entry, entry[4])
    return generation, key, entry


def _serve(request, render, timeout):
    # The generation is read before the page is made: a change committed meanwhile starts
    # a new generation, under which this page is never found.
    generation, key, entry = _lookup(request)
    now = time.time()
    if entry is not None and now < entry[4]:
        status, headers, content, etag, _stored_until, until = entry
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response["X-Page-Cache"] = "hit"
    else:
        until = fresh_until(generation, now)
        response = render()
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        etag = None
        if response.status_code == 200 and not response.streaming:
            etag = quote_etag(hashlib.md5(response.content, usedforsecurity=False).hexdigest())
        response["X-Page-Cache"] = "miss"
        if not _may_share(response):
            return response
        lifetime = min(until, now + (timeout or settings.PAGE_CACHE_TIMEOUT)) - now
        if key and lifetime >= 1:
            headers = [(k, v) for k, v in response.items() if k.lower() not in NOT_STORED]
            entry = (response.status_code, headers, response.content, etag, now + lifetime, until)
            cache.set(key, entry, int(lifetime))
            pages.put(key, entry, entry[4])
    response["Cache-Control"] = public_cache_control(until - time.time())
    if settings.CDN_PURGE_URL and settings.CDN_SURROGATE_KEY:
        response["Surrogate-Key"] = settings.CDN_SURROGATE_KEY
    if etag:
        response["ETag"] = etag
        return get_conditional_response(request, etag=etag, response=response)
    return response


def _may_share(response):
    """A response made for anyone: no cookie set, nothing read from the session, not
    marked private by the view."""
    if response.status_code not in CACHED_STATUSES or response.streaming or response.cookies:
        return False
    if "cookie" in response.get("Vary", "").lower():
        logger.warning("A reader's page read the session; it is not cached.")
        return False
    control = response.get("Cache-Control", "").lower()
    return "private" not in control and "no-store" not in control


# The Redis backend -----------------------------------------------------------------------


class _Health:
    """Whether one Redis server answered lately, shared by every thread of a process."""

    def __init__(self, name, retry_after, log_interval):
        self.name, self.retry_after, self.log_interval = name, retry_after, log_interval
        self.lock = threading.Lock()
        self.down_since = None
        self.retry_at = self.logged_at = 0.0
        self.failures = 0

    def may_try(self):
        return self.down_since is None or time.monotonic() >= self.retry_at

    def failed(self, error):
        now = time.monotonic()
        with self.lock:
            self.failures += 1
            self.retry_at = now + self.retry_after
            if self.down_since is None:
                self.down_since = self.logged_at = now
                logger.error(
                    "Cache server %s unreachable (%s): pages are made without it until it is back.",
                    self.name,
                    error,
                )
            elif now - self.logged_at >= self.log_interval:
                self.logged_at = now
                logger.error(
                    "Cache server %s still unreachable after %d s (%d failed operations): %s",
                    self.name,
                    now - self.down_since,
                    self.failures,
                    error,
                )

    def answered(self):
        """Record a success; ``True`` when it ends an outage."""
        if self.down_since is None:
            return False
        with self.lock:
            if self.down_since is None:
                return False
            logger.warning(
                "Cache server %s reachable again after %d s.",
                self.name,
                time.monotonic() - self.down_since,
            )
            self.down_since, self.failures = None, 0
            return True


_health = {}
_health_lock = threading.Lock()


def _health_of(name, retry_after, log_interval):
    with _health_lock:
        if name not in _health:
            _health[name] = _Health(name, retry_after, log_interval)
        return _health[name]


def _guarded(miss):
    """Run a cache operation; when Redis cannot be reached, return ``miss(args, kwargs)``
    instead of raising."""

    def decorate(method):
        @wraps(method)
        def guarded(self, *args, **kwargs):
            from redis.exceptions import RedisError

            if not self._health.may_try():
                return miss(args, kwargs)
            try:
                result = method(self, *args, **kwargs)
            except (RedisError, OSError) as error:
                self._health.failed(error)
                return miss(args, kwargs)
            if self._health.answered():
                # Content may have changed while Redis was away, and the new generation
                # could not be written then: start one now, and let this read miss.
                self._restart_generation()
                if method.__name__ in {"get", "get_many", "has_key"}:
                    return miss(args, kwargs)
            return result

        return guarded

    return decorate


def _get_default(args, kwargs):
    return kwargs.get("default", args[1] if len(args) > 1 else None)


class _OneClientPerPool(RedisCacheClient):
    """Django's client builds a ``redis.Redis`` (and its table of some 160 response
    callbacks) for every operation, a third of a millisecond each; one per connection
    pool is enough: it is thread-safe and holds no connection itself."""

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    """``django.core.cache.backends.redis.RedisCache`` that Redis being down cannot take
    the site down with: reads miss, writes do nothing, the outage is logged when it
    starts, every ``LOG_INTERVAL`` seconds while it lasts and when it ends; after a failure
    nothing waits on the server for ``RETRY_AFTER`` seconds. Short socket timeouts by
    default, so a server that does not answer costs a fraction of a second, not a page."""

    def __init__(self, server, params):
        params = {
            **params,
            "OPTIONS": {
                "socket_connect_timeout": 0.25,
                "socket_timeout": 0.5,
                **params.get("OPTIONS", {}),
            },
        }
        super().__init__(server, params)
        self._class = _OneClientPerPool
        self._health = _health_of(
            ",".join(self._servers),
            float(params.get("RETRY_AFTER", 5)),
            float(params.get("LOG_INTERVAL", 60)),
        )

    def _restart_generation(self):
        try:
            RedisCache.set(self, GENERATION_KEY, _new_generation(), None)
        except Exception:  # noqa: BLE001 - down again: the next recovery will try again
            logger.warning("Could not start a new page generation after the outage.")

    get = _guarded(_get_default)(RedisCache.get)
    get_many = _guarded(lambda args, kwargs: {})(RedisCache.get_many)
    has_key = _guarded(lambda args, kwargs: False)(RedisCache.has_key)
    add = _guarded(lambda args, kwargs: False)(RedisCache.add)
    set = _guarded(lambda args, kwargs: None)(RedisCache.set)
    touch = _guarded(lambda args, kwargs: False)(RedisCache.touch)
    delete = _guarded(lambda args, kwargs: False)(RedisCache.delete)
    set_many = _guarded(lambda args, kwargs: list(args[0] if args else kwargs["data"]))(
        RedisCache.set_many
    )
    delete_many = _guarded(lambda args, kwargs: None)(RedisCache.delete_many)

    @_guarded(lambda args, kwargs: False)
    def clear(self):
        """Remove this site's keys only (those under ``KEY_PREFIX``): the Redis database
        may be shared. Without a prefix, the whole database, as Django does."""
        if not self.key_prefix:
            return super().clear()
        client = self._cache.get_client(None, write=True)
        batch = []
        for key in client.scan_iter(match=f"{self.key_prefix}:*", count=1000):
            batch.append(key)
            if len(batch) >= 1000:
                client.delete(*batch)
                batch = []
        if batch:
            client.delete(*batch)
        return True
