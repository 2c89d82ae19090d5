"""How long a story's search and sharing texts should be, and may be: one place for the
admin's counters, the fields' hard limits and the editors' guide
(``docs/seo-va-mang-xa-hoi.md``).

``advice`` is what Google and Facebook/Zalo show before cutting the text with "…": the
counter turns red past it, but the story still saves. ``most`` is the field's
``max_length``: past it the form refuses the text."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Limit:
    advice: int
    most: int


SEO_TITLE = Limit(advice=60, most=120)
SEO_DESCRIPTION = Limit(advice=160, most=320)
SOCIAL_TITLE = Limit(advice=95, most=200)
SOCIAL_DESCRIPTION = Limit(advice=200, most=400)

# By field of ``Article``: what the admin's counters read.
BY_FIELD = {
    "seo_title": SEO_TITLE,
    "seo_description": SEO_DESCRIPTION,
    "social_title": SOCIAL_TITLE,
    "social_description": SOCIAL_DESCRIPTION,
}

CANONICAL_URL_LENGTH = 500
