"""Vietnamese text helpers: transliterated slugs and diacritic folding for search."""

import unicodedata

from django.utils.text import slugify

# Đ/đ is a letter of its own, not D with a combining mark, so NFKD leaves it alone
# and Django's slugify would drop it. Old Vietnamese keyboards and fonts type its
# look-alike Ð/ð (the Icelandic eth, U+00D0/U+00F0) instead.
_LETTERS = str.maketrans({"Đ": "D", "đ": "d", "Ð": "D", "ð": "d"})


def fold(text):
    """Lower-case ``text`` and strip Vietnamese diacritics: ``Đường`` → ``duong``."""
    decomposed = unicodedata.normalize("NFKD", (text or "").translate(_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def vietnamese_slugify(text, max_length=200, fallback="bai-viet"):
    """``Đại hội Đảng lần thứ XIII`` → ``dai-hoi-dang-lan-thu-xiii``.

    Cut at a word boundary to ``max_length``; ``fallback`` when nothing is left
    (a title of punctuation only)."""
    slug = slugify(fold(text))
    if len(slug) > max_length:
        slug = slug[:max_length]
        if "-" in slug:
            slug = slug.rsplit("-", 1)[0]
        slug = slug.strip("-")
    return slug or fallback


def numbered_slug(base, taken, max_length):
    """``base``, else ``base-2``, ``base-3``…: the first not in ``taken``, at most
    ``max_length`` characters (the number is kept, the base cut)."""
    slug, number = base[:max_length], 1
    while slug in taken:
        number += 1
        suffix = f"-{number}"
        slug = base[: max_length - len(suffix)] + suffix
    return slug
