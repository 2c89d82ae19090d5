"""Which stories the curated pages show: the live edition's slots (public stories only,
with each slot's overrides), the empty ones filled from the newest public stories, nothing
twice; on the home page, the topic the edition features in its box, with its newest
public stories. A fixed number of queries however many slots or stories there are."""

import copy

from django.utils import timezone

from articles import lists as article_lists
from articles.models import Article
from newsroom import caching
from topics.models import TopicStory

from . import layouts
from .models import Edition, Slot

DAY = 24 * 3600


class Live(dict):
    """``{slot name: [Slot, ...]}`` of an edition, in order, and ``topic_id``: the topic it
    features in the home page's box (None: no box)."""

    topic_id = None


def slots_of(editions, topic=False):
    """``Live`` of the first of ``editions`` (an edition's queryset), in one query; with
    ``topic`` (the home page's), with the topic it features: one query when there is no
    edition, two when there is (the edition, then its slots)."""
    found = Live()
    if topic:
        edition = editions.values("pk", "topic_id").first()
        if edition is None:
            return found
        found.topic_id = edition["topic_id"]
        slots = Slot.objects.filter(edition=edition["pk"])
    else:
        slots = Slot.objects.filter(edition__in=editions.values("pk")[:1])
    for slot in slots.select_related("image"):
        found.setdefault(slot.name, []).append(slot)
    return found


def live_slots(page, now=None):
    """``slots_of`` the edition live on ``page`` ("home", "section-<pk>") at ``now`` (with
    the topic it features). Kept until a board changes or a scheduled edition's minute
    comes (the "boards" clock), whatever the stories do: a story changing makes its page
    again, not its slots. Asked for another moment than now, read afresh. (An entry kept
    before ``Live`` existed is a plain dict, read as featuring no topic.)"""
    topic = page == "home"  # the one page with a topic box (layouts.has_topic_box)
    if now is not None:
        return slots_of(Edition.objects.live_first(page, now), topic)
    return caching.remember(
        f"board-slots:{page}",
        lambda: slots_of(Edition.objects.live_first(page, timezone.now()), topic),
        tags=["boards"],
        ttl=DAY,
    )


def _shown(story, slot):
    """``story`` as ``slot`` shows it: a copy with the slot's overrides, the story left
    as it is for every other page."""
    if not (slot.title or slot.lead or slot.image_id):
        return story
    story = copy.copy(story)
    if slot.title:
        story.title = slot.title
    if slot.lead:
        story.lead = slot.lead
    if slot.image_id:
        story.featured_image = slot.image
    story.slot_override = True
    return story


def fill(layout, slots, public, fallback):
    """``{slot name: [story, ...]}``: each slot's story if public (in ``public``, by pk;
    overrides applied), the rest from ``fallback`` (newest public stories, in order),
    nothing twice."""
    wanted = [slot.story_id for group in slots.values() for slot in group]
    used = {pk for pk in wanted if pk in public}
    spare = (story for story in fallback if story.pk not in used)
    filled = {}
    for name, (_label, count) in layout.items():
        group = {slot.position: slot for slot in slots.get(name, [])}
        stories = []
        for position in range(count):
            slot = group.get(position)
            if slot is not None and slot.story_id in public:
                stories.append(_shown(public[slot.story_id], slot))
                continue
            story = next(spare, None)
            if story is not None:
                used.add(story.pk)
                stories.append(story)
        filled[name] = stories
    return filled


class Spotlight(list):
    """The spotlight's stories, and ``topic_id``: the topic the edition features in its
    box after them (None: no box). It travels with the home page's lists, kept with them
    under "boards", so the box knows its topic without a query of its own; the box itself
    is the ``home_topic`` part (``frontpage.parts``)."""

    topic_id = None

    def __init__(self, stories=(), topic_id=None):
        super().__init__(stories)
        self.topic_id = topic_id


