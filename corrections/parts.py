"""The story's corrections (at its end) and update notes (above it), kept per story until
the corrections or the stories change. One query for both, whatever their number."""

from newsroom.caching.parts import part

from .models import Correction, Kind

TAGS = ["corrections", "stories"]


def _shown(story, kind):
    return list(Correction.objects.live().filter(story_id=story, kind=kind).newest_first())


@part("story_update_notes", template="corrections/includes/notes.html", tags=TAGS)
def story_update_notes(request, story):
    return {"notes": _shown(story, Kind.UPDATE), "where": "above"}


@part("story_corrections", template="corrections/includes/notes.html", tags=TAGS)
def story_corrections(request, story):
    return {"notes": _shown(story, Kind.CORRECTION), "where": "below"}
