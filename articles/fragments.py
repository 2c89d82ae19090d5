"""Parts of the reader's pages kept in the cache between requests, so that a page the page
cache does not answer (switched off, or not stored yet) is still cheap to make: rendered
story cards, the section list, the stories behind "latest", "most read" and "related",
the counts behind pagination, a story's rendered body, the header and the footer.

Every entry lives under the content generation of ``newsroom.cache``: whatever readers
could see changes, a new generation starts and nothing stored before it is used again.
No entry outlives the next change that happens without anyone saving (a scheduled story
going live, midnight: ``newsroom.cache.fresh_until``), nor its own timeout ("most read"
follows the views for ``PAGE_CACHE_TIMEOUT`` seconds at most).

Each process keeps copies of the entries it read or made (``local``, at most
``FRAGMENT_CACHE_LOCAL_BYTES``): once warm, a page asks Redis for the generation only.

``FRAGMENT_CACHE=off`` switches it off; when the cache server cannot be reached there is
no generation and everything is made afresh."""

import datetime
import time

from django.conf import settings
from django.core.cache import cache
from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from newsroom.cache import LocalCopies, current_generation, fresh_until

from .models import Article

# Columns no card shows: a list of twenty stories should not read twenty bodies.
NOT_ON_CARDS = ["body", "search_text", "internal_note"]
CARD_TEMPLATE = "includes/story_card.html"
TIMEOUT = 24 * 3600
LASTING = ("any",)  # the "generation" of entries kept whatever changes
# In every key: raise it when what an entry holds changes shape, so that processes of a
# new release never read what an older one kept under the same generation.
FORMAT = 2


# This process's copies of fragments (see newsroom.cache.LocalCopies).
local = LocalCopies(settings.FRAGMENT_CACHE_LOCAL_BYTES)


def card_stories():
    """Public stories as cards need them, newest first."""
    return Article.objects.public().with_cards().defer(*NOT_ON_CARDS).latest_first()


def generation(request):
    """The content generation this request's fragments live under (read once per
    request, before anything is read from the database), or ``None`` for no caching."""
    if not settings.FRAGMENT_CACHE:
        return None
    if request is None:
        found = current_generation()
    elif hasattr(request, "_fragment_generation"):
        return request._fragment_generation
    else:
        found = request._fragment_generation = current_generation()
    local.seen(found)
    return found


def _key(found, name):
    return f"fragment:{FORMAT}:{found[0]}:{get_language()}:{name}"


def _ends_at(found, timeout, lists, now):
    """When an entry made now stops being right: after ``timeout`` seconds, and for one
    that lists stories, at the next scheduled story (or midnight)."""
    if lists:
        return min(fresh_until(found, now), now + timeout)
    return now + timeout


def _store(entries):
    """Keep ``{key: (value, ends_at)}`` in the cache and in this process."""
    now = time.time()
    by_lifetime = {}
    for key, entry in entries.items():
        lifetime = int(entry[1] - now)
        if lifetime >= 1:
            by_lifetime.setdefault(lifetime, {})[key] = entry
            local.put(key, entry[0], entry[1])
    for lifetime, values in by_lifetime.items():
        cache.set_many(values, lifetime)


def _read(keys):
    """``{key: (value, ends_at)}`` for the keys kept: this process's copies first, then one
    round trip to the cache for the others (copied here for the next requests)."""
    now = time.time()
    found, missing = {}, []
    for key in keys:
        entry = local.get(key, now)
        if entry is not None:
            found[key] = entry[:2]
        else:
            missing.append(key)
    if missing:
        for key, entry in cache.get_many(missing).items():
            if isinstance(entry, tuple) and len(entry) == 2 and entry[1] > now:
                found[key] = entry
                local.put(key, entry[0], entry[1])
    return found


