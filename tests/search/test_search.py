"""The reader's search at /tim-kiem/: diacritic-insensitive and ranked on PostgreSQL and on
SQLite alike, safe whatever is typed, and blind to every story readers may not see."""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import urlencode

from articles import search as search_module
from articles.models import Article
from articles.search import MAX_QUERY_LENGTH, highlight, parse_query
from tests import factories

from .conftest import NOT_PUBLIC, on_postgresql

URL = "/tim-kiem/"
# A story search in SQL: PostgreSQL's text search, or SQLite's whole-word regexp.
SEARCHED = re.compile(r'search_(vector|text)" (@@|REGEXP)')


def titles(query):
    return [story.title for story in Article.objects.public().search(query)]


def get(client, **params):
    return client.get(f"{URL}?{urlencode(params)}")


def result_titles(response):
    return [result.story.title for result in response.context["results"]]


@pytest.mark.parametrize("query", ["hoi nghi", "Hội nghị", "HỘI NGHỊ", "hội nghi", "Hoi Nghi"])
def test_folded_and_accented_queries_find_the_same_stories(story, query):
    conference = story(title="Hội nghị khoa học toàn quốc")
    story(title="Lễ hội mùa xuân")

    assert titles(query) == [conference.title]


def test_d_matches_dj_and_every_vowel_folds(story):
    danang = story(title="Đà Nẵng đón khách quốc tế", lead="", body="")
    street = story(title="Phố đi bộ", lead="Con đường ven sông Hàn", body="")

    assert titles("da nang") == [danang.title]
    assert titles("duong ven song") == [street.title]
    assert titles("DUONG") == [street.title]


def test_lead_and_body_are_searched_too(story):
    in_lead = story(title="Tin một", lead="Khánh thành nhà máy điện gió", body="")
    in_body = story(title="Tin hai", lead="", body="<p>Nhà máy <strong>điện gió</strong> mới</p>")

    assert set(titles("dien gio")) == {in_lead.title, in_body.title}


def test_every_word_must_match_as_a_whole_word(story):
    both = story(title="Hà Nội mưa lớn", lead="", body="")
    story(title="Hà Giang nắng nóng", lead="", body="")
    story(title="Thời hạn nộp hồ sơ", lead="", body="")  # "hạn" is not "ha"

    assert titles("ha noi") == [both.title]
    assert set(titles("ha")) == {both.title, "Hà Giang nắng nóng"}


def test_markup_in_the_body_is_not_searchable(story):
    body = '<p>Chú thích</p><figure><img src="/media/x.jpg" alt="Ảnh"></figure>'
    story(title="Ảnh", lead="", body=body)

    assert titles("figure") == []
    assert titles("chu thich") == ["Ảnh"]


@pytest.mark.parametrize(
    ("query", "first"),
    [("đường", "exact"), ("dương", "other"), ("Đường", "exact")],
)
def test_accented_query_ranks_exact_matches_above_folded_ones(story, query, first):
    # The folded-only match is the better one by every other measure: in the title,
    # twice, and newer.
    exact = story(title="Giao thông nông thôn", lead="", body="<p>Làm đường liên xã.</p>")
    other = story(title="Dương lịch và dương cầm", lead="Dương", body="")
    other.publication_at = timezone.now() - datetime.timedelta(minutes=1)
    other.save()

    found = titles(query)

    assert set(found) == {exact.title, other.title}
    assert found[0] == {"exact": exact, "other": other}[first].title


def test_ranking_is_among_the_newest_matches_and_the_newest_exact_ones(story, monkeypatch):
    monkeypatch.setattr(search_module, "SEARCH_DEPTH", 2)
    exact = story(title="Làm đường liên xã", lead="", body="")
    exact.publication_at = timezone.now() - datetime.timedelta(days=3)
    exact.save()
    for number in range(3):
        story(title=f"Dương cầm {number}", lead="", body="")

    assert titles("duong") == ["Dương cầm 2", "Dương cầm 1"]
    assert titles("đường") == [exact.title, "Dương cầm 2", "Dương cầm 1"]


def test_query_without_accents_treats_both_spellings_alike(story):
    story(title="Làm đường liên xã", lead="", body="")
    story(title="Dương cầm", lead="", body="")

    assert len(titles("duong")) == 2


