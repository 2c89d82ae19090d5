"""Before a story goes public it needs a section, a lead, alt text on every image and a
source when it is taken from another outlet. The editor sees exactly what is missing, next
to the field to fix; nothing is saved until it is fixed. (Every check: tests/test_checks.py.)"""

import datetime
import re

import pytest
from django.utils import timezone, translation
from django.utils.functional import lazy
from django.utils.html import escape
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from articles import checks, workflow
from articles.models import Article, ArticleTransition, Status
from tests import factories
from tests.factories import change_url, form_data, in_vietnamese


def _image_without_alt(name):
    return lazy(
        lambda: gettext("The photo “%(name)s” in the body has no alt text.") % {"name": name}, str
    )()


# Enough words for the body's own check: these tests are about its images.
TEXT = "<p>" + "Bài viết có đủ chữ. " * 20 + "</p>"


PROBLEM = {
    "section": _("Choose a section."),
    "lead": _("Write a lead (sapo)."),
    "featured_alt": _("The featured image has no alt text."),
    "body_alt_a": _image_without_alt("a.jpg"),
    "body_alt_b": _image_without_alt("b.jpg"),
    "body_alt_missing": _image_without_alt("khong-co.jpg"),
    "body_alt_library": _image_without_alt("Quang cảnh hội nghị"),
    "body_alt_caption": _image_without_alt("Cầu Long Biên"),
    "too_short": lazy(
        lambda: (
            ngettext(
                "The body is too short (%(count)s word; at least %(limit)s).",
                "The body is too short (%(count)s words; at least %(limit)s).",
                1,
            )
            % {"count": 1, "limit": checks.BODY_MIN_WORDS}
        ),
        str,
    )(),
    "source": _("The story is marked as taken from another outlet: choose its source."),
}


def problems(article):
    with translation.override("en"):
        return [str(p) for p in checks.problem_list(checks.publication_problems(article))]


def english(*keys):
    with translation.override("en"):
        return [str(PROBLEM[key]) for key in keys]


@pytest.fixture
def ready(reporter):
    """A story in review with everything publication needs."""
    article = factories.story(reporter, featured_image=factories.ImageFactory())
    Article.objects.filter(pk=article.pk).update(status=Status.IN_REVIEW)
    article.refresh_from_db()
    return article


def test_a_complete_story_has_no_problems(ready):
    assert problems(ready) == []


@pytest.mark.parametrize(
    "change, expected",
    [
        ({"section": None}, ["section"]),
        ({"lead": "   "}, ["lead"]),
        ({"is_republished": True}, ["source"]),
        ({"section": None, "lead": ""}, ["section", "lead"]),
    ],
)
def test_each_missing_fact_is_named(ready, change, expected):
    for field, value in change.items():
        setattr(ready, field, value)
    assert problems(ready) == english(*expected)


def test_featured_image_needs_alt_text(ready):
    ready.featured_image.alt_text = " "
    assert problems(ready) == english("featured_alt")


def test_republished_story_with_a_source_is_fine(ready):
    ready.is_republished = True
    ready.source = factories.SourceFactory(name="TTXVN")
    assert problems(ready) == []


@pytest.mark.parametrize(
    "body, library_alt, expected",
    [
        ('<figure class="image"><img src="{url}" alt="Cầu Long Biên"></figure>', "", []),
        # A library photo is named by its caption, another by its file name.
        ('<p><img src="{url}"></p>', "", ["body_alt_library"]),
        ('<p><img src="{url}" alt=""></p>', "", ["body_alt_library"]),
        ('<p><img src="{url}" alt="  "></p>', "", ["body_alt_library"]),
        # The alt text given in the image library counts as well.
        ('<p><img src="{url}"></p>', "Cầu Long Biên lúc bình minh", []),
        ('<p><img src="https://example.vn/a.jpg"></p>', "Cầu", ["body_alt_a"]),
        (
            '<p><img src="{url}" alt="Một"></p><p><img src="https://example.vn/b.jpg"></p>',
            "",
            ["body_alt_b"],
        ),
        (
            '<figure class="image"><img src="https://example.vn/a.jpg">'
            "<figcaption>Cầu Long Biên</figcaption></figure>",
            "",
            ["body_alt_caption"],
        ),
    ],
)
def test_body_images_need_alt_text(ready, body, library_alt, expected):
    image = factories.ImageFactory(alt_text=library_alt, caption="Quang cảnh hội nghị")
    ready.body = body.format(url=image.file.url) + TEXT
    assert problems(ready) == english(*expected)


def test_library_alt_text_counts_for_a_body_showing_a_rendition(ready):
    # The editor's upload answers with a rendition's address: the body shows that one.
    image = factories.ImageFactory(alt_text="Cầu Long Biên lúc bình minh")
    rendition = image.renditions.first()
    assert rendition is not None
    ready.body = f'<p><img src="{rendition.file.url}"></p>' + TEXT
    assert problems(ready) == []
    image.alt_text = ""
    image.save(update_fields=["alt_text"])
    assert problems(ready) == english("body_alt_library")


def field_errors(response):
    """What the form shows next to each field (and above it, under ``__all__``)."""
    form = response.context["adminform"].form
    return {field: [str(e) for e in errors] for field, errors in form.errors.items()}


