"""Parts of the reader's pages kept in the cache between requests, so that a page the page
cache does not answer (switched off, or not stored yet) is still cheap to make: rendered
story cards, the section list, the stories behind "latest", "most read" and "related",
the counts behind pagination, a story's rendered body, the header and the footer.

Every entry lives under the content generation of ``newsroom.cache``: whatever readers
could see changes, a new generation starts and nothing stored before it is used again.
No entry outlives the next change that happens without anyone saving (a scheduled story
going live, midnight: ``newsroom.cache.fresh_until``), nor its own timeout ("most read"
follows the views for ``PAGE_CACHE_TIMEOUT`` seconds at most).

``FRAGMENT_CACHE=off`` switches it off; when the cache server cannot be reached there is
no generation and everything is made afresh."""

import time

from django.conf import settings
from django.core.cache import cache
from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from newsroom.cache import current_generation, fresh_until

from .models import Article

# Columns no card shows: a list of twenty stories should not read twenty bodies.
NOT_ON_CARDS = ["body", "search_text", "internal_note"]
CARD_TEMPLATE = "includes/story_card.html"
TIMEOUT = 24 * 3600


def card_stories():
    """Public stories as cards need them, newest first."""
    return Article.objects.public().with_cards().defer(*NOT_ON_CARDS).latest_first()


def generation(request):
    """The content generation this request's fragments live under (read once per
    request, before anything is read from the database), or ``None`` for no caching."""
    if not settings.FRAGMENT_CACHE:
        return None
    if request is None:
        return current_generation()
    if not hasattr(request, "_fragment_generation"):
        request._fragment_generation = current_generation()
    return request._fragment_generation


def _key(found, name):
    return f"fragment:{found[0]}:{get_language()}:{name}"


def _store(values, found, timeout, lists=True):
    now = time.time()
    lifetime = timeout
    if lists:
        lifetime = min(fresh_until(found, now), now + timeout) - now
    if values and lifetime >= 1:
        cache.set_many(values, int(lifetime))


def prefetch(request, names=(), lasting=()):
    """Read these entries (``lasting``: kept whatever the generation) in one round trip;
    ``remember`` then finds them, or knows they are missing, without asking the cache."""
    found = generation(request)
    if found is None:
        return
    keys = [_key(found, name) for name in names] + [_key(("any",), name) for name in lasting]
    asked, kept = getattr(request, "_prefetched_fragments", (set(), {}))
    request._prefetched_fragments = (asked | set(keys), {**kept, **cache.get_many(keys)})


def _kept(request, key):
    asked, kept = getattr(request, "_prefetched_fragments", ((), {}))
    if key in asked:
        return kept.get(key)
    return cache.get(key)


def remember(request, name, make, timeout=TIMEOUT, per_generation=True, lists=True):
    """``make()``'s value, kept under ``name`` in the current generation; or, with
    ``per_generation=False``, for ``timeout`` seconds whatever changes meanwhile.

    ``lists``: the value depends on which stories are public, so it is not kept past the
    next scheduled story (or midnight). A part made of one story only (its card, its
    body), or of sections and settings, is not: without a save it never changes."""
    found = generation(request)
    if found is None:
        return make()
    key = _key(found if per_generation else ("any",), name)
    kept = _kept(request, key)
    if kept is not None:
        return kept[0]
    value = make()
    if per_generation:
        _store({key: (value,)}, found, timeout, lists)
    else:
        cache.set(key, (value,), timeout)
    return value


def remember_stories(request, name, stories, timeout=TIMEOUT, per_generation=True):
    """The stories ``stories()`` lists: their ids when they were kept under ``name``, the
    stories themselves (for their cards, without a second query) when listed now."""
    listed = None

    def make():
        nonlocal listed
        listed = list(stories())
        return [story.pk for story in listed]

    ids = remember(request, name, make, timeout, per_generation)
    return listed if listed is not None else ids


def today_key():
    return f"{timezone.localdate():%Y%m%d}"


def fragment_name(*vary_on):
    """The name ``{% fragment %}`` keeps a part of a template under: one per day and per
    combination of the values it varies on."""
    return f"html:{':'.join(str(value) for value in vary_on)}:{today_key()}"


# Cards ----------------------------------------------------------------------------------


class Card:
    """One story card (``includes/story_card.html``) as a list shows it: ``{{ card }}`` in
    a template is its HTML, once ``render_cards`` has made it. When its story was loaded
    (always without the fragment cache), the story's attributes read through the card."""

    def __init__(self, story, size="row", level=3, show_meta=False, show_lead=False, eager=False):
        self.story = story if isinstance(story, Article) else None
        self.story_id = story.pk if self.story is not None else story
        self.options = {
            "size": size,
            "level": level,
            "show_meta": show_meta,
            "show_lead": show_lead,
            "eager": eager,
        }
        self.html = None

    @property
    def name(self):
        o = self.options
        flags = "".join(str(int(bool(o[k]))) for k in ("show_meta", "show_lead", "eager"))
        return f"card:{self.story_id}:{o['size']}:{o['level']}:{flags}"

    def __getattr__(self, name):
        story = self.__dict__.get("story")
        if story is None:
            raise AttributeError(name)
        return getattr(story, name)

    def __html__(self):
        return self.html or ""

    def __str__(self):
        return self.__html__()


def render_cards(request, *lists, timeout=TIMEOUT):
    """Give every card of ``lists`` its HTML: the kept ones in one round trip to the
    cache, the others rendered (stories known only by id loaded in one query, through
    ``public()``) and kept. Returns the lists without the cards whose story is gone."""
    cards = [card for cards in lists for card in cards]
    found = generation(request)
    keys = {card: _key(found, card.name) for card in cards} if found else {}
    kept = cache.get_many(list(set(keys.values()))) if keys else {}
    for card in cards:
        if keys.get(card) in kept:
            card.html = kept[keys[card]]
    missing = [card for card in cards if card.html is None]
    needed = {card.story_id for card in missing if card.story is None}
    loaded = {story.pk: story for story in card_stories().filter(pk__in=needed)} if needed else {}
    template = get_template(CARD_TEMPLATE)
    made = {}
    for card in missing:
        story = card.story or loaded.get(card.story_id)
        if story is None:
            continue
        # The card template escapes every value it prints.
        card.html = mark_safe(template.render({"story": story, **card.options}))  # noqa: S308
        if found:
            made[keys[card]] = card.html
    if found:
        # A card shows one story: it changes only when something is saved.
        _store(made, found, timeout, lists=False)
    return [[card for card in cards if card.html is not None] for cards in lists]