@pytest.mark.skipif(not on_postgresql(), reason="ts_rank exists on PostgreSQL only")
def test_title_matches_rank_above_body_matches_on_postgresql(story):
    in_body = story(title="Tin tổng hợp", lead="", body="<p>Bão số 3 gây mưa lớn.</p>")
    in_title = story(title="Bão số 3 đổ bộ", lead="", body="")
    in_body.publication_at = timezone.now()  # newer, so recency does not explain the order
    in_body.save()

    assert titles("bao so 3") == [in_title.title, in_body.title]


def test_hyphenated_words_match_with_or_without_the_hyphen(story):
    covid = story(title="Tiêm vắc xin Covid-19 mũi nhắc lại", lead="", body="")

    assert titles("covid-19") == [covid.title]
    assert titles("covid 19") == [covid.title]


def test_the_index_follows_edits(story):
    changed = story(title="Hạn mặn ở đồng bằng", lead="", body="")

    changed.title = "Lũ sớm ở miền Trung"
    changed.save()

    assert titles("han man") == []
    assert titles("lu som") == [changed.title]


def test_stories_inserted_in_bulk_are_found(section):
    # As the benchmark generator does: bulk inserts with search_text filled by hand.
    from newsroom.text import fold

    now = timezone.now()
    title = "Thủy điện xả lũ"
    Article.objects.bulk_create(
        [
            Article(
                title=title,
                slug="thuy-dien-xa-lu",
                section=section,
                status="published",
                publication_at=now,
                search_text=fold(title),
            )
        ]
    )

    assert titles("thuy dien") == [title]


def test_a_very_long_body_is_saved_and_searchable(story):
    words = " ".join(f"tu{n}" for n in range(150_000))  # ~1.3 MB of distinct words
    long_story = story(title="Phóng sự dài", lead="", body=f"<p>{words}</p>")

    assert titles("phong su dai") == [long_story.title]


@pytest.mark.parametrize("state", NOT_PUBLIC)
def test_stories_readers_may_not_see_are_never_found(client, story, hidden_story, state):
    story(title="Hội thảo công khai")
    hidden_story(state, title="Hội thảo nội bộ")

    response = get(client, q="hoi thao")

    assert result_titles(response) == ["Hội thảo công khai"]
    assert "nội bộ" not in response.content.decode()


def test_a_scheduled_story_is_found_from_its_minute(client, section):
    at = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=3)
    factories.ArticleFactory(
        title="Công bố kết quả thi", section=section, status="published", publication_at=at
    )

    with time_machine.travel(at - datetime.timedelta(seconds=1)):
        assert result_titles(get(client, q="ket qua thi")) == []
    with time_machine.travel(at):
        assert result_titles(get(client, q="ket qua thi")) == ["Công bố kết quả thi"]


ODD_QUERIES = [
    "",
    " ",
    '"',
    "'",
    "''",
    '"hội nghị',
    "&|!():*",
    "hoi & nghi | !khoa",
    "hoi:*",
    "hoi <-> nghi",
    "<->",
    "-",
    "- -- ---",
    "-hoi",
    "(((",
    "\\",
    "%",
    "_",
    "'; DROP TABLE articles_article; --",
    "\x00",
    "hoi\x00nghi",
    "\x01\x1f\x7f",
    "\u200b\u202e",
    "<script>alert(1)</script>",
    "😀 hội nghị",
    "a" * 5000,
    "hội nghị " * 300,
    "ﬁ ½ ² Ⅻ",
    "Ho\u0302\u0323i nghi\u0323",  # decomposed letters, as some keyboards send them
]


@pytest.mark.parametrize("query", ODD_QUERIES)
def test_odd_queries_give_a_normal_page(client, story, query):
    story(title="Hội nghị khoa học")

    response = get(client, q=query)

    if "\x00" in query:
        # No keyboard types NUL: the request is refused whole (400), before any view.
        assert response.status_code == 400
        return
    assert response.status_code == 200
    assert len(response.context["query"]) <= MAX_QUERY_LENGTH
    assert "\x00" not in response.content.decode()


@pytest.mark.parametrize("query", ODD_QUERIES)
def test_odd_queries_run_on_the_database(story, query):
    story(title="Hội nghị khoa học")

    list(Article.objects.public().search(query))


def test_decomposed_letters_find_the_composed_story(story):
    story(title="Hội nghị khoa học")

    assert titles("Ho\u0302\u0323i nghi\u0323") == ["Hội nghị khoa học"]


def test_a_long_query_is_cut(client, db):
    response = get(client, q="hội nghị " * 300)

    assert len(response.context["query"]) == MAX_QUERY_LENGTH


