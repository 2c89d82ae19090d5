"""Bad input gets a clear message and changes nothing: never a 500, never a half-saved
story."""

import pytest
from django.core.exceptions import ValidationError

from articles.models import Article, ArticleTransition
from newsroom.html import MAX_BODY_LENGTH, MAX_NESTING_DEPTH
from newsroom.validators import validate_no_control_characters
from tests import factories
from tests.factories import add_url, change_url, form_data


@pytest.fixture
def article(reporter):
    return factories.story(reporter, title="Tiêu đề gốc")


def snapshot(article):
    row = Article.objects.get(pk=article.pk)
    return (row.title, row.lead, row.body, row.status, row.version, row.publication_at)


def post_change(editor_client, article, **changes):
    page = editor_client.get(change_url(article))
    return editor_client.post(change_url(article), form_data(page, **changes))


def assert_refused(response, article, before, field):
    assert response.status_code == 200, response.status_code
    errors = response.context["adminform"].form.errors
    assert field in errors, errors
    assert all(str(message).strip() for message in errors[field])
    assert snapshot(article) == before
    assert not ArticleTransition.objects.exists()


CONTROL = ["\x00", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\x9b"]


@pytest.mark.parametrize("char", CONTROL, ids=[f"U+{ord(c):04X}" for c in CONTROL])
def test_every_control_character_is_caught(char):
    with pytest.raises(ValidationError):
        validate_no_control_characters(f"Trước{char}sau")


def test_ordinary_vietnamese_text_passes():
    validate_no_control_characters("Đà Nẵng\t“mưa” — 30°C\r\n…\u00a0\u200b")


@pytest.mark.parametrize("char", ["\x1b", "\x85"], ids=["U+001B", "U+0085"])
@pytest.mark.parametrize("field", ["title", "lead", "body", "byline", "internal_note"])
def test_control_characters_are_refused(editor_client, article, field, char):
    before = snapshot(article)
    value = f"<p>Trước{char}sau</p>" if field == "body" else f"Trước{char}sau"
    response = post_change(editor_client, article, **{field: value})
    assert_refused(response, article, before, field)


@pytest.mark.parametrize("field", ["title", "lead", "body", "byline", "internal_note", "tags"])
def test_nul_in_a_story_form_is_a_bad_request(editor_client, article, field):
    # Refused before any form reads it (newsroom.middleware); see tests/test_hostile_input.py.
    before = snapshot(article)
    response = post_change(editor_client, article, **{field: "Trước\x00sau"})
    assert response.status_code == 400
    assert snapshot(article) == before


def test_control_characters_in_a_workflow_comment_are_refused(editor_client, article):
    Article.objects.filter(pk=article.pk).update(status="in_review")
    before = snapshot(article)
    response = post_change(
        editor_client, article, workflow_action="return", workflow_comment="Sửa\x1b[31m lại"
    )
    assert_refused(response, article, before, "workflow_comment")


def test_tabs_and_new_lines_are_fine_where_text_has_lines(editor_client, article):
    response = post_change(
        editor_client, article, lead="Dòng một\r\nDòng hai\tcột", internal_note="Ghi chú\nhai dòng"
    )
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).lead == "Dòng một\r\nDòng hai\tcột"


def test_a_title_must_be_one_line(editor_client, article):
    before = snapshot(article)
    assert_refused(post_change(editor_client, article, title="Dòng\nhai"), article, before, "title")


@pytest.mark.parametrize(
    "field, limit", [("title", 250), ("lead", 1000), ("byline", 200), ("internal_note", 5000)]
)
def test_oversize_fields_are_refused(editor_client, article, field, limit):
    before = snapshot(article)
    response = post_change(editor_client, article, **{field: "Ừ" * (limit + 1)})
    assert_refused(response, article, before, field)


def test_a_title_at_the_limit_is_fine(editor_client, article):
    response = post_change(editor_client, article, title="Ừ" * 250)
    assert response.status_code == 302
    assert len(Article.objects.get(pk=article.pk).title) == 250


