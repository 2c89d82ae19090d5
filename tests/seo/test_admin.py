"""The story form's "SEO and social networks" section: its fields, the counters' limits,
the Google and share-card preview (with what stands in for a blank field), and a
canonical URL that must be a web address."""

import html
import re

import pytest

from articles import seo_limits
from articles.models import Article
from newsroom.validators import validate_web_address
from tests import factories
from tests.factories import change_url, form_data, in_vietnamese

from .conftest import NASTY

CANONICAL_ERROR = in_vietnamese(validate_web_address.message)


@pytest.fixture
def draft(reporter):
    return factories.story(
        reporter,
        title="Khánh thành cầu mới",
        lead="Cây cầu nối hai bờ sông Hồng đã thông xe.",
        featured_image=factories.ImageFactory(),
    )


def attributes(page, field):
    """The attributes of the form control named ``field``."""
    tag = re.search(rf'<(?:input|textarea)[^>]*name="{field}"[^>]*>', page)
    assert tag, field
    return dict(re.findall(r'([\w-]+)="([^"]*)"', tag.group(0)))


def test_the_section_is_folded_under_the_story_and_has_every_field(editor_client, draft):
    page = editor_client.get(change_url(draft)).content.decode()

    assert re.search(r'<fieldset class="[^"]*collapse', page)
    for name in (
        "seo_title",
        "seo_description",
        "social_title",
        "social_description",
        "social_image",
        "canonical_url",
    ):
        assert f'name="{name}"' in page
    # The social image is picked from the library by thumbnail, as the featured one is.
    picker = re.search(r'<select[^>]*name="social_image"[^>]*>', page).group(0)
    assert "image-picker" in picker
    assert "articles/seo-preview.js" in page


@pytest.mark.parametrize(
    ("field", "limit"),
    [
        ("seo_title", seo_limits.SEO_TITLE),
        ("seo_description", seo_limits.SEO_DESCRIPTION),
        ("social_title", seo_limits.SOCIAL_TITLE),
        ("social_description", seo_limits.SOCIAL_DESCRIPTION),
    ],
)
def test_each_counter_knows_its_advice_and_the_field_its_hard_limit(
    editor_client, draft, field, limit
):
    page = editor_client.get(change_url(draft)).content.decode()

    shown = attributes(page, field)
    assert shown["data-seo-advice"] == str(limit.advice)
    assert shown["maxlength"] == str(limit.most)


def test_the_preview_shows_the_story_defaults_when_the_fields_are_blank(editor_client, draft):
    page = editor_client.get(change_url(draft)).content.decode()

    preview = page[page.index('id="seo-preview"') :]
    assert 'data-seo-show="title"' in preview
    google_title = re.search(r'data-seo-show="title"[^>]*>([^<]*)<', preview).group(1)
    card_title = re.search(r'data-seo-show="social_title"[^>]*>([^<]*)<', preview).group(1)
    card_text = re.search(r'data-seo-show="social_description"[^>]*>([^<]*)<', preview)
    assert google_title == card_title == "Khánh thành cầu mới"
    assert card_text.group(1) == "Cây cầu nối hai bờ sông Hồng đã thông xe."
    # The featured image's thumbnail stands in for the share card's picture.
    assert re.search(r'<img class="seo-card__image" data-seo-show="image" src="[^"]+\.webp"', page)
    for limit in (seo_limits.SEO_TITLE, seo_limits.SEO_DESCRIPTION):
        assert f'data-seo-cut="{limit.advice}"' in preview


def test_the_preview_cuts_a_long_title_where_its_counter_turns_red(editor_client, draft):
    draft.seo_title = "Cầu " * 30
    draft.save()

    page = editor_client.get(change_url(draft)).content.decode()

    shown = re.search(r'data-seo-show="title"[^>]*>([^<]*)<', page).group(1)
    assert len(shown) == seo_limits.SEO_TITLE.advice
    assert shown.endswith("…")


def test_the_preview_and_the_fields_escape_what_is_typed(editor_client, draft):
    Article.objects.filter(pk=draft.pk).update(seo_title=NASTY, social_description=NASTY)

    page = editor_client.get(change_url(draft)).content.decode()

    assert "<script>alert(1)" not in page
    kept = re.search(r'data-seo-title="([^"]*)"', page).group(1)
    assert html.unescape(kept) == NASTY
    assert html.unescape(attributes(page, "seo_title")["value"]) == NASTY


def test_a_reporter_saves_their_own_texts_and_a_social_image(reporter_client, draft):
    picture = factories.ImageFactory()
    page = reporter_client.get(change_url(draft))

    response = reporter_client.post(
        change_url(draft),
        form_data(
            page,
            seo_title="Cầu mới qua sông Hồng thông xe",
            seo_description="Cây cầu thứ bảy qua sông Hồng ở Hà Nội.",
            social_title="Hà Nội có thêm cây cầu",
            social_description="Người dân đi thử cầu mới.",
            social_image=str(picture.pk),
            canonical_url="https://nhandan.vn/cau-moi.html",
        ),
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.seo_title == "Cầu mới qua sông Hồng thông xe"
    assert draft.social_image == picture
    assert draft.canonical_url == "https://nhandan.vn/cau-moi.html"


@pytest.mark.parametrize(
    "address",
    [
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        "data:text/html,<script>alert(1)</script>",
        "ftp://example.com/tin.html",
        "nhandan.vn khong co",
    ],
)
def test_a_canonical_url_that_is_not_a_web_address_is_refused_with_a_clear_error(
    editor_client, draft, address
):
    page = editor_client.get(change_url(draft))

    response = editor_client.post(
        change_url(draft), form_data(page, canonical_url=address, seo_title="Không lưu")
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["canonical_url"] == [CANONICAL_ERROR]
    draft.refresh_from_db()
    assert (draft.canonical_url, draft.seo_title) == ("", "")


def test_a_canonical_url_from_outside_the_form_is_refused_too(draft):
    from django.core.exceptions import ValidationError

    draft.canonical_url = "javascript:alert(1)"
    with pytest.raises(ValidationError) as refused:
        draft.full_clean()
    assert "canonical_url" in refused.value.message_dict


def test_a_text_over_its_hard_limit_is_refused(editor_client, draft):
    page = editor_client.get(change_url(draft))
    too_long = "x" * (seo_limits.SEO_TITLE.most + 1)

    response = editor_client.post(change_url(draft), form_data(page, seo_title=too_long))

    assert response.status_code == 200
    assert "seo_title" in response.context["adminform"].form.errors
    draft.refresh_from_db()
    assert draft.seo_title == ""


def test_a_new_story_form_shows_the_section_and_an_empty_preview(reporter_client):
    response = reporter_client.get(factories.add_url())

    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="seo-preview"' in page
    assert attributes(page, "seo_title")["data-seo-advice"] == str(seo_limits.SEO_TITLE.advice)


def test_a_story_the_reporter_may_only_read_shows_its_texts_in_the_preview(
    reporter_client, reporter
):
    handed_in = factories.story(
        reporter, title="Bài đã nộp", seo_title="Tiêu đề cho Google", status="in_review"
    )

    page = reporter_client.get(change_url(handed_in)).content.decode()

    assert 'name="seo_title"' not in page
    shown = re.search(r'data-seo-show="title"[^>]*>([^<]*)<', page).group(1)
    assert shown == "Tiêu đề cho Google"