def test_the_query_is_shown_escaped(client, db):
    response = get(client, q='<img src=x onerror=alert(1)> "hội"')
    html = response.content.decode()

    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_an_empty_query_runs_no_search(client, db):
    with CaptureQueriesContext(connection) as queries:
        response = get(client, q="   ")

    assert response.status_code == 200
    assert response.context["results"] == []
    # What the page around it costs is counted in tests/perf; here: no query searched.
    searched = [q["sql"] for q in queries if SEARCHED.search(q["sql"])]
    assert searched == []


def test_a_query_searches(client, story):
    """The check above can see a search when one runs."""
    story(title="Hội nghị khoa học toàn quốc")

    with CaptureQueriesContext(connection) as queries:
        get(client, q="hoi nghi")

    assert any(SEARCHED.search(q["sql"]) for q in queries)


def test_highlight_escapes_everything_then_marks_the_words():
    terms = parse_query("hoi nghi")

    html = highlight('<b>Hội nghị</b> & "Hội"-nghị\'s <script>', terms)

    assert html == (
        "&lt;b&gt;<mark>Hội</mark> <mark>nghị</mark>&lt;/b&gt; &amp; "
        "&quot;<mark>Hội</mark>&quot;-<mark>nghị</mark>&#x27;s &lt;script&gt;"
    )


def test_highlight_marks_whole_words_only():
    assert highlight("Hà Nội, hạn hán", parse_query("ha")) == "<mark>Hà</mark> Nội, hạn hán"


def test_highlight_keeps_decomposed_letters_whole():
    text = "Ho\u0302\u0323i nghi\u0323"  # "Hội nghị", decomposed
    assert highlight(text, parse_query("hoi")) == "<mark>Ho\u0302\u0323i</mark> nghi\u0323"


def test_the_snippet_shows_the_matching_part_of_a_long_body(client, story):
    filler = "Lorem ipsum dolor. " * 60
    story(
        title="Tin dài",
        lead="Một tin không nói gì.",
        body=f"<p>{filler}</p><p>Giá <em>xăng</em> giảm &amp; dầu tăng</p><p>{filler}</p>",
    )

    response = get(client, q="xang")
    snippet = response.context["results"][0].snippet

    assert "Giá <mark>xăng</mark> giảm &amp; dầu tăng" in snippet
    assert "<em>" not in snippet
    assert snippet.startswith("…") and snippet.endswith("…")
    assert len(re.sub(r"</?mark>", "", snippet)) < 300


def test_results_show_escaped_highlighted_titles_and_snippets(client, story):
    story(title='Hội nghị <b>"lớn"</b>', lead="Khai mạc hội nghị <script>alert(1)</script>")

    html = get(client, q="hội nghị").content.decode()

    assert "<mark>Hội</mark> <mark>nghị</mark> &lt;b&gt;&quot;lớn&quot;&lt;/b&gt;" in html
    assert "<mark>hội</mark> <mark>nghị</mark> &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


def test_results_are_paginated(client, story):
    for number in range(25):
        story(title=f"Hội nghị số {number}")

    first, second = get(client, q="hoi nghi"), get(client, q="hoi nghi", page=2)

    assert len(first.context["results"]) == 20
    assert len(second.context["results"]) == 5
    assert not set(result_titles(first)) & set(result_titles(second))
    assert "page=2" in first.content.decode()


@pytest.mark.parametrize("page", ["abc", "0", "-1", "999999", "1.5", "1e3", "", "２"])
def test_any_page_number_gives_a_page(client, story, page):
    for number in range(3):
        story(title=f"Hội nghị số {number}")

    response = get(client, q="hoi nghi", page=page)

    assert response.status_code == 200
    assert len(response.context["results"]) == 3


def test_the_search_page_is_not_indexed(client, db):
    assert '<meta name="robots" content="noindex, follow">' in get(client, q="x").content.decode()


@pytest.mark.caches_off_only(
    "counts the queries of a page made afresh; with caches on, the repeat request it counts "
    "is answered from the cache (tests/site/test_queries.py counts both ways)"
)
@pytest.mark.parametrize("query", ["hoi nghi", "Hội nghị đường"])
def test_search_runs_the_same_queries_for_5_and_100_stories(count_queries, story, query):
    url = f"{URL}?{urlencode({'q': query})}"

    def add(count):
        for number in range(count):
            image = factories.ImageFactory() if number % 2 else None
            story(title=f"Hội nghị đường sắt {number}", featured_image=image)

    add(5)
    few = count_queries(url)
    add(95)
    many = count_queries(url)

    assert few == many <= 8
