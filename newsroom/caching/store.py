"""The store: every entry kept between requests, in one shape and under one key scheme,
in the cache server (Redis) with a copy in each process.

``remember(name, make, tags=…, ttl=…)`` is the only way in: the entry named ``name`` when
it is right (made under the current versions of its ``tags``, before its
``fresh_until``), else ``make()``'s value, kept. When many requests want a missing or
outdated entry at once, one makes it (holding a lock in the cache) while the others wait
briefly for it; only an entry made ``stale_ok`` (time-bound, like a ranking of views) is
shown past its time meanwhile, never one a change has outdated."""

import contextvars
import sys
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache

from . import tags as tag_versions

# In every key: raise it when what an entry holds changes shape, so that processes of a
# new release never read what an older one kept.
FORMAT = 5
# The longest one request may take to make an entry before another may try.
MAKING_AT_MOST = 30
# How long the others wait for it, and how often they look.
WAIT_AT_MOST = 5.0
WAIT_STEP = 0.01
# How long an outdated entry stays in the cache server, to be shown while it is made again
# (``stale_ok``) or replaced.
STALE_KEPT = 3600


@dataclass(frozen=True, slots=True)
class Entry:
    value: Any
    fresh_until: float
    made_under: tuple  # the version tokens of its tags, in the order of its tags
    stale_ok: bool = False

    def is_fresh(self, under, now):
        return self.made_under == under and now < self.fresh_until


def key(name):
    return f"{FORMAT}:{name}"


def under(tags, versions):
    return tuple(versions[tag][0] for tag in tags)


class NearCache:
    """This process's copies of entries it read or made, at most ``budget`` bytes
    (roughly), least recently used first out; safe across threads. A copy is only used
    after the entry's tags were read from the cache server, so it is never outdated."""

    def __init__(self, budget):
        self.budget, self.used = budget, 0
        self.entries = OrderedDict()  # key: (entry, size)
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            found = self.entries.get(key)
            if found is not None:
                self.entries.move_to_end(key)
        return found[0] if found is not None else None

    def put(self, key, entry):
        size = _size(entry.value)
        with self.lock:
            old = self.entries.pop(key, None)
            if old is not None:
                self.used -= old[1]
            if size > self.budget:
                return
            self.entries[key] = (entry, size)
            self.used += size
            while self.used > self.budget:
                self.used -= self.entries.popitem(last=False)[1][1]

    def clear(self):
        with self.lock:
            self.entries.clear()
            self.used = 0


def _size(value, depth=0):
    if isinstance(value, str | bytes):
        return sys.getsizeof(value)
    if isinstance(value, list | tuple) and depth < 3:
        return sys.getsizeof(value) + sum(_size(item, depth + 1) for item in value)
    if isinstance(value, dict) and depth < 3:
        return sys.getsizeof(value) + sum(_size(item, depth + 1) for item in value.values())
    if isinstance(value, int | float | None):
        return 32
    return 2048  # an object with its attributes (a section tree's node), about


near = NearCache(settings.CACHE_LOCAL_BYTES)


def lookup(keys):
    """``{key: Entry}`` kept under ``keys``: this process's copies, else one round trip."""
    found = {k: entry for k in keys if (entry := near.get(k)) is not None}
    missing = [k for k in keys if k not in found]
    if missing:
        for k, entry in cache.get_many(missing).items():
            if isinstance(entry, Entry):
                found[k] = entry
                near.put(k, entry)
    return found


def accept(k, entry):
    """An entry read from the cache server along with something else: copied here."""
    if not isinstance(entry, Entry):
        return None
    near.put(k, entry)
    return entry


def keep(k, entry, now):
    near.put(k, entry)
    lifetime = entry.fresh_until - now + (STALE_KEPT if entry.stale_ok else 0)
    if lifetime >= 1:
        cache.set(k, entry, int(min(lifetime, 86400 + STALE_KEPT)))


UNREAD = object()

