"""The demo's front page (see ``demo.day``): a published home edition filled with the
demo's stories, and the next one scheduled for tomorrow 06:00 (Vietnam time)."""

import datetime

from django.utils import timezone

from articles.models import Article
from frontpage import layouts
from frontpage.models import Board, Edition, Slot

MORNING = datetime.time(6, 0)


def _fill(edition, stories, titles=None):
    titles = titles or {}
    made = 0
    rest = iter(stories)
    for name, (_label, count) in layouts.HOME.items():
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


def seed(now, users):
    board, _ = Board.objects.get_or_create(page="home", defaults={"section": None})
    if board.editions.exists():
        return {"front page editions": 0, "front page slots": 0}
    editor = users.get("bientap")
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
    return {"front page editions": 2, "front page slots": slots}