def test_publish_is_refused_and_nothing_is_saved(editor_client, ready):
    factories.Image.objects.filter(pk=ready.featured_image_id).update(alt_text="")
    page = editor_client.get(change_url(ready))
    response = editor_client.post(
        change_url(ready),
        form_data(
            page,
            title="Tiêu đề sửa cùng lúc",
            lead="",
            section=None,
            is_republished="on",
            body="<p>Ảnh:</p><p><img src='/media/khong-co.jpg'></p>",
            workflow_action="publish",
        ),
    )
    assert response.status_code == 200
    shown = field_errors(response)
    assert shown == {
        "section": [in_vietnamese(PROBLEM["section"])],
        "lead": [in_vietnamese(PROBLEM["lead"])],
        "featured_image": [in_vietnamese(PROBLEM["featured_alt"])],
        "body": [in_vietnamese(PROBLEM["too_short"]), in_vietnamese(PROBLEM["body_alt_missing"])],
        "source": [in_vietnamese(PROBLEM["source"])],
    }
    html = response.content.decode()
    for field, messages in shown.items():
        for message in messages:
            # Next to its field, where the reporter fixes it.
            row = re.split(rf"field-{field}\b", html)[1].split('class="form-row')[0]
            assert escape(message) in row, (field, message)
    after = Article.objects.get(pk=ready.pk)
    assert (after.title, after.status, after.version) == (ready.title, ready.status, ready.version)
    assert not ArticleTransition.objects.exists()


def test_schedule_is_refused_too(editor_client, ready):
    Article.objects.filter(pk=ready.pk).update(lead="")
    when = timezone.localtime() + datetime.timedelta(days=1)
    page = editor_client.get(change_url(ready))
    response = editor_client.post(
        change_url(ready),
        form_data(
            page,
            workflow_action="publish",
            publication_at_0=when.strftime("%d/%m/%Y"),
            publication_at_1="06:00:00",
        ),
    )
    assert response.status_code == 200
    assert field_errors(response) == {"lead": [in_vietnamese(PROBLEM["lead"])]}
    after = Article.objects.get(pk=ready.pk)
    assert (after.status, after.publication_at) == (Status.IN_REVIEW, None)


def test_the_change_page_lists_what_is_missing_before_the_editor_tries(editor_client, ready):
    Article.objects.filter(pk=ready.pk).update(lead="", section=None)
    page = editor_client.get(change_url(ready))
    html = page.content.decode()
    assert in_vietnamese(PROBLEM["lead"]) in html
    assert in_vietnamese(PROBLEM["section"]) in html


def test_fixing_and_publishing_in_one_save_works(editor_client, ready):
    Article.objects.filter(pk=ready.pk).update(lead="")
    page = editor_client.get(change_url(ready))
    response = editor_client.post(
        change_url(ready),
        form_data(page, lead="Sapo viết bổ sung.", workflow_action="publish"),
    )
    assert response.status_code == 302
    after = Article.objects.get(pk=ready.pk)
    assert (after.status, after.lead) == (Status.PUBLISHED, "Sapo viết bổ sung.")
    assert after.is_public()


def test_transition_refuses_an_unready_story_on_its_own(editor, ready):
    """The rule holds outside the admin too (shell, imports, bulk action)."""
    Article.objects.filter(pk=ready.pk).update(lead="")
    ready.refresh_from_db()
    with pytest.raises(workflow.ValidationError):
        workflow.transition(ready, "publish", editor)
    assert Article.objects.get(pk=ready.pk).status == Status.IN_REVIEW


def test_an_image_alt_the_sanitiser_would_drop_does_not_count(editor_client, ready):
    """The check reads the body as it will be stored: a duplicate ``alt`` attribute is
    read one way by the checker's parser and another way by the sanitiser's."""
    page = editor_client.get(change_url(ready))
    response = editor_client.post(
        change_url(ready),
        form_data(
            page,
            body='<p><img src="https://example.vn/a.jpg" alt="" alt="Ảnh minh họa"></p>' + TEXT,
            workflow_action="publish",
        ),
    )
    assert response.status_code == 200
    assert field_errors(response) == {"body": [in_vietnamese(PROBLEM["body_alt_a"])]}
    assert Article.objects.get(pk=ready.pk).status == Status.IN_REVIEW


@pytest.mark.parametrize("when", ["live", "scheduled"])
def test_a_published_story_cannot_lose_what_publication_needs(editor_client, ready, when):
    publication_at = timezone.now() + datetime.timedelta(days=-1 if when == "live" else 1)
    Article.objects.filter(pk=ready.pk).update(
        status=Status.PUBLISHED, publication_at=publication_at
    )
    page = editor_client.get(change_url(ready))
    response = editor_client.post(change_url(ready), form_data(page, lead="", section=None))
    assert response.status_code == 200
    assert field_errors(response) == {
        "section": [in_vietnamese(PROBLEM["section"])],
        "lead": [in_vietnamese(PROBLEM["lead"])],
    }
    after = Article.objects.get(pk=ready.pk)
    assert (after.lead, after.section_id) == (ready.lead, ready.section_id)


def test_a_draft_may_be_saved_incomplete(reporter_client, ready):
    Article.objects.filter(pk=ready.pk).update(status=Status.DRAFT)
    page = reporter_client.get(change_url(ready))
    response = reporter_client.post(change_url(ready), form_data(page, lead="", section=None))
    assert response.status_code == 302
    assert Article.objects.get(pk=ready.pk).lead == ""
