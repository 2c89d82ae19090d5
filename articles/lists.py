"""Which stories each list of the reader's site shows. Every list starts from
``Article.objects.public()``, and costs a fixed number of queries however many stories
there are."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, prefetch_related_objects
from django.utils import timezone

from newsroom import caching

from .models import Article

# Columns no card shows: a list of twenty stories should not read twenty bodies.
NOT_ON_CARDS = ["body", "search_text", "internal_note"]
HOME_TOP = 5  # the lead story and the next featured ones
HOME_LATEST = 8
HOME_PER_SECTION = 4
MOST_READ = 8
MOST_READ_SPARE = 2
RELATED = 4
LATEST_ON_STORY = 6
DAY = 24 * 3600


def card_stories():
    """Public stories as cards need them, newest first."""
    return Article.objects.public().with_cards().defer(*NOT_ON_CARDS).latest_first()


def _ids(stories):
    # Wrapped: SQLite allows no LIMIT or ORDER BY inside a UNION's parts.
    return Article.objects.filter(pk__in=stories.values("pk")).order_by().values("pk")


# Where a higher app (frontpage) curates pages, from its AppConfig.ready():
# front_pages["home"] = (make(tree) -> (top, latest, blocks, extra) or None, [its tags]);
# front_pages["section"] = (make(tree, section) -> [lead, *sub-leads] or None, [its tags]),
# the top of a top-level section's first page.
# Nothing registered, or make() giving None: the home page as the featured tick orders it,
# the section's page as its list alone.
front_pages = {}


def home(tree):
    """``(top, latest, [(section, stories)], spotlight)`` of the home page, kept for every
    reader until the stories or the sections (or the curated boards) change (building the
    query costs more than running it)."""
    curated = front_pages.get("home")
    if curated is None:
        return caching.remember(
            "home", lambda: (*_home(tree), []), tags=["stories", "sections"], ttl=DAY
        )
    make, tags = curated
    return caching.remember(
        "home",
        lambda: make(tree) or (*_home(tree), []),
        tags=["stories", "sections", *tags],
        ttl=DAY,
    )


def section_top(tree, section):
    """The curated top of a top-level ``section``'s page (its lead story, then the
    sub-leads), kept for every reader until the stories, the sections or the boards
    change; ``[]`` for a sub-section, or when nothing is curated there."""
    curated = front_pages.get("section")
    if curated is None or section.parent_id is not None:
        return []
    make, tags = curated
    return caching.remember(
        f"section-top:{section.pk}",
        lambda: make(tree, section) or [],
        tags=["stories", "sections", *tags],
        ttl=DAY,
    )


def _home(tree, also=None):
    """``(top, latest, [(section, stories)])`` of the home page, in one query: the
    featured stories, the newest ones and each menu section's newest, each list found by a
    bounded subquery of its own, joined in a UNION ALL, then told apart here. Each
    section's list reads enough stories to stay full once the top ones are left out.
    ``also``: more stories' ids (a queryset of pks) to read in the same query, given
    back as a fourth item ``{pk: story}`` (only public ones)."""
    public = Article.objects.public()
    featured = public.filter(featured_on_home=True).order_by(
        "home_order", "-publication_at", "-pk"
    )[:HOME_TOP]
    lists = [_ids(featured), _ids(public.latest_first()[: HOME_TOP + HOME_LATEST])]
    menu = tree.menu()
    for section in menu:
        newest = public.in_sections(tree.descendant_ids(section)).latest_first()
        lists.append(_ids(newest[: HOME_PER_SECTION + HOME_TOP]))
    if also is not None:
        lists.append(_ids(public.filter(pk__in=also)))
    stories = list(card_stories().filter(pk__in=lists[0].union(*lists[1:], all=True)))
    featured = sorted(
        (story for story in stories if story.featured_on_home),
        key=lambda story: (story.home_order, -story.publication_at.timestamp(), -story.pk),
    )[:HOME_TOP]
    top = featured or stories[:HOME_TOP]
    shown = {story.pk for story in top}
    latest = [story for story in stories[: HOME_TOP + HOME_LATEST] if story.pk not in shown]
    blocks = []
    for section in menu:
        ids = set(tree.descendant_ids(section))
        own = [s for s in stories if s.section_id in ids and s.pk not in shown]
        if own:
            blocks.append((section, own[:HOME_PER_SECTION]))
    if also is not None:
        # Read with the others; found again by the caller among these by pk.
        return top, latest[:HOME_LATEST], blocks, {story.pk: story for story in stories}
    return top, latest[:HOME_LATEST], blocks


def related(article):
    """Public stories sharing a tag with ``article``, newest first, topped up from its
    section; never the story itself. One query.

    Each tag's newest stories come from a bounded subquery of their own, and the
    section's newest from another, joined in a UNION ALL: one query over all the tags
    would have to collect every story of a popular tag before it could sort them."""
    others = card_stories().exclude(pk=article.pk)
    prefetch_related_objects([article], "tags")
    tags = list(article.tags.all())
    candidates = [_ids(others.tagged(tag)[:RELATED]) for tag in tags]
    if article.section_id:
        candidates.append(_ids(others.filter(section_id=article.section_id)[:RELATED]))
    if not candidates:
        return []
    found = others.filter(pk__in=candidates[0].union(*candidates[1:], all=True))
    # Those sharing a tag first, then the section's.
    items = Article.tags.through.objects.filter(
        tag__in=tags,
        content_type_id=ContentType.objects.get_for_model(Article).pk,
        object_id=OuterRef("pk"),
    )
    found = found.annotate(shares_tag=Exists(items)).order_by(
        "-shares_tag", "-publication_at", "-pk"
    )
    return list(found[:RELATED])


def latest(but=None):
    """The newest stories (but ``but``), from one list kept for every page until the
    stories change."""
    newest = caching.remember(
        "latest",
        lambda: list(card_stories()[: LATEST_ON_STORY + 1]),
        tags=["stories", "sections"],
        ttl=DAY,
    )
    return [story for story in newest if story.pk != but][:LATEST_ON_STORY]


def most_read(section_ids=None, scope="site", but=None):
    """The most viewed public stories (of the whole site, or of ``section_ids``), but
    ``but``.

    Ranking a million stories' views takes a while, so the ranking is kept for
    ``PAGE_CACHE_TIMEOUT`` seconds whatever changes meanwhile (one request ranks again
    when it is due, while the others show the one before), as ids. The stories
    themselves are kept for every page until the stories change: loaded through
    ``public()``, so one withdrawn meanwhile is left out at once."""
    made = []

    def ranking():
        stories = Article.objects.all()
        if section_ids is not None:
            stories = stories.in_sections(section_ids)
        shown = MOST_READ + 1 + MOST_READ_SPARE
        made.extend(stories.most_read(shown).with_cards().defer(*NOT_ON_CARDS))
        return [story.pk for story in made]

    def stories():
        ids = caching.remember(
            f"most-read:{scope}:{day}", ranking, ttl=settings.PAGE_CACHE_TIMEOUT, stale_ok=True
        )
        if made:
            return made
        found = card_stories().in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]

    day = f"{timezone.localdate():%Y%m%d}"
    ranked = caching.remember(
        f"most-read-stories:{scope}:{day}",
        stories,
        tags=["stories", "sections"],
        ttl=settings.PAGE_CACHE_TIMEOUT,
        # Shown past its time while one request ranks again, as the ranking is; never
        # once the stories changed (then it waits for, or makes, the new one).
        stale_ok=True,
    )
    return [story for story in ranked if story.pk != but][:MOST_READ]


# What a story's page needs of it outside the parts that show it: its address, its title
# (and the one for the browser tab), its section. Kept for every reader; the whole row is
# read only to make those parts.
AROUND_PARTS = ("id", "title", "seo_title", "slug", "section_id")


def story(pk):
    """The public story ``pk`` as its page needs it around its parts, kept for every
    reader until the stories change; ``Article.DoesNotExist`` when no such story is
    public (not kept: unknown addresses must not fill the cache). Where it had to be read
    here, the whole story is given, so the parts made next read it no more."""
    made = {}

    def slim():
        made["whole"] = whole = story_queryset().public().get(pk=pk)
        values = {name: getattr(whole, name) for name in AROUND_PARTS}
        fields = [f for f in Article._meta.concrete_fields if f.attname in values]
        return Article.from_db(whole._state.db, values, [values[f.attname] for f in fields])

    kept = caching.remember(f"story:{pk}", slim, tags=["stories"], ttl=DAY, readers_only=True)
    return made.get("whole", kept)


def story_queryset():
    """Stories as their page shows them."""
    return Article.objects.with_cards().select_related("source", "social_image")


def whole(request, article):
    """``article`` with every column its page shows, read once per request when it came
    from ``story()`` without them."""
    if "body" not in article.get_deferred_fields():
        return article
    read = request.__dict__.setdefault("_whole_stories", {}) if request is not None else {}
    if article.pk not in read:
        read[article.pk] = story_queryset().get(pk=article.pk)
    return read[article.pk]
