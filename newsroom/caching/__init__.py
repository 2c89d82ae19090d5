"""Caching for the reader's site: one store, one key scheme, one entry shape.

- ``store``: entries (``Entry``: a value, until when it is right, the versions of the tags
  it was made under) in Redis, with a copy of each in every process; ``remember`` makes a
  missing or outdated entry once, however many requests want it at that moment.
- ``tags``: the apps name what their entries depend on (``register``) and say what
  changed (``changed``); the framework never imports an app.
- ``http``: ``cached_page``, the whole page for anonymous readers, with ``ETag`` and the
  ``Cache-Control`` a CDN needs; ``cdn``: the purge sent to it.
- ``parts``: parts of pages declared once by the apps, rendered by ``{% part %}``.
- ``redis``: the Redis backend that Redis being down cannot take the site down with.

``docs/caching.md`` draws a request's path through them."""

from .store import remember
from .tags import changed, register

__all__ = ["changed", "register", "remember"]
