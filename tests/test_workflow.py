"""The editorial workflow: every state × every action, who may, and the record each step
leaves (who, when, from, to, comment), shown on the story's admin page."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from articles import workflow
from articles.models import Article, ArticleTransition, Status
from tests import factories
from tests.factories import change_url, form_data

NOW = datetime.datetime(2026, 3, 10, 9, 0, tzinfo=datetime.UTC)
PAST = NOW - datetime.timedelta(days=1)
FUTURE = NOW + datetime.timedelta(days=1)

# A story's situation: its status and, for published ones, whether its time has come.
STATES = {
    "draft": (Status.DRAFT, None),
    "in_review": (Status.IN_REVIEW, None),
    "returned": (Status.RETURNED, None),
    "live": (Status.PUBLISHED, PAST),
    "scheduled": (Status.PUBLISHED, FUTURE),
    "withdrawn": (Status.WITHDRAWN, PAST),
}

# What an editor's action does from each state; None means it is refused.
EDITOR_TABLE = {
    "submit": {"draft": "in_review", "returned": "in_review"},
    "return": {"in_review": "returned"},
    "publish": {state: "published" for state in STATES},
    "withdraw": {"live": "withdrawn", "scheduled": "withdrawn"},
}
# A reporter may only hand in their own draft or returned story.
REPORTER_TABLE = {"submit": {"draft": "in_review", "returned": "in_review"}}

COMMENT = "Cần kiểm tra lại số liệu ở đoạn hai."


@pytest.fixture(autouse=True)
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield


def story_in(state, author):
    status, publication_at = STATES[state]
    article = factories.story(author)
    Article.objects.filter(pk=article.pk).update(
        status=status,
        publication_at=publication_at,
        first_published_at=publication_at if status != Status.DRAFT else None,
    )
    article.refresh_from_db()
    return article


def cases(table):
    for action in workflow.ACTIONS:
        for state in STATES:
            target = table.get(action, {}).get(state)
            yield pytest.param(action, state, target, id=f"{state}-{action}")


@pytest.mark.parametrize("action, state, target", list(cases(EDITOR_TABLE)))
def test_editor_transitions(editor, reporter, action, state, target):
    article = story_in(state, reporter)
    before = Article.objects.get(pk=article.pk)
    if target is None:
        with pytest.raises(PermissionDenied):
            workflow.transition(article, action, editor, comment=COMMENT)
        after = Article.objects.get(pk=article.pk)
        assert (after.status, after.version) == (before.status, before.version)
        assert not ArticleTransition.objects.exists()
        return
    workflow.transition(article, action, editor, comment=COMMENT)
    after = Article.objects.get(pk=article.pk)
    assert after.status == target
    assert after.version == before.version + 1
    assert after.last_edited_by == editor
    step = after.transitions.get()
    assert (step.actor, step.from_status, step.to_status) == (editor, before.status, target)
    assert step.comment == COMMENT
    assert step.at == NOW


@pytest.mark.parametrize("action, state, target", list(cases(REPORTER_TABLE)))
def test_reporter_transitions_on_own_story(reporter, action, state, target):
    article = story_in(state, reporter)
    before_status = article.status
    if target is None:
        with pytest.raises(PermissionDenied):
            workflow.transition(article, action, reporter, comment=COMMENT)
        assert Article.objects.get(pk=article.pk).status == before_status
        assert not ArticleTransition.objects.exists()
        return
    workflow.transition(article, action, reporter)
    assert Article.objects.get(pk=article.pk).status == target
    assert ArticleTransition.objects.get().actor == reporter


@pytest.mark.parametrize("state", ["draft", "returned"])
def test_reporter_cannot_hand_in_a_colleagues_story(reporter, other_reporter, state):
    article = story_in(state, other_reporter)
    with pytest.raises(PermissionDenied):
        workflow.transition(article, "submit", reporter)
    assert Article.objects.get(pk=article.pk).status == STATES[state][0]


@pytest.mark.parametrize("action, state", [("return", "in_review"), ("withdraw", "live")])
def test_return_and_withdraw_need_a_comment(editor, reporter, action, state):
    article = story_in(state, reporter)
    with pytest.raises(ValidationError):
        workflow.transition(article, action, editor, comment="   ")
    assert Article.objects.get(pk=article.pk).status == STATES[state][0]
    assert not ArticleTransition.objects.exists()


def test_unknown_action_is_refused(editor, reporter):
    article = story_in("draft", reporter)
    with pytest.raises(PermissionDenied):
        workflow.transition(article, "delete", editor)


def test_publishing_now_sets_the_publication_and_first_published_times(editor, reporter):
    article = story_in("in_review", reporter)
    workflow.transition(article, "publish", editor)
    article.refresh_from_db()
    assert article.publication_at == NOW
    assert article.first_published_at == NOW
    assert article.is_public()


def test_republishing_a_live_story_keeps_its_publication_time(editor, reporter):
    article = story_in("live", reporter)
    workflow.transition(article, "publish", editor)
    article.refresh_from_db()
    assert article.publication_at == PAST
    assert article.first_published_at == PAST


def test_a_scheduled_story_withdrawn_before_its_time_was_never_first_published(editor, reporter):
    article = story_in("in_review", reporter)
    workflow.transition(article, "publish", editor, publication_at=FUTURE)
    workflow.transition(article, "withdraw", editor, comment="Hoãn đăng.")
    workflow.transition(article, "publish", editor)
    article.refresh_from_db()
    assert article.publication_at == NOW
    assert article.first_published_at == NOW


def test_the_whole_loop_is_recorded_in_order(editor, reporter):
    article = story_in("draft", reporter)
    workflow.transition(article, "submit", reporter)
    workflow.transition(article, "return", editor, comment=COMMENT)
    workflow.transition(article, "submit", reporter)
    workflow.transition(article, "publish", editor, publication_at=FUTURE)
    workflow.transition(article, "withdraw", editor, comment="Nguồn gỡ bài gốc.")
    steps = list(article.transitions.order_by("pk"))
    assert [(s.from_status, s.to_status, s.actor) for s in steps] == [
        (Status.DRAFT, Status.IN_REVIEW, reporter),
        (Status.IN_REVIEW, Status.RETURNED, editor),
        (Status.RETURNED, Status.IN_REVIEW, reporter),
        (Status.IN_REVIEW, Status.PUBLISHED, editor),
        (Status.PUBLISHED, Status.WITHDRAWN, editor),
    ]
    assert steps[3].publication_at == FUTURE
    assert steps[1].comment == COMMENT


# Through the admin, as people use it


def test_editor_returns_a_story_with_a_comment_through_the_admin(
    editor_client, editor, reporter, client_for
):
    article = story_in("in_review", reporter)
    page = editor_client.get(change_url(article))
    assert b'value="return"' in page.content
    response = editor_client.post(
        change_url(article),
        form_data(page, workflow_action="return", workflow_comment=COMMENT),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Status.RETURNED
    step = article.transitions.get()
    assert (step.actor, step.comment) == (editor, COMMENT)

    # The reporter sees the comment on the story's page and may edit again.
    reporter_page = client_for(reporter).get(change_url(article))
    assert COMMENT in reporter_page.content.decode()
    assert 'name="title"' in reporter_page.content.decode()


def test_returning_without_a_comment_saves_nothing(editor_client, reporter):
    article = story_in("in_review", reporter)
    page = editor_client.get(change_url(article))
    response = editor_client.post(
        change_url(article),
        form_data(page, title="Tiêu đề mới", workflow_action="return", workflow_comment=""),
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "workflow_comment" in form.errors
    article.refresh_from_db()
    assert (article.status, article.title) != (Status.RETURNED, "Tiêu đề mới")
    assert article.status == Status.IN_REVIEW
    assert not ArticleTransition.objects.exists()


def test_history_is_shown_on_the_change_page(editor_client, editor, reporter):
    editor.first_name, editor.last_name = "Trần", "Thu Hà"
    editor.save()
    article = story_in("draft", reporter)
    workflow.transition(article, "submit", reporter)
    workflow.transition(article, "return", editor, comment="Thiếu ảnh <b>minh họa</b>")
    page = editor_client.get(change_url(article)).content.decode()
    history = page[page.index("workflow-history") :]
    assert "10/03/2026 16:00" in history  # Vietnam time
    assert "Trần Thu Hà" in history
    assert "Thiếu ảnh &lt;b&gt;minh họa&lt;/b&gt;" in history
    assert factories.in_vietnamese(Status.IN_REVIEW.label) in history
    assert factories.in_vietnamese(Status.RETURNED.label) in history


def test_editor_sees_only_the_actions_the_state_allows(editor_client, reporter):
    for state, expected in [
        ("draft", {"submit", "publish"}),
        ("in_review", {"return", "publish"}),
        ("live", {"publish", "withdraw"}),
        ("withdrawn", {"publish"}),
    ]:
        article = story_in(state, reporter)
        page = editor_client.get(change_url(article))
        offered = {a.name for a in page.context["workflow_actions"]}
        assert offered == expected, state


def test_reporter_is_offered_only_hand_in(reporter_client, reporter):
    article = story_in("draft", reporter)
    page = reporter_client.get(change_url(article))
    assert [a.name for a in page.context["workflow_actions"]] == ["submit"]
    assert b'value="publish"' not in page.content


def test_withdrawn_story_leaves_the_site_at_once(editor_client, reporter, client):
    article = story_in("live", reporter)
    assert client.get(article.get_absolute_url()).status_code == 200
    page = editor_client.get(change_url(article))
    response = editor_client.post(
        change_url(article),
        form_data(page, workflow_action="withdraw", workflow_comment="Báo gốc đã gỡ bài."),
    )
    assert response.status_code == 302
    assert not Article.objects.public().filter(pk=article.pk).exists()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_editing_a_story_keeps_its_state(editor_client, reporter):
    article = story_in("live", reporter)
    page = editor_client.get(change_url(article))
    response = editor_client.post(change_url(article), form_data(page, title="Sửa lỗi chính tả"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.status, article.title) == (Status.PUBLISHED, "Sửa lỗi chính tả")
    assert article.first_published_at == PAST
    assert article.publication_at == PAST


# The byline


def test_editors_can_put_colleagues_on_the_byline(editor, reporter, other_reporter, client_for):
    # Reporters cannot: tests/test_permissions.py.
    other_reporter.first_name, other_reporter.last_name = "Phạm", "Thị Lan"
    other_reporter.save()
    article = story_in("draft", reporter)
    client = client_for(editor)
    page = client.get(change_url(article))
    html = page.content.decode()
    assert f'<option value="{other_reporter.pk}">Phạm Thị Lan</option>' in html
    chosen = [str(reporter.pk), str(other_reporter.pk)]
    response = client.post(change_url(article), form_data(page, authors=chosen))
    assert response.status_code == 302
    assert set(article.authors.all()) == {reporter, other_reporter}
    # Only staff can be authors.
    page = client.get(change_url(article))
    outsider = factories.UserFactory(username="docgia", is_staff=False)
    response = client.post(change_url(article), form_data(page, authors=[str(outsider.pk)]))
    assert response.status_code == 200
    assert "authors" in response.context["adminform"].form.errors


def test_reporter_writes_a_new_story_and_hands_it_in_at_once(reporter_client, reporter, section):
    page = reporter_client.get(factories.add_url())
    data = form_data(
        page,
        title="Người dân Thủ đô đón Tết",
        lead="Phố phường rực rỡ.",
        body="<p>Hà Nội những ngày cuối năm.</p>" + factories.STORY_BODY,
        section=str(section.pk),
        workflow_action="submit",
    )
    assert "authors" not in data  # the desk's to set; the story is the reporter's
    response = reporter_client.post(factories.add_url(), data)
    assert response.status_code == 302
    article = Article.objects.get()
    assert (article.status, article.created_by, article.last_edited_by) == (
        Status.IN_REVIEW,
        reporter,
        reporter,
    )
    assert list(article.authors.all()) == [reporter]
    step = article.transitions.get()
    assert (step.from_status, step.to_status, step.actor) == (
        Status.DRAFT,
        Status.IN_REVIEW,
        reporter,
    )
