"""The story's corrections (at its end) and update notes (above it), kept per story until
the corrections change. One query for both and the story's JSON-LD, whatever their number;
none when a story changes (its page is made again, its corrections are not)."""

from newsroom import caching
from newsroom.caching.parts import part

from .models import Correction, Kind

TAGS = ["corrections"]
DAY = 24 * 3600


def of_story(story_pk, request):
    """The story's live corrections and update notes, newest first: kept per story for
    readers' pages, read once per request (its two parts and its JSON-LD ask)."""
    known = request.__dict__.setdefault("_corrections", {}) if request is not None else {}
    if story_pk not in known:
        known[story_pk] = caching.remember(
            f"corrections:{story_pk}",
            lambda: list(Correction.objects.live().filter(story_id=story_pk).newest_first()),
            tags=TAGS,
            ttl=DAY,
            readers_only=True,
        )
    return known[story_pk]


def _shown(request, story, kind):
    return [note for note in of_story(story, request) if note.kind == kind]


@part("story_update_notes", template="corrections/includes/notes.html", tags=TAGS)
def story_update_notes(request, story):
    return {"notes": _shown(request, story, Kind.UPDATE), "where": "above"}


@part("story_corrections", template="corrections/includes/notes.html", tags=TAGS)
def story_corrections(request, story):
    return {"notes": _shown(request, story, Kind.CORRECTION), "where": "below"}
