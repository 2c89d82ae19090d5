"""A corrected story's JSON-LD: schema.org ``correction`` (``CorrectionComment``) for each
live correction, and ``dateModified`` no earlier than the latest one."""

from articles.seo import iso

from .models import Kind
from .parts import of_story


def add_corrections(article, json_ld, request):
    shown = of_story(article.pk, request)
    if not shown:
        return
    corrections = [c for c in shown if c.kind == Kind.CORRECTION]
    if corrections:
        json_ld["correction"] = [
            {"@type": "CorrectionComment", "text": c.text, "datePublished": iso(c.at)}
            for c in corrections
        ]
    latest = iso(shown[0].at)
    if latest > json_ld.get("dateModified", ""):
        json_ld["dateModified"] = latest