def prefetch(request, names=(), lasting=()):
    """Read these entries (``lasting``: kept whatever the generation) in one round trip at
    most; ``remember`` then finds them, or knows they are missing, without asking the
    cache. They stay with the request, whatever this process lets go meanwhile."""
    found = generation(request)
    if found is None:
        return
    keys = [_key(found, name) for name in names] + [_key(LASTING, name) for name in lasting]
    asked, kept = getattr(request, "_prefetched_fragments", (set(), {}))
    request._prefetched_fragments = (asked | set(keys), {**kept, **_read(keys)})


def is_kept(request, name):
    """Whether ``prefetch`` found the entry ``name`` of the current generation."""
    found = generation(request)
    if found is None:
        return False
    return _key(found, name) in getattr(request, "_prefetched_fragments", ((), {}))[1]


def _kept(request, key):
    asked, kept = getattr(request, "_prefetched_fragments", ((), {}))
    if key in asked:
        return kept.get(key)
    return _read([key]).get(key)


def remember(request, name, make, timeout=TIMEOUT, per_generation=True, lists=True):
    """``make()``'s value, kept under ``name`` in the current generation; or, with
    ``per_generation=False``, for ``timeout`` seconds whatever changes meanwhile (then
    made afresh by one request while the others show the previous value).

    ``lists``: the value depends on which stories are public, so it is not kept past the
    next scheduled story (or midnight). A part made of one story only (its card, its
    body), or of sections and settings, is not: without a save it never changes."""
    found = generation(request)
    if found is None:
        return make()
    key = _key(found if per_generation else LASTING, name)
    kept = _kept(request, key)
    if kept is not None:
        return kept[0]
    if not per_generation:
        return _remake_once(key, make, timeout)
    value = make()
    now = time.time()
    _store({key: (value, _ends_at(found, timeout, lists, now))})
    return value


# The longest one request may take to remake a lasting entry before another may try.
REMAKING_AT_MOST = 60


def _remake_once(key, make, timeout):
    """A lasting entry that is due (or missing): one request makes it afresh while the
    others keep showing the one before, kept twice as long for that. Ranking a million
    stories' views takes up to half a second: every thread of every server doing it at
    the same moment would stall the site each time it is due."""
    making = f"{key}:making"
    if cache.add(making, 1, REMAKING_AT_MOST):
        try:
            value = make()
        finally:
            cache.delete(making)
        ends_at = time.time() + timeout
        cache.set(key, (value, ends_at), 2 * timeout)
        local.put(key, value, ends_at)
        return value
    previous = cache.get(key)
    if isinstance(previous, tuple) and len(previous) == 2:
        return previous[0]
    return make()  # nothing made yet: nothing to show meanwhile


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


_today = (0.0, 0.0, "")


def today_key():
    """The day (in the site's time zone) as fragment names carry it."""
    global _today
    now = time.time()
    start, end, key = _today
    if not start <= now < end:
        # Worked out once a day, not on every name: the bounds of today.
        day = timezone.localdate(datetime.datetime.fromtimestamp(now, datetime.UTC))
        start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
        end = start + datetime.timedelta(days=1)
        key = f"{day:%Y%m%d}"
        _today = (start.timestamp(), end.timestamp(), key)
    return key


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
    kept = _read(list(set(keys.values()))) if keys else {}
    for card in cards:
        if keys.get(card) in kept:
            card.html = kept[keys[card]][0]
    missing = [card for card in cards if card.html is None]
    needed = {card.story_id for card in missing if card.story is None}
    loaded = {story.pk: story for story in card_stories().filter(pk__in=needed)} if needed else {}
    template = get_template(CARD_TEMPLATE)
    made = {}
    # A card shows one story: it changes only when something is saved.
    ends_at = time.time() + timeout
    for card in missing:
        story = card.story or loaded.get(card.story_id)
        if story is None:
            continue
        # The card template escapes every value it prints.
        card.html = mark_safe(template.render({"story": story, **card.options}))  # noqa: S308
        if found:
            made[keys[card]] = (card.html, ends_at)
    if made:
        _store(made)
    return [[card for card in cards if card.html is not None] for cards in lists]
