"""The reader's search: diacritic-insensitive, ranked full-text search over stories, and
the highlighted titles and snippets of its results.

``hoi nghi`` and ``Hội nghị`` find the same stories, ``d`` matches ``đ``; when the query
carries diacritics, stories with the words exactly as typed come first (``đường`` before
``dương``). Whatever a reader types (quotes, ``&|!():*``, ``<->``, NUL bytes, a page of
text) is cleaned here and never reaches the database as syntax.

PostgreSQL
    Each story row carries ``search_vector`` (tsvector), written by a trigger whenever its
    title, lead or body is (migration ``0003_search_vector_unaccent``), so ``save()``,
    ``bulk_create``, ``COPY`` and raw SQL all keep it current. It holds

    * the folded words, ``lower(unaccent(text))`` parsed with the ``simple`` configuration
      (no stemming and no stop words: Vietnamese needs neither), weighted A for the
      title, B for the lead and C for the body;
    * the words as written, lower-cased and without positions (``strip``), used only to
      tell an exact ``đường`` from a folded ``dương``.

    A GIN index on the column answers ``@@`` at any table size. A stored column, not a GIN
    expression index over ``to_tsvector('simple', search_text)``: ``unaccent()`` is only
    STABLE, so an index expression would need an IMMUTABLE wrapper; and ranking needs the
    vector of every matching story, which an expression index does not keep, so
    ``ts_rank`` would re-parse each matching story's whole text on every search.

    The query is folded by the same SQL (``plainto_tsquery('simple', lower(unaccent(q)))``
    ignores every operator), so documents and queries share one folding function and one
    parser. Hyphens are spaces on both sides, so ``Covid-19`` is ``covid`` and ``19``.
    Order: the number of the query's accented words found exactly as typed, then
    ``ts_rank``, then newest first.

    Ranking is bounded: only the newest ``SEARCH_DEPTH`` matches (and the newest
    ``SEARCH_DEPTH`` with every accented word as typed) are ranked. A rare word is found
    through the GIN index; a word in half the stories is found by walking the newest
    public stories (``article_public_idx``) until enough match. Either way a search costs
    about the same at a thousand stories or a million.

SQLite (local runs)
    Every folded query word must be a whole word of ``search_text`` (folded by
    ``newsroom.text.fold`` in ``Article.save``); order: exact accented words found in the
    title, lead or body, then newest first; the same ``SEARCH_DEPTH``.
"""

import operator
import re
import unicodedata
from dataclasses import dataclass
from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections
from django.db.models import Case, F, Func, IntegerField, Q, Value, When
from django.db.models.functions import Lower
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from newsroom.html import strip_tags
from newsroom.text import fold

MAX_QUERY_LENGTH = 200
MAX_WORDS = 16
SNIPPET_LENGTH = 240
# Relevance is ranked among this many of the newest matching stories (and as many of the
# newest with every accented word as typed): the cost of a search stays bounded however
# common its words, and the newest stories are the ones a news reader looks for.
SEARCH_DEPTH = 500

# Letters and digits; underscores and everything else separate words, as in PostgreSQL's
# text search parser.
_WORD = re.compile(r"[^\W_]+")
_ELLIPSIS = "…"


@dataclass(frozen=True)
class Terms:
    """A reader's query, cleaned: ``text`` as typed (at most ``MAX_QUERY_LENGTH``
    characters), its lower-case ``words``, their ``folded`` forms and the ``exact`` ones
    that carry diacritics."""

    text: str = ""
    words: tuple = ()
    folded: tuple = ()
    exact: tuple = ()

    def __bool__(self):
        return bool(self.folded)


def clean(raw):
    """One line of printable text: control and format characters become spaces, the
    letters are composed (NFC: a decomposed ``ộ`` becomes one character), runs of spaces
    shrink to one, and the result is cut to ``MAX_QUERY_LENGTH``."""
    text = unicodedata.normalize("NFC", str(raw or "")[: MAX_QUERY_LENGTH * 4])
    text = "".join(" " if unicodedata.category(c) in {"Cc", "Cf", "Cs", "Co"} else c for c in text)
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def parse_query(raw):
    text = clean(raw)
    words = tuple(dict.fromkeys(_WORD.findall(text.lower())))[:MAX_WORDS]
    folded = tuple(dict.fromkeys(f for f in (fold(w) for w in words) if f))
    exact = tuple(w for w in words if fold(w) != w)
    return Terms(text=text, words=words, folded=folded, exact=exact)


def search(queryset, query):
    """``queryset`` narrowed to the stories matching ``query`` (a string or ``Terms``),
    best first. An empty query matches nothing."""
    terms = query if isinstance(query, Terms) else parse_query(query)
    if not terms:
        return queryset.none()
    postgresql = connections[queryset.db].vendor == "postgresql"
    match, exact, rank = _postgresql(terms) if postgresql else _fallback(terms)
    matches = queryset.filter(match)
    candidates = Q(pk__in=_newest(matches))
    if exact and postgresql:
        # Every accented word as typed, and the folded query, in one tsquery: PostgreSQL
        # fetches a story's vector (kept out of line, a few KB) once per test, not once
        # per word.
        every_word = _folded(terms) & _plain_query(Value(" ".join(terms.exact)))
        as_typed = queryset.filter(search_vector=every_word)
        candidates = Q(pk__in=_newest(matches).union(_newest(as_typed)))
    elif exact:
        # SQLite cannot limit the parts of a UNION; an OR of the two is fine at its sizes
        # (on PostgreSQL it would cost a scan of the whole table).
        candidates |= Q(pk__in=_newest(matches.filter(*exact)))
    order = ["-exact_hits", "-rank"] if rank else ["-exact_hits"]
    return (
        queryset.filter(candidates)
        .annotate(exact_hits=_count(exact), **rank)
        .order_by(*order, "-publication_at", "-pk")
    )