def for_home(tree, now=None, edition=None):
    """``(top, latest, blocks, spotlight)`` of the home page with its live edition (or
    with ``edition``, for a preview), or None when no edition of the home page is live,
    or it fills no slot and features no topic (the page as it was). An edition featuring
    a topic alone leaves the lists as they were (``spotlight.topic_id``: its topic)."""
    if edition is not None:
        slots = slots_of(Edition.objects.filter(pk=edition.pk), topic=True)
    else:
        slots = live_slots("home", now)
    topic_id = getattr(slots, "topic_id", None)
    if not slots:
        if topic_id is None:
            return None
        return (*article_lists._home(tree), Spotlight(topic_id=topic_id))
    ids = [slot.story_id for group in slots.values() for slot in group]
    # The slots' stories read with the rest of the home page, public ones only.
    top, latest, blocks, public = article_lists._home(
        tree, also=Article.objects.filter(pk__in=ids).values("pk")
    )
    # The newest public stories fill what the editor left empty (read by _home already).
    fallback = sorted(
        {story.pk: story for story in top + latest}.values(),
        key=lambda story: (story.publication_at, story.pk),
        reverse=True,
    )
    filled = fill(layouts.HOME, slots, public, fallback)
    new_top = filled[layouts.LEAD] + filled[layouts.SUBLEADS]
    spotlight = filled[layouts.SPOTLIGHT]
    shown = {story.pk for story in new_top + spotlight}
    latest = [story for story in latest if story.pk not in shown]
    blocks = [
        (section, [story for story in stories if story.pk not in shown])
        for section, stories in blocks
    ]
    blocks = [(s, stories) for s, stories in blocks if stories]
    return new_top, latest, blocks, Spotlight(spotlight, topic_id)


def for_section(tree, section, now=None, edition=None):
    """``[lead, sub-lead, ...]`` at the top of a top-level ``section``'s page, with its
    board's live edition (or with ``edition``, for a preview), the empty slots filled from
    the section's newest public stories; None when no edition of its board is live, or it
    fills no slot (the page as it was). Two queries: the slots (kept apart, see
    ``live_slots``), and in one the slots' public stories with the section's newest."""
    if edition is not None:
        slots = slots_of(Edition.objects.filter(pk=edition.pk))
    else:
        slots = live_slots(f"section-{section.pk}", now)
    if not slots:
        return None
    ids = [slot.story_id for group in slots.values() for slot in group]
    public = Article.objects.public()
    # Enough of the newest to fill every slot once the chosen stories are left out.
    newest = public.in_sections(tree.descendant_ids(section)).latest_first()
    lists = [
        article_lists._ids(newest[: 2 * layouts.capacity(layouts.SECTION)]),
        article_lists._ids(public.filter(pk__in=ids)),
    ]
    stories = list(article_lists.card_stories().filter(pk__in=lists[0].union(lists[1], all=True)))
    in_section = set(tree.descendant_ids(section))
    fallback = [story for story in stories if story.section_id in in_section]
    filled = fill(layouts.SECTION, slots, {story.pk: story for story in stories}, fallback)
    top = filled[layouts.LEAD] + filled[layouts.SUBLEADS]
    return top or None


def topic_box(topic_id):
    """``(topic, [story, ...])`` the home page's box shows for the topic ``topic_id``: its
    newest public stories, pinned ones first, as its own page orders them
    (``Topic.stories``), ``layouts.TOPIC_BOX``'s count of them; None when the topic is
    gone or inactive, or has no public story. One query: the topic and its cover come
    with its stories."""
    count = layouts.TOPIC_BOX[1]
    not_on_cards = (*article_lists.NOT_ON_CARDS, "search_vector")
    links = (
        TopicStory.objects.filter(
            topic_id=topic_id, topic__is_active=True, story__in=Article.objects.public()
        )
        .select_related(
            "topic__cover", "story__section", "story__section__parent", "story__featured_image"
        )
        .defer(*(f"story__{name}" for name in not_on_cards))
        .order_by("-pinned", "order", "-story__publication_at", "-story__pk")[:count]
    )
    links = list(links)
    if not links:
        return None
    return links[0].topic, [link.story for link in links]
