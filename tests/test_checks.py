"""The checks before hand-in (``articles.checks``): each problem is named next to the field
that fixes it; a reporter runs them from the edit page on what is typed, unsaved; the same
checks gate handing in and publishing."""

import datetime
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from articles import checks, workflow
from articles.models import Article, Status
from tests import factories
from tests.factories import change_url, form_data

TEXT = "<p>" + "Bài viết có đủ chữ. " * 20 + "</p>"


def found(article, **kwargs):
    with translation.override("en"):
        return {
            field: [str(m) for m in messages]
            for field, messages in checks.publication_problems(article, **kwargs).items()
        }


@pytest.fixture
def draft(reporter, section):
    return factories.story(reporter, section=section, title="Người dân Thủ đô đón Tết")


def test_a_complete_story_passes(draft):
    assert found(draft) == {}


@pytest.mark.parametrize(
    "title, problem",
    [
        ("", "The story has no title."),
        ("Tin nóng", "The title is too short (8 characters; at least 10)."),
        ("Đ" * 121, "The title is too long (121 characters; at most 120)."),
    ],
)
def test_the_title_has_a_sensible_length(draft, title, problem):
    draft.title = title
    assert found(draft) == {"title": [problem]}


def test_the_title_limits_hold_at_their_edges(draft):
    for title in ("Đ" * checks.TITLE_MIN_CHARS, "Đ" * checks.TITLE_MAX_CHARS):
        draft.title = title
        assert found(draft) == {}


def test_a_lead_is_needed(draft):
    draft.lead = "  "
    assert found(draft) == {"lead": ["Write a lead (sapo)."]}


def test_the_body_needs_enough_words(draft):
    draft.body = "<p>Chỉ một câu ngắn.</p>"
    assert found(draft) == {"body": ["The body is too short (4 words; at least 50)."]}
    draft.body = "<p>" + "chữ " * checks.BODY_MIN_WORDS + "</p>"
    assert found(draft) == {}


@pytest.mark.parametrize(
    "photo, name",
    [
        ('<img src="https://anh.example.vn/2026/cau-long-bien.jpg">', "cau-long-bien.jpg"),
        ('<img src="https://anh.example.vn/a.jpg" alt="">', "a.jpg"),
        (
            '<figure class="image"><img src="https://anh.example.vn/a.jpg" alt=" ">'
            "<figcaption>Cầu Long Biên lúc bình minh</figcaption></figure>",
            "Cầu Long Biên lúc bình minh",
        ),
        (
            '<figure class="image"><img src="https://anh.example.vn/a.jpg">'
            '<figcaption>Cầu Long Biên <span class="credit">Ảnh: <b>Minh Anh</b></span>'
            "lúc bình minh</figcaption></figure>",
            "Cầu Long Biên lúc bình minh",
        ),
    ],
    ids=["file name", "empty alt", "caption", "caption without its credit"],
)
def test_every_body_photo_needs_alt_text_and_is_named(draft, photo, name):
    draft.body = photo + TEXT
    assert found(draft) == {"body": [f"The photo “{name}” in the body has no alt text."]}


def test_a_library_photo_is_named_by_its_caption(draft):
    image = factories.ImageFactory(alt_text="", caption="Đại biểu dự hội nghị")
    draft.body = f'<p><img src="{image.file.url}"></p>' + TEXT
    assert found(draft) == {
        "body": ["The photo “Đại biểu dự hội nghị” in the body has no alt text."]
    }


def test_only_the_photos_without_alt_are_named(draft):
    draft.body = (
        '<img src="https://anh.example.vn/a.jpg" alt="Có mô tả">'
        '<img src="https://anh.example.vn/b.jpg">' + TEXT
    )
    assert found(draft) == {"body": ["The photo “b.jpg” in the body has no alt text."]}


def test_a_taken_story_needs_its_source(draft):
    draft.is_republished = True
    assert found(draft) == {
        "source": ["The story is marked as taken from another outlet: choose its source."]
    }
    draft.source = factories.SourceFactory(name="TTXVN")
    assert found(draft) == {}


def test_the_featured_image_needs_alt_text(draft):
    draft.featured_image = factories.ImageFactory(alt_text="")
    assert found(draft) == {"featured_image": ["The featured image has no alt text."]}


# Links inside the site


@pytest.fixture
def live(reporter, section):
    return factories.story(reporter, section=section, published=True)


def linking(draft, href):
    draft.body = f'<p><a href="{href}">Xem thêm</a></p>' + TEXT
    return found(draft)


def broken(href):
    return {"body": [f"The link to {href} leads to no page of the site."]}


def test_links_to_public_pages_of_the_site_are_fine(draft, live, section, settings):
    settings.SITE_URL = "https://baokhoahoc.vn"
    for href in (
        live.get_absolute_url(),
        f"https://baokhoahoc.vn{live.get_absolute_url()}",
        f"/{section.slug}/",
        "/",
        "/tim-kiem/?q=hoi+nghi",
        "https://vnexpress.net/khong-co-trang-nay.html",  # not ours: never fetched
        "mailto:toasoan@baokhoahoc.vn",
        "#chu-thich",
    ):
        assert linking(draft, href) == {}, href


@pytest.mark.parametrize("state", ["draft", "scheduled", "withdrawn", "deleted"])
def test_a_link_to_a_story_readers_cannot_open_is_broken(draft, reporter, section, state):
    other = factories.story(reporter, section=section, published=state == "scheduled")
    href = other.get_absolute_url()
    if state == "scheduled":
        Article.objects.filter(pk=other.pk).update(
            publication_at=other.publication_at + datetime.timedelta(days=2)
        )
    elif state == "withdrawn":
        Article.objects.filter(pk=other.pk).update(status=Status.WITHDRAWN)
    elif state == "deleted":
        other.delete()
    assert linking(draft, href) == broken(href)


