"""What other apps do to a story's body, registered in their ``AppConfig.ready`` so that
``articles`` never imports them (embeds, galleries, library photos sit above it).

- ``prepares_body(function)``: ``function(html) -> html`` runs in ``Article.save`` before the
  allow-list cleans the body: it may turn what the editor typed (a URL on its own line, say)
  into one of the blocks ``newsroom.html.BLOCKS`` allows. It must never raise for bad input:
  saving a story does not fail because a provider or a record is missing.
- ``renders_body(function)``: ``function(html, article) -> html`` runs when the story part
  renders the cleaned body for readers, after library photos became ``<picture>``; it turns
  its blocks into our own markup (every value escaped). An app whose blocks show its own
  records says so with ``parts.depends("story", its_tag)``."""

from django.utils.safestring import mark_safe

PREPARERS = []
RENDERERS = []


def prepares_body(function):
    PREPARERS.append(function)
    return function


def renders_body(function):
    RENDERERS.append(function)
    return function


def prepare(html):
    for function in PREPARERS:
        html = function(html)
    return html


def render(html, article):
    """The reader's body: ``html`` is already cleaned and made responsive; each renderer
    adds only markup it escaped itself, so the result may be marked safe."""
    for function in RENDERERS:
        html = function(html, article)
    return mark_safe(html)
