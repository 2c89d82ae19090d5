"""Where queries go when a read replica is configured (``DATABASE_REPLICA_URL``).

An anonymous reader's page (``ReaderRoutingMiddleware`` marks the request) reads from the
replica. Writes go to the primary, and so does every read that follows a write in the same
request, so a request never misses what it has just written. Everything else (editors,
the admin, previews, management commands, background work) uses the primary."""

import contextvars
from contextlib import contextmanager

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, router

REPLICA = "replica"

_reader = contextvars.ContextVar("newsroom_reader_request", default=False)


@contextmanager
def reader_request():
    """Reads inside go to the replica, until the first write."""
    token = _reader.set(True)
    try:
        yield
    finally:
        _reader.reset(token)


def replica_in_use():
    """Whether some reads may come from a replica: one is configured and routed to."""
    return REPLICA in settings.DATABASES and any(
        isinstance(each, PrimaryReplicaRouter) for each in router.routers
    )


def reads_from_replica():
    return _reader.get() and REPLICA in settings.DATABASES


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if reads_from_replica() else None

    def db_for_write(self, model, **hints):
        # Stick to the primary for the rest of the request.
        _reader.set(False)
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same data.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica copies the primary's schema by replication.
        return db == DEFAULT_DB_ALIAS