def test_links_to_missing_pages_of_our_own_domain_are_broken(draft, settings):
    settings.SITE_URL = "https://baokhoahoc.vn"
    for href in (
        "/khong-co-chuyen-muc/",
        "https://baokhoahoc.vn/tag/khong-co-the-nay/",
        "/tac-gia/khong-co-ai/",
        "/quan-tri/articles/article/",
        "/quan-tri/anh/upload/",
        f"/xem-truoc/{draft.pk}/",
        "/trang-sai-dia-chi.php",
    ):
        assert linking(draft, href) == broken(href), href


def test_the_link_check_asks_no_network(draft, monkeypatch):
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("the link check must not go online")

    monkeypatch.setattr(socket, "create_connection", no_network)
    assert linking(draft, "https://example.org/bai-viet") == {}


# The same checks gate handing in and publishing


def test_hand_in_is_refused_with_each_problem_by_its_field(reporter_client, draft):
    page = reporter_client.get(change_url(draft))
    response = reporter_client.post(
        change_url(draft),
        form_data(page, lead="", body="<p>Ngắn.</p>", workflow_action="submit"),
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert set(errors) == {"lead", "body"}
    assert Article.objects.get(pk=draft.pk).status == Status.DRAFT


def test_transition_refuses_to_hand_in_an_unready_story(reporter, draft):
    Article.objects.filter(pk=draft.pk).update(lead="")
    draft.refresh_from_db()
    with pytest.raises(workflow.ValidationError) as refused:
        workflow.transition(draft, "submit", reporter)
    assert set(refused.value.message_dict) == {"lead"}
    assert Article.objects.get(pk=draft.pk).status == Status.DRAFT


# The button on the edit page


def checks_url(article=None):
    if article is None:
        return reverse("admin:articles_article_checks_new")
    return reverse("admin:articles_article_checks", args=[article.pk])


def run_checks(client, article, **changes):
    page = client.get(change_url(article) if article else factories.add_url())
    response = client.post(checks_url(article), form_data(page, **changes))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def test_the_edit_page_offers_the_check(reporter_client, draft):
    html = reporter_client.get(change_url(draft)).content.decode()
    assert f'data-url="{checks_url(draft)}"' in html
    assert "articles/desk-checks.js" in html


def test_the_check_reads_the_form_as_typed_and_saves_nothing(reporter_client, draft):
    answer = run_checks(
        reporter_client,
        draft,
        title="Tin",
        lead="",
        body='<p><img src="https://anh.example.vn/a.jpg"></p>',
        workflow_action="submit",
    )
    assert answer["ready"] is False
    assert set(answer["problems"]) == {"title", "lead", "body"}
    assert len(answer["problems"]["body"]) == 2  # too short, and the photo's alt text
    after = Article.objects.get(pk=draft.pk)
    assert (after.title, after.lead, after.status, after.version) == (
        draft.title,
        draft.lead,
        Status.DRAFT,
        draft.version,
    )
    assert not after.transitions.exists()


def test_a_ready_story_is_reported_ready(reporter_client, draft):
    assert run_checks(reporter_client, draft) == {"ready": True, "problems": {}}


def test_a_new_story_can_be_checked_before_its_first_save(reporter_client, section):
    answer = run_checks(reporter_client, None, title="Bài mới về giao thông", lead="Sapo.")
    assert set(answer["problems"]) == {"section", "body"}
    assert not Article.objects.exists()


def test_problems_are_in_vietnamese_and_escaped_by_the_page(reporter_client, draft):
    answer = run_checks(reporter_client, draft, lead="")
    # JSON carries text; desk-checks.js sets it with textContent, never as HTML.
    assert answer["problems"]["lead"] == [factories.in_vietnamese("Write a lead (sapo).")]


def test_someone_elses_story_cannot_be_checked(reporter_client, other_reporter, section):
    theirs = factories.story(other_reporter, section=section)
    response = reporter_client.post(checks_url(theirs), {"title": "x"})
    assert response.status_code in (403, 404)


def test_a_handed_in_story_cannot_be_checked_by_its_reporter(reporter_client, reporter, draft):
    workflow.transition(draft, "submit", reporter)
    assert reporter_client.post(checks_url(draft), {"title": "x"}).status_code == 403


def test_only_staff_may_check(client, draft):
    response = client.post(checks_url(draft), {"title": "x"})
    assert response.status_code == 302  # to the sign-in page
    assert "/login/" in response["Location"]


def test_the_check_is_a_post(reporter_client, draft):
    response = reporter_client.get(checks_url(draft))
    assert response.status_code == 405


def test_the_check_needs_the_csrf_token(reporter, draft):
    guarded = Client(enforce_csrf_checks=True)
    guarded.force_login(reporter)
    page = guarded.get(change_url(draft))
    data = form_data(page)
    without = {k: v for k, v in data.items() if k != "csrfmiddlewaretoken"}
    assert guarded.post(checks_url(draft), without).status_code == 403
    assert guarded.post(checks_url(draft), data).status_code == 200
    # The header the button sends works as well.
    token = data["csrfmiddlewaretoken"]
    response = guarded.post(checks_url(draft), without, headers={"X-CSRFToken": token})
    assert response.status_code == 200


def test_an_unknown_story_answers_404(reporter_client):
    assert reporter_client.post(checks_url(Article(pk=987654))).status_code == 404
