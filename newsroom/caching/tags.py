"""What entries depend on, and what changed.

Apps register their tags (``register("stories", next_change=…)``) and call
``changed("stories")`` when something readers see changes: once the transaction commits,
each tag named gets a new version, and every entry made under the old one is outdated.
A version is a random token (never a counter: if Redis loses the key, a fresh token can
never bring back entries made under an old one) and the time it started.

A tag's ``next_change(now)`` gives the next moment its entries go out of date with nobody
saving anything (the next scheduled story, midnight); it is worked out once per version.

A request reads every tag's version once, before it reads anything else
(``snapshot``): a change committed meanwhile starts versions its entries are not made
under, so nothing made from data read before a change is kept as if made after it."""

import contextvars
import math
import time
import uuid
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

# tag: its next_change(now) -> timestamp or None
_registered = {}
_snapshot = contextvars.ContextVar("caching_snapshot", default=None)


def register(tag, next_change=None):
    _registered[tag] = next_change


def registered():
    return tuple(sorted(_registered))


def _key(tag):
    return f"tag:{tag}"


def _new_version():
    return (uuid.uuid4().hex, time.time())


def changed(*tags, paths=(), using=None):
    """Something readers see changed: once the transaction commits (at once outside one),
    ``tags`` get new versions and the CDN is told (``paths``: the pages most directly
    concerned). Nothing happens when the transaction is rolled back."""
    unknown = set(tags) - set(_registered)
    if unknown:
        raise ValueError(f"Unregistered cache tags: {sorted(unknown)}")
    transaction.on_commit(partial(_after_commit, tags, paths), using=using, robust=True)


def _after_commit(tags, paths):
    from . import cdn

    bump(*tags)
    cdn.pages_changed(paths)


def bump(*tags):
    """New versions of ``tags`` (every registered tag when none is named), now."""
    cache.set_many({_key(tag): _new_version() for tag in tags or registered()}, None)


def read(extra=()):
    """``(versions, found)`` in one round trip to the cache: ``{tag: version}`` of every
    registered tag, and whatever is stored under the ``extra`` keys. ``versions`` is
    ``None`` when the cache cannot keep them (Redis down): then nothing is kept."""
    tags = registered()
    found = cache.get_many([_key(tag) for tag in tags] + list(extra))
    versions = {tag: found.pop(_key(tag), None) for tag in tags}
    missing = [tag for tag, version in versions.items() if version is None]
    if missing:
        for tag in missing:
            cache.add(_key(tag), _new_version(), None)
        again = cache.get_many([_key(tag) for tag in missing])
        versions.update({tag: again.get(_key(tag)) for tag in missing})
        if any(version is None for version in versions.values()):
            return None, {}
    return versions, found


def snapshot():
    """The versions this request works under: read once (at its start, by ``begin``), or
    read now for work outside a reader's request."""
    kept = _snapshot.get()
    return kept if kept is not None else read()[0]


def current():
    """The versions of this reader's request, ``None`` outside one."""
    return _snapshot.get()


def begin(extra=()):
    """Read the versions for the rest of this request (and ``extra`` keys with them).
    Returns ``(reset token, versions, found)``; pass the token to ``end``."""
    versions, found = read(extra)
    return _snapshot.set(versions), versions, found


def end(token):
    _snapshot.reset(token)


def fresh_until(tags, versions, now, ttl):
    """Until when an entry made now under ``versions`` stays right: ``ttl`` seconds at most,
    never past the next change of one of its tags that nobody saves, nor (with a replica
    that may lag) past ``DATABASE_REPLICA_LAG`` after the tag's last change."""
    until = now + ttl
    for tag in tags:
        until = min(until, _next_change(tag, versions[tag], now), _replica_end(versions[tag], now))
    return until


def _next_change(tag, version, now):
    moment_of = _registered.get(tag)
    if moment_of is None:
        return math.inf
    key = f"clock:{tag}"
    kept = cache.get(key)
    if kept is not None and kept[0] == version[0] and now < kept[1]:
        return kept[1]
    moment = moment_of(now) or math.inf
    # Worked out from a replica that may not have replayed the change that started this
    # version (a story just scheduled): kept only until it has.
    keep_until = min(moment, _replica_end(version, now))
    if keep_until - now >= 1:
        cache.set(key, (version[0], moment), int(min(keep_until - now, 86400)))
    return moment


def _replica_end(version, now):
    from newsroom.db_router import replica_in_use

    lag = settings.DATABASE_REPLICA_LAG
    if lag and now < version[1] + lag and replica_in_use():
        return version[1] + lag
    return math.inf