# While an entry is being made: the ``fresh_until`` of every entry its ``make()`` used. An
# entry made from others is right no longer than they are (the "most read" box, no longer
# than the ranking it shows; a page, no longer than its parts).
_used_while_making = contextvars.ContextVar("caching_used_while_making", default=None)


def _used(entry):
    bounds = _used_while_making.get()
    if bounds is not None and entry is not None:
        bounds.append(entry.fresh_until)
    return entry


def obtain(name, make, *, tags=(), ttl, stale_ok=False, keeps=None, found=UNREAD):
    """The ``Entry`` under ``name``, made by ``make()`` when missing or outdated; with
    ``keeps(value)`` false, made but not kept (a value made for one reader only).
    ``found``: what the caller already read of it (``lookup``), if anything. ``None`` when
    the cache cannot be used: then the caller makes the value itself."""
    versions = tag_versions.snapshot()
    if versions is None:
        return None
    k, now = key(name), time.time()
    current = under(tags, versions)
    entry = lookup([k]).get(k) if found is UNREAD else found
    if entry is not None and not entry.is_fresh(current, now):
        # This process's copy is outdated: another process may have made it again since.
        remote = cache.get(k)
        if isinstance(remote, Entry):
            entry = remote
            near.put(k, entry)
    if entry is not None and entry.is_fresh(current, now):
        return _used(entry)
    making = MakeOnce(k, tags, versions, ttl, stale_ok, keeps)
    return _used(making.run(make, entry, current))


class MakeOnce:
    """One request makes an entry; the others wait for it (or show the one before, when it
    is ``stale_ok`` and only its time has passed)."""

    def __init__(self, k, tags, versions, ttl, stale_ok, keeps):
        self.k, self.tags, self.versions, self.ttl = k, tags, versions, ttl
        self.stale_ok, self.keeps = stale_ok, keeps

    def run(self, make, previous, current):
        lock = f"{self.k}:making"
        if cache.add(lock, 1, MAKING_AT_MOST):
            try:
                return self.make(make)
            finally:
                cache.delete(lock)
        if previous is not None and previous.stale_ok and previous.made_under == current:
            return previous
        return self.wait(lock, current) or self.make(make)

    def make(self, make):
        now = time.time()
        fresh_until = tag_versions.fresh_until(self.tags, self.versions, now, self.ttl)
        token = _used_while_making.set([])
        try:
            value = make()
            fresh_until = min([fresh_until, *_used_while_making.get()])
        finally:
            _used_while_making.reset(token)
        entry = Entry(value, fresh_until, under(self.tags, self.versions), self.stale_ok)
        if self.keeps is None or self.keeps(value):
            keep(self.k, entry, now)
        return entry

    def wait(self, lock, current):
        """The entry the lock's holder makes, once it is kept; ``None`` when it gave up
        (made something not to keep, failed) or is taking too long."""
        deadline = time.monotonic() + WAIT_AT_MOST
        while time.monotonic() < deadline:
            time.sleep(WAIT_STEP)
            found = cache.get_many([self.k, lock])
            entry = found.get(self.k)
            if isinstance(entry, Entry) and entry.is_fresh(current, time.time()):
                near.put(self.k, entry)
                return entry
            if lock not in found:
                return None
        return None


def remember(name, make, *, tags=(), ttl, stale_ok=False, optional=True, readers_only=False):
    """``make()``'s value, kept under ``name`` until one of ``tags`` changes, for ``ttl``
    seconds at most (see ``obtain``). ``optional``: a part of pages, kept only while
    ``FRAGMENT_CACHE`` is on (the site settings are kept whatever it says).
    ``readers_only``: kept and used only within a reader's page, as parts are (editors
    and previews get it made afresh)."""
    if optional and not settings.FRAGMENT_CACHE or readers_only and tag_versions.current() is None:
        return make()
    entry = obtain(name, make, tags=tags, ttl=ttl, stale_ok=stale_ok)
    return make() if entry is None else entry.value
