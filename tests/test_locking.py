"""Two people editing one story: the second save is refused and the first one's work is
kept (optimistic locking). Reverting to an earlier revision works, under the same rules
as editing."""

import pytest
from django.urls import reverse

from articles import workflow
from articles.models import Article, ArticleTransition, Status
from tests import factories
from tests.factories import change_url, form_data, in_vietnamese

CONFLICT = (
    "Someone (%(user)s) saved this story after you opened it. Your changes were not saved: "
    "copy them, reload the page and apply them again."
)


@pytest.fixture
def second_editor(db):
    return factories.editor(username="bientap2")


def test_second_of_two_editors_is_refused_and_the_first_edits_are_kept(
    editor, second_editor, reporter, client_for
):
    article = factories.story(reporter)
    first, second = client_for(editor), client_for(second_editor)
    page_first = first.get(change_url(article))
    page_second = second.get(change_url(article))
    assert form_data(page_first)["expected_version"] == str(article.version)

    saved = first.post(
        change_url(article), form_data(page_first, title="Bản của người thứ nhất", lead="Sapo 1")
    )
    assert saved.status_code == 302
    refused = second.post(
        change_url(article), form_data(page_second, title="Bản của người thứ hai")
    )

    assert refused.status_code == 200
    errors = refused.context["adminform"].form.non_field_errors()
    assert [e for e in errors] == [in_vietnamese(CONFLICT) % {"user": editor.username}]
    assert errors.as_data()[0].code == "conflict"
    assert in_vietnamese(CONFLICT) % {"user": editor.username} in refused.content.decode()
    # What the second editor typed is still in the form to copy.
    assert form_data(refused)["title"] == "Bản của người thứ hai"

    article.refresh_from_db()
    assert (article.title, article.lead) == ("Bản của người thứ nhất", "Sapo 1")
    assert article.last_edited_by == editor


def test_the_second_can_save_after_reloading(editor, second_editor, reporter, client_for):
    article = factories.story(reporter)
    first, second = client_for(editor), client_for(second_editor)
    stale = second.get(change_url(article))
    first.post(change_url(article), form_data(first.get(change_url(article)), lead="Sapo mới"))
    assert second.post(change_url(article), form_data(stale, title="X")).status_code == 200

    fresh = second.get(change_url(article))
    assert second.post(change_url(article), form_data(fresh, title="X")).status_code == 302
    article.refresh_from_db()
    assert (article.title, article.lead) == ("X", "Sapo mới")


def test_a_workflow_step_in_between_also_counts_as_a_change(
    editor, reporter, reporter_client, client_for
):
    """The reporter's open form is stale once the desk has moved the story."""
    article = factories.story(reporter)
    Article.objects.filter(pk=article.pk).update(status=Status.RETURNED)
    stale = reporter_client.get(change_url(article))
    article.refresh_from_db()
    workflow.transition(article, "submit", editor)
    workflow.transition(article, "return", editor, comment="Sửa lại đoạn cuối.")
    response = reporter_client.post(change_url(article), form_data(stale, title="Bản cũ"))
    assert response.status_code == 200
    assert Article.objects.get(pk=article.pk).title != "Bản cũ"


def test_a_conflicting_publish_is_refused_too(editor, second_editor, reporter, client_for):
    article = factories.story(reporter)
    Article.objects.filter(pk=article.pk).update(status=Status.IN_REVIEW)
    first, second = client_for(editor), client_for(second_editor)
    stale = second.get(change_url(article))
    first.post(change_url(article), form_data(first.get(change_url(article)), lead="Sapo mới"))
    response = second.post(change_url(article), form_data(stale, workflow_action="publish"))
    assert response.status_code == 200
    article.refresh_from_db()
    assert (article.status, article.lead) == (Status.IN_REVIEW, "Sapo mới")
    assert not ArticleTransition.objects.exists()


# Revisions (django-simple-history)


def revision_url(article, record):
    return reverse("admin:articles_article_simple_history", args=[article.pk, record.history_id])