def test_a_body_over_the_size_limit_is_refused(editor_client, article):
    before = snapshot(article)
    paragraph = "<p>" + "Nội dung dài. " * 50 + "</p>"
    body = paragraph * (MAX_BODY_LENGTH // len(paragraph) + 1)
    assert MAX_BODY_LENGTH < len(body) < 2 * MAX_BODY_LENGTH
    assert_refused(post_change(editor_client, article, body=body), article, before, "body")


def nested(depth, tag="blockquote"):
    return f"<{tag}>" * depth + "Sâu" + f"</{tag}>" * depth


def test_a_body_at_the_nesting_limit_is_fine(editor_client, article):
    response = post_change(editor_client, article, body=nested(MAX_NESTING_DEPTH))
    assert response.status_code == 302


@pytest.mark.parametrize(
    "body",
    [
        nested(MAX_NESTING_DEPTH + 1),
        nested(5_000, "b"),
        "<div>" * 20_000,  # never closed
        "<ul><li>" * 3_000,
    ],
    ids=["just-over", "deep-bold", "unclosed-divs", "deep-lists"],
)
def test_a_body_nested_too_deeply_is_refused_before_the_sanitiser_sees_it(
    editor_client, article, body, monkeypatch
):
    # Sanitisers get slow on pathological nesting: the depth check must come first.
    from newsroom import html

    cleaned = []
    real_clean = html.nh3.clean
    monkeypatch.setattr(
        html.nh3, "clean", lambda text, **kw: cleaned.append(text) or real_clean(text, **kw)
    )
    before = snapshot(article)
    response = post_change(editor_client, article, body=body)
    assert_refused(response, article, before, "body")
    assert body not in cleaned


@pytest.mark.parametrize(
    "date, time_of_day",
    [
        ("01/01/0001", "00:00"),  # overflows when converted to UTC
        ("01/01/0001", "06:59"),
        ("31/12/9999", "23:59"),
        ("31/12/1989", "23:00"),
        ("01/01/2100", "08:00"),
    ],
)
@pytest.mark.parametrize("field", ["publication_at", "source_published_at"])
def test_times_outside_a_sane_range_are_refused(editor_client, article, field, date, time_of_day):
    before = snapshot(article)
    changes = {f"{field}_0": date, f"{field}_1": time_of_day}
    if field == "publication_at":
        changes["workflow_action"] = "publish"
    response = post_change(editor_client, article, **changes)
    assert_refused(response, article, before, field)


@pytest.mark.parametrize(
    "date, time_of_day",
    [("31/02/2026", "08:00"), ("15/13/2026", "08:00"), ("15/11/2026", "25:61"), ("hôm nay", "")],
)
def test_impossible_dates_are_refused(editor_client, article, date, time_of_day):
    before = snapshot(article)
    response = post_change(
        editor_client, article, publication_at_0=date, publication_at_1=time_of_day
    )
    assert_refused(response, article, before, "publication_at")


@pytest.mark.parametrize(
    "field, value",
    [
        ("section", "999999"),
        ("section", "không-phải-số"),
        ("featured_image", "999999"),
        ("source", "-1"),
        ("authors", ["999999"]),
        ("source_url", "javascript:alert(1)"),
        ("section", "99999999999999999999999"),
        ("authors", ["1", "abc"]),
        ("featured_image", "1; DROP TABLE images_image"),
        ("home_order", "-5"),
    ],
)
def test_bad_references_and_numbers_are_refused(editor_client, article, field, value):
    before = snapshot(article)
    assert_refused(post_change(editor_client, article, **{field: value}), article, before, field)


def test_a_garbled_version_is_refused(editor_client, article):
    before = snapshot(article)
    response = post_change(editor_client, article, title="Mới", expected_version="abc")
    assert_refused(response, article, before, "expected_version")


def test_a_new_story_with_bad_input_is_not_created(reporter_client):
    page = reporter_client.get(add_url())
    response = reporter_client.post(
        add_url(), form_data(page, title="Bài\x1bmới", lead="Sapo", workflow_action="submit")
    )
    assert response.status_code == 200
    assert "title" in response.context["adminform"].form.errors
    assert not Article.objects.exists()