def matching(queryset, query):
    """``queryset`` narrowed to the stories whose title, lead or body hold every word of
    ``query`` (accents optional, whole words), unranked: the reader's match, for the
    desk's search box."""
    terms = query if isinstance(query, Terms) else parse_query(query)
    if not terms:
        return queryset.none()
    postgresql = connections[queryset.db].vendor == "postgresql"
    match = _postgresql(terms)[0] if postgresql else _fallback(terms)[0]
    return queryset.filter(match)


def _newest(matches):
    return matches.order_by("-publication_at", "-pk").values("pk")[:SEARCH_DEPTH]


def _count(conditions):
    cases = [Case(When(condition, then=Value(1)), default=Value(0)) for condition in conditions]
    return reduce(operator.add, cases) if cases else Value(0, output_field=IntegerField())


def _plain_query(expression):
    return SearchQuery(expression, config="simple", search_type="plain")


def _folded(terms):
    return _plain_query(Lower(Func(Value(terms.text.replace("-", " ")), function="UNACCENT")))


def _postgresql(terms):
    """The match, one condition per accented word as typed, and the rank."""
    folded = _folded(terms)
    exact = [Q(search_vector=_plain_query(Value(word))) for word in terms.exact]
    return Q(search_vector=folded), exact, {"rank": SearchRank(F("search_vector"), folded)}


def _whole_word(word):
    return rf"(?<![^\W_]){re.escape(word)}(?![^\W_])"


def _fallback(terms):
    match = reduce(operator.and_, (Q(search_text__regex=_whole_word(w)) for w in terms.folded))
    # SQLite's LIKE ignores case for ASCII only: look for the usual spellings of a word.
    exact = [
        reduce(
            operator.or_,
            (
                Q(**{f"{field}__contains": spelling})
                for spelling in {word, word.capitalize(), word.upper()}
                for field in ("title", "lead", "body")
            ),
        )
        for word in terms.exact
    ]
    return match, exact, {}


# Highlighting ---------------------------------------------------------------------------


class _FoldedChars(dict):
    """``str.translate`` table folding each character, filled as characters are met."""

    def __missing__(self, code):
        folded = self[code] = fold(chr(code))
        return folded


_FOLDED_CHARS = _FoldedChars()


def _folded_with_offsets(text):
    """``text`` folded character by character, and for each folded character the index
    of the character of ``text`` it came from."""
    folded = text.translate(_FOLDED_CHARS)
    if len(folded) == len(text):
        # Composed text (NFC, what the editor stores): one folded character for each,
        # found at C speed; a page of results folds twenty bodies.
        return folded, range(len(text))
    chars, offsets = [], []
    for index, char in enumerate(text):
        for folded in fold(char):
            chars.append(folded)
            offsets.append(index)
    return "".join(chars), offsets


def match_spans(text, terms):
    """``[(start, end), …]``: where in ``text`` the words that fold to a query word are."""
    if not text or not terms:
        return []
    folded, offsets = _folded_with_offsets(text)
    words = sorted(terms.folded, key=len, reverse=True)
    pattern = re.compile("|".join(_whole_word(w) for w in words))
    spans = []
    for match in pattern.finditer(folded):
        start, end = offsets[match.start()], offsets[match.end() - 1] + 1
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1  # a decomposed letter's marks stay inside the <mark>
        spans.append((start, end))
    return spans


def _window(text, spans, length):
    """The part of ``text`` to show: about ``length`` characters, starting a little
    before the first match, cut at spaces."""
    if len(text) <= length:
        return 0, len(text)
    first = spans[0][0] if spans else 0
    start = max(0, first - length // 4)
    if start:
        space = text.find(" ", start, first)
        start = space + 1 if space != -1 else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", max(start, spans[0][1] if spans else start), end)
        end = space if space != -1 else end
    return start, end


def highlight(text, terms, length=None):
    """``text`` escaped, each word matching the query wrapped in ``<mark>``; with
    ``length``, only a window of about that many characters around the first match."""
    text = text or ""
    spans = match_spans(text, terms)
    start, end = _window(text, spans, length) if length else (0, len(text))
    parts = [_ELLIPSIS if start else ""]
    position = start
    for span_start, span_end in spans:
        span_start, span_end = max(span_start, start), min(span_end, end)
        if span_start >= span_end:
            continue
        parts.append(escape(text[position:span_start]))
        parts.append(format_html("<mark>{}</mark>", text[span_start:span_end]))
        position = span_end
    parts.append(escape(text[position:end]))
    parts.append(_ELLIPSIS if end < len(text) else "")
    # Every piece of the reader's or the story's text was escaped above.
    return mark_safe("".join(parts))


def snippet(story, terms, body_text=None):
    """A short, highlighted extract of ``story``: from the lead when the query matches
    there, else from the body's text, else the start of the lead."""
    if match_spans(story.lead, terms):
        return highlight(story.lead, terms, SNIPPET_LENGTH)
    body_text = strip_tags(story.body) if body_text is None else body_text
    if match_spans(body_text, terms):
        return highlight(body_text, terms, SNIPPET_LENGTH)
    return highlight(story.lead or body_text, Terms(), SNIPPET_LENGTH)


@dataclass(frozen=True)
class Result:
    story: object
    title: str
    snippet: str


def highlighted(stories, terms):
    """The stories of one page of results with their highlighted title and snippet."""
    return [Result(s, highlight(s.title, terms), snippet(s, terms)) for s in stories]
