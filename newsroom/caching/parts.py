"""Parts of pages, each declared once by the app that owns it: its name, its template,
what it depends on (tags), how long it may live, and the function that gives its
template's context (run only when the part must be made). ``{% part "name" arg=value %}``
renders it; the view that renders the page does not know it exists.

A part is kept per language, host and arguments (an object argument by its primary key),
only within a reader's page (``cached_page``): a preview or an admin page renders its
parts fresh, so nothing unpublished is ever kept under a part's name."""

from dataclasses import dataclass, replace
from typing import Any

from django.conf import settings
from django.template import TemplateSyntaxError
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from . import store
from . import tags as tag_versions

DAY = 24 * 3600


@dataclass(frozen=True)
class Part:
    name: str
    template: str
    context: Any  # (request, **arguments) -> dict
    tags: tuple
    ttl: Any  # seconds, or a function giving them (read from the settings when used)

    def render(self, request, arguments):
        context = self.context(request, **arguments)
        # The part's template escapes every value it prints.
        return mark_safe(get_template(self.template).render(context, request))  # noqa: S308


_parts = {}


def part(name, *, template, tags, ttl=DAY):
    """Declare the part ``name``: decorates the function giving its template's context."""
    unknown = set(tags) - set(tag_versions.registered())
    if unknown:
        raise ValueError(f"Part {name!r} depends on unregistered tags {sorted(unknown)}")

    def declare(context):
        _parts[name] = Part(name, template, context, tuple(tags), ttl)
        return context

    return declare


def depends(name, *tags):
    """Part ``name`` depends on ``tags`` too: another app adds to what it shows (a live
    blog's updates in a story's search-engine data, say)."""
    unknown = set(tags) - set(tag_versions.registered())
    if unknown:
        raise ValueError(f"Part {name!r} depends on unregistered tags {sorted(unknown)}")
    declared = _parts[name]
    _parts[name] = replace(declared, tags=tuple(dict.fromkeys([*declared.tags, *tags])))


def _argument(value):
    return getattr(value, "pk", value)


def _host(request):
    """The request's host, checked once per request: a page has a dozen parts, and
    ``get_host()`` checks ALLOWED_HOSTS every time it is asked."""
    if request is None:
        return ""
    host = request.__dict__.get("_part_host")
    if host is None:
        host = request.__dict__["_part_host"] = request.get_host()
    return host


def render(name, request, arguments):
    declared = _parts.get(name)
    if declared is None:
        raise TemplateSyntaxError(f"No part is named {name!r} (known: {sorted(_parts)})")
    if not settings.FRAGMENT_CACHE or tag_versions.current() is None:
        return declared.render(request, arguments)
    named = ":".join(f"{k}={_argument(v)}" for k, v in sorted(arguments.items()))
    host = _host(request)
    return store.remember(
        f"part:{name}:{get_language()}:{host}:{named}",
        lambda: declared.render(request, arguments),
        tags=declared.tags,
        ttl=declared.ttl() if callable(declared.ttl) else declared.ttl,
    )
