"""The admin's header counts what waits for the person signed in, on every admin page,
cheaply."""

import re

import pytest
from django.urls import reverse

from desk import panels
from desk.models import Notification
from tests import factories
from tests.desk.conftest import at, step


def counts(client, address=None):
    page = client.get(address or reverse("admin:index")).content.decode()
    return {
        key: int(number)
        for key, number in re.findall(
            r'data-count="(\w+)">[^<]*<span class="desk-count-number">(\d+)</span>', page
        )
    }


def test_an_editor_sees_how_many_stories_wait_for_review(editor_client, reporter):
    for n in range(3):
        step(factories.story(reporter, title=f"Bài viết số {n}"), "submit", reporter)

    assert counts(editor_client)["review"] == 3
    assert counts(editor_client, factories.changelist_url())["review"] == 3


def test_a_reporter_sees_how_many_of_their_stories_were_returned(
    reporter_client, reporter, other_reporter, editor
):
    for author in (reporter, other_reporter):
        story = factories.story(author)
        step(story, "submit", author, at(hours=-1))
        step(story, "return", editor, comment="Viết lại đoạn mở đầu.")

    found = counts(reporter_client)

    assert found["returned"] == 1
    assert "review" not in found


def test_the_header_counts_unread_notifications_until_they_are_read(
    reporter_client, reporter, editor
):
    story = factories.story(reporter)
    step(story, "publish", editor)
    assert counts(reporter_client)["notifications"] == 1

    Notification.objects.filter(recipient=reporter).mark_read()

    assert counts(reporter_client)["notifications"] == 0


def test_nothing_waiting_shows_no_story_counts(editor_client):
    assert counts(editor_client) == {"notifications": 0}


def test_the_login_page_shows_no_counts(client):
    page = client.get(reverse("admin:login")).content.decode()

    assert "desk-counts" not in page


@pytest.mark.parametrize("who", ["editor", "reporter"])
def test_the_counts_cost_one_query(reporter, editor, who, django_assert_max_num_queries):
    user = editor if who == "editor" else reporter
    for n in range(5):
        step(factories.story(reporter, title=f"Bài viết số {n}"), "submit", reporter)
    user.has_perm("articles.add_article")  # the permissions, loaded once per request anyway

    with django_assert_max_num_queries(1):
        panels.counts(user)
