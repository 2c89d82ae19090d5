"""The desk's story list at newsroom scale: filtering by author needs no DISTINCT, a big
filtered list shows PostgreSQL's estimate instead of counting, and on PostgreSQL the
search goes through the search index (word beginnings, accents optional), whatever
characters the query holds."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Status
from newsroom import admin_tools
from tests import factories

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="estimates and the search index are PostgreSQL's"
)


def changelist(client, **query):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("admin:articles_article_changelist"), query)
    assert response.status_code == 200
    return {a.title for a in response.context["cl"].result_list}, queries


@pytest.fixture
def stories(reporter, other_reporter):
    plain = {"lead": "Tin trong ngày.", "body": "<p>Nội dung.</p>"}
    shared = factories.story(reporter, title="Hội nghị khoa học toàn quốc", **plain)
    shared.authors.add(other_reporter)
    factories.story(other_reporter, title="Giải bóng đá thiếu niên", **plain)
    factories.story(reporter, title="Vắc xin mùa cúm", **plain)
    return shared


def test_filtering_by_an_author_lists_each_story_once_without_distinct(
    editor_client, stories, other_reporter
):
    titles, queries = changelist(editor_client, authors__id__exact=other_reporter.pk)

    assert titles == {"Hội nghị khoa học toàn quốc", "Giải bóng đá thiếu niên"}
    assert not any("DISTINCT" in q["sql"] for q in queries if "articles_article" in q["sql"])


def test_an_author_filter_that_is_not_a_number_is_refused_cleanly(editor_client, stories):
    response = editor_client.get(
        reverse("admin:articles_article_changelist"), {"authors__id__exact": "x'"}
    )

    assert response.status_code in (200, 302)
    assert response.status_code == 200 or "e=1" in response["Location"]


@postgresql_only
def test_a_big_filtered_list_shows_the_estimate_instead_of_counting(
    editor_client, stories, monkeypatch
):
    for article in [stories]:
        article.status = Status.PUBLISHED
        article.save()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")
    monkeypatch.setattr(admin_tools, "EXACT_COUNT_LIMIT", 0)

    _titles, queries = changelist(editor_client, status__exact="draft")

    assert any(q["sql"].startswith("EXPLAIN (FORMAT JSON)") for q in queries)
    # The header's one query counts only the review queue (tests/desk/test_counts.py).
    listing = [q["sql"] for q in queries if "review_count" not in q["sql"]]
    assert not any("COUNT(" in sql and "articles_article" in sql for sql in listing)


@postgresql_only
@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("hoi nghi", {"Hội nghị khoa học toàn quốc"}),
        ("HỘI NGHỊ", {"Hội nghị khoa học toàn quốc"}),
        ("hoi ngh", set()),  # whole words, as the reader's search: not nghiệm, nghiên
        ("vac", {"Vắc xin mùa cúm"}),
        ("bong da thieu", {"Giải bóng đá thiếu niên"}),
        ("hoi bong", set()),
        ("ghi", set()),  # inside a word
        ("""'&|!():*<-> "vac""", {"Vắc xin mùa cúm"}),
        ("&&&", {"Hội nghị khoa học toàn quốc", "Giải bóng đá thiếu niên", "Vắc xin mùa cúm"}),
    ],
)
def test_search_uses_the_index_by_whole_words(editor_client, stories, term, expected):
    titles, queries = changelist(editor_client, q=term)

    assert titles == expected
    assert not any("LIKE" in q["sql"] for q in queries if "articles_article" in q["sql"])
