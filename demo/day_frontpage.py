"""The demo's front pages (see ``demo.day``): a published home edition filled with the
demo's stories, and the next one scheduled for tomorrow 06:00 (Vietnam time); and the
board of the first top-level section with enough stories: its lead (under a title of
its own) and two sub-leads chosen, the last sub-lead left to the section's newest; the
live home edition features the demo's topic (``demo.day_topics``, seeded before) in its
box. Each seeded once."""

import datetime

from django.utils import timezone

from articles.models import Article
from demo import day_topics
from frontpage import layouts
from frontpage.models import Board, Edition, Slot
from sections.models import Section
from topics.models import Topic

MORNING = datetime.time(6, 0)


def _fill(edition, stories, titles=None, layout=layouts.HOME):
    titles = titles or {}
    made = 0
    rest = iter(stories)
    for name, (_label, count) in layout.items():
        for position in range(count):
            story = next(rest, None)
            if story is None:
                return made
            Slot.objects.create(
                edition=edition,
                name=name,
                position=position,
                story=story,
                title=titles.get((name, position), ""),
            )
            made += 1
    return made


def _home(now, editor):
    board, _ = Board.objects.get_or_create(page="home", defaults={"section": None})
    if board.editions.exists():
        return 0, 0
    stories = list(Article.objects.public(now).order_by("-publication_at", "-pk")[:16])
    published = Edition.objects.create(
        board=board,
        status=Edition.Status.PUBLISHED,
        publish_at=now - datetime.timedelta(hours=1),
        created_by=editor,
    )
    slots = _fill(published, stories[:8])
    tomorrow = timezone.localtime(now).date() + datetime.timedelta(days=1)
    morning = timezone.make_aware(datetime.datetime.combine(tomorrow, MORNING))
    scheduled = Edition.objects.create(
        board=board,
        status=Edition.Status.SCHEDULED,
        publish_at=morning,
        created_by=editor,
    )
    slots += _fill(
        scheduled,
        stories[8:16] or stories[:8],
        titles={(layouts.LEAD, 0): "Bản tin sáng: những điều cần biết hôm nay"},
    )
    return 2, slots


def _section(now, editor):
    if Edition.objects.filter(board__section__isnull=False).exists():
        return 0, 0
    wanted = layouts.capacity(layouts.SECTION)
    for section in Section.objects.filter(parent=None, is_active=True).order_by("order", "pk"):
        newest = Article.objects.public(now).in_sections(section.descendant_ids())
        stories = list(newest.order_by("-publication_at", "-pk")[:wanted])
        if len(stories) == wanted:
            break
    else:
        return 0, 0
    board, _ = Board.objects.get_or_create(section=section)
    edition = Edition.objects.create(
        board=board,
        status=Edition.Status.PUBLISHED,
        publish_at=now - datetime.timedelta(hours=1),
        created_by=editor,
    )
    # The lead is not the newest story (an editor's choice shows); the newest fills the
    # sub-lead left empty.
    chosen = [stories[1], stories[2], stories[3]]
    slots = _fill(
        edition,
        chosen,
        titles={(layouts.LEAD, 0): f"{section.name}: câu chuyện đáng đọc nhất hôm nay"},
        layout=layouts.SECTION,
    )
    return 1, slots


def _topic(now):
    """The live home edition features the demo's topic, unless it features one already."""
    live = Edition.objects.live("home", now)
    if live is None or live.topic_id is not None:
        return 0
    topic = Topic.objects.active().filter(title=day_topics.TOPICS[0]["title"]).first()
    if topic is None:
        return 0
    live.topic = topic
    live.save(update_fields=["topic"])  # post_save tells the caches
    return 1


def seed(now, users):
    editor = users.get("bientap")
    made = {"front page editions": 0, "front page slots": 0}
    for part in (_home, _section):
        editions, slots = part(now, editor)
        made["front page editions"] += editions
        made["front page slots"] += slots
    made["front page topic boxes"] = _topic(now)
    return made
