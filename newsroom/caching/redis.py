"""``ResilientRedisCache``: Django's Redis backend that Redis being down cannot take the
site down with. Reads miss, writes do nothing, the outage is logged when it starts, every
``LOG_INTERVAL`` seconds while it lasts and when it ends; after a failure nothing waits on
the server for ``RETRY_AFTER`` seconds. When it is back, every tag gets a new version:
content may have changed meanwhile."""

import logging
import threading
import time
from functools import wraps

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

from . import tags

logger = logging.getLogger(__name__)


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
                # Content may have changed while Redis was away, and the new versions
                # could not be written then: start them now, and let this read miss.
                self._restart_versions()
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

    def _restart_versions(self):
        try:
            tags.bump()
        except Exception:  # noqa: BLE001 - down again: the next recovery will try again
            logger.warning("Could not start new cache versions after the outage.")

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