def edited_twice(editor_client, reporter, article=None):
    article = article or factories.story(reporter, title="Tiêu đề ban đầu")
    for title in ["Tiêu đề thứ hai", "Tiêu đề thứ ba"]:
        page = editor_client.get(change_url(article))
        assert (
            editor_client.post(change_url(article), form_data(page, title=title)).status_code == 302
        )
    article.refresh_from_db()
    return article


def test_history_lists_every_save(editor_client, reporter):
    article = factories.story(reporter, title="Tiêu đề ban đầu")
    before = article.history.count()
    edited_twice(editor_client, reporter, article)
    page = editor_client.get(reverse("admin:articles_article_history", args=[article.pk]))
    assert page.status_code == 200
    assert article.history.count() == before + 2
    titles = list(article.history.values_list("title", flat=True)[:2])
    assert titles == ["Tiêu đề thứ ba", "Tiêu đề thứ hai"]


def test_editor_reverts_to_an_earlier_revision_without_a_lock_conflict(editor_client, reporter):
    article = edited_twice(editor_client, reporter)
    Article.objects.filter(pk=article.pk).update(
        status=Status.PUBLISHED, publication_at=article.created_at
    )
    first = article.history.earliest("history_date")
    revisions = article.history.count()
    page = editor_client.get(revision_url(article, first))
    assert page.status_code == 200
    data = form_data(page)
    assert data["title"] == "Tiêu đề ban đầu"
    response = editor_client.post(revision_url(article, first), data)
    assert response.status_code == 302
    after = Article.objects.get(pk=article.pk)
    assert after.title == "Tiêu đề ban đầu"
    assert after.status == Status.PUBLISHED  # the revision was a draft: status is not reverted
    assert after.version == article.version + 1
    assert article.history.count() == revisions + 1


def test_revert_cannot_publish(editor_client, reporter):
    article = edited_twice(editor_client, reporter)
    first = article.history.earliest("history_date")
    page = editor_client.get(revision_url(article, first))
    editor_client.post(revision_url(article, first), form_data(page, workflow_action="publish"))
    assert Article.objects.get(pk=article.pk).status == Status.DRAFT
    assert not ArticleTransition.objects.exists()


def test_reporter_cannot_revert_a_story_once_it_is_in_review(
    editor_client, reporter, reporter_client
):
    """The revision was a draft; the story now is not. What counts is the story now."""
    article = edited_twice(editor_client, reporter)
    Article.objects.filter(pk=article.pk).update(status=Status.IN_REVIEW)
    first = article.history.earliest("history_date")
    data = form_data(editor_client.get(revision_url(article, first)))
    page = reporter_client.get(revision_url(article, first))
    assert page.status_code == 200
    assert page.context["revert_disabled"] is True
    response = reporter_client.post(revision_url(article, first), data)
    assert response.status_code == 403
    after = Article.objects.get(pk=article.pk)
    assert (after.title, after.status) == ("Tiêu đề thứ ba", Status.IN_REVIEW)


def test_reporter_cannot_see_a_colleagues_revisions(
    editor_client, reporter, other_reporter, client_for
):
    article = edited_twice(editor_client, other_reporter)
    first = article.history.earliest("history_date")
    client = client_for(reporter)
    assert client.get(revision_url(article, first)).status_code == 403
    response = client.post(
        revision_url(article, first), form_data(editor_client.get(revision_url(article, first)))
    )
    assert response.status_code == 403
    assert Article.objects.get(pk=article.pk).title == "Tiêu đề thứ ba"
    history = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    assert history.status_code == 403


def test_a_save_without_the_version_it_read_is_refused(editor_client, reporter):
    article = factories.story(reporter, title="Bản gốc")
    page = editor_client.get(change_url(article))

    refused = editor_client.post(
        change_url(article), form_data(page, title="Bản không rõ phiên bản", expected_version=None)
    )

    assert refused.status_code == 200
    codes = [e.code for e in refused.context["adminform"].form.non_field_errors().as_data()]
    assert codes == ["no_version"]
    article.refresh_from_db()
    assert article.title == "Bản gốc"
