"""What a reporter sees of a story they can no longer edit (handed in, published)."""

from django.utils.html import strip_tags

from articles import workflow
from tests import factories
from tests.factories import change_url


def test_a_handed_in_story_reads_as_formatted_text_without_a_comment_box(reporter_client, reporter):
    article = factories.story(
        reporter,
        body="<h2>Diễn biến</h2><p>Nội dung <strong>chính</strong>.</p>" + factories.STORY_BODY,
    )
    workflow.transition(article, "submit", reporter)

    page = reporter_client.get(change_url(article)).content.decode()

    assert "<h2>Diễn biến</h2><p>Nội dung <strong>chính</strong>.</p>" in page
    assert "&lt;h2&gt;" not in page
    assert 'name="workflow_comment"' not in page
    assert 'name="workflow_action"' not in page


def test_the_editor_still_gets_the_editor_and_the_comment_box(editor_client, reporter):
    article = factories.story(reporter)
    page = editor_client.get(change_url(article)).content.decode()
    assert 'name="body"' in page
    assert 'name="workflow_comment"' in page


def test_a_reporter_writing_a_story_sees_no_comment_box_meant_for_editors(
    reporter_client, reporter
):
    article = factories.story(reporter)
    for url in (change_url(article), factories.add_url()):
        page = reporter_client.get(url).content.decode()
        assert 'name="body"' in page
        assert 'name="workflow_comment"' not in page


def test_the_history_page_names_states_as_people_say_them(editor_client, reporter):
    article = factories.story(reporter)
    workflow.transition(article, "submit", reporter)
    page = editor_client.get(f"{change_url(article).rsplit('change/', 1)[0]}history/")
    content = page.content.decode()
    assert page.status_code == 200
    # The step in words ("nộp bài", tests/test_history.py), never the state's code.
    assert factories.in_vietnamese("handed the story in") in content
    assert "in_review" not in strip_tags(content)  # (links may carry it in their address)


def test_a_returned_story_shows_why_at_the_top_of_the_form(reporter_client, reporter, editor):
    article = factories.story(reporter)
    workflow.transition(article, "submit", reporter)
    workflow.transition(article, "return", editor, comment="Thiếu ý kiến của chuyên gia.")

    page = reporter_client.get(change_url(article)).content.decode()

    top = page.index('id="workflow"')
    assert page.index("Thiếu ý kiến của chuyên gia.") < page.index('name="title"')
    assert page.index("Thiếu ý kiến của chuyên gia.") > top


def test_a_reporter_sees_work_in_progress_before_published_stories(reporter_client, reporter):
    factories.story(reporter, title="Bài đã đăng", published=True)
    factories.story(reporter, title="Bài đang viết")
    page = reporter_client.get(factories.changelist_url()).content.decode()
    assert page.index("Bài đang viết") < page.index("Bài đã đăng")
