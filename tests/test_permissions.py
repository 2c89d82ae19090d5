"""Who may do what to a story, through the admin with the POSTs a browser (or an attacker)
sends. The rules live in ``articles.workflow``; these tests go through every door."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import checks
from articles.models import Article, ArticleTransition, Status
from tests import factories
from tests.factories import change_url, changelist_url, form_data

ROLES = ["reporter_own", "reporter_other", "editor", "anonymous", "staff_without_role"]

# What each role may do; anything else must be refused and change nothing.
ALLOWED = {
    "view_list": {"reporter_own", "editor"},
    "open_change_form": {"reporter_own", "editor"},
    "save_edits": {"reporter_own", "editor"},
    "hand_in": {"reporter_own", "editor"},
    "return": {"editor"},
    "publish_now": {"editor"},
    "schedule": {"editor"},
    "withdraw": {"editor"},
    "bulk_publish_now": {"editor"},
    "upload_image": {"reporter_own", "reporter_other", "editor"},
    "preview": {"reporter_own", "editor"},
    "create_preview_link": {"editor"},
}

# The state a story must be in for the action to make sense.
STARTING_STATE = {
    "return": Status.IN_REVIEW,
    "publish_now": Status.IN_REVIEW,
    "schedule": Status.IN_REVIEW,
    "bulk_publish_now": Status.IN_REVIEW,
    "withdraw": Status.PUBLISHED,
}


def tomorrow_local():
    return timezone.localtime() + datetime.timedelta(days=1)


def snapshot(article):
    article = Article.objects.get(pk=article.pk)
    return {
        "status": article.status,
        "title": article.title,
        "version": article.version,
        "publication_at": article.publication_at,
        "transitions": article.transitions.count(),
    }


@pytest.fixture
def world(reporter, other_reporter, editor, staff_user, client_for):
    users = {
        "reporter_own": reporter,
        "reporter_other": other_reporter,
        "editor": editor,
        "anonymous": None,
        "staff_without_role": staff_user,
    }
    return {
        "owner": reporter,
        "users": users,
        "client": lambda role: client_for(users[role]),
        "editor_client": client_for(editor),
        "owner_client": client_for(reporter),
    }


def make_story(world, state):
    extra = {}
    if state == Status.PUBLISHED:
        extra = {"published": True}
    article = factories.story(world["owner"], **extra)
    if state != Status.PUBLISHED:
        Article.objects.filter(pk=article.pk).update(status=state)
        article.refresh_from_db()
    return article


def post_form(client, world, article, **changes):
    """POST the change form as the acting user would send it; the field values are read
    from a form the story's owner or an editor can open."""
    opener = world["editor_client"]
    page = opener.get(change_url(article))
    assert page.status_code == 200
    return client.post(change_url(article), form_data(page, **changes))


# One function per action: do it, return the response.


def do_view_list(client, world, article):
    return client.get(changelist_url())


def do_open_change_form(client, world, article):
    return client.get(change_url(article))


def do_save_edits(client, world, article):
    return post_form(client, world, article, title="Tiêu đề đã sửa")


def do_hand_in(client, world, article):
    return post_form(client, world, article, workflow_action="submit")


def do_return(client, world, article):
    return post_form(
        client, world, article, workflow_action="return", workflow_comment="Thiếu nguồn tin."
    )


def do_publish_now(client, world, article):
    return post_form(client, world, article, workflow_action="publish")


def do_schedule(client, world, article):
    when = tomorrow_local()
    return post_form(
        client,
        world,
        article,
        workflow_action="publish",
        publication_at_0=when.strftime("%d/%m/%Y"),
        publication_at_1=when.strftime("%H:%M:%S"),
    )


def do_withdraw(client, world, article):
    return post_form(
        client, world, article, workflow_action="withdraw", workflow_comment="Nguồn gỡ bài."
    )


def do_bulk_publish_now(client, world, article):
    return client.post(
        changelist_url(), {"action": "publish_now", "_selected_action": [article.pk]}
    )


def do_upload_image(client, world, article):
    return client.post(
        reverse("images:editor-upload"), {"upload": factories.uploaded_image("anh.jpg")}
    )


def do_preview(client, world, article):
    return client.get(reverse("articles:preview", args=[article.pk]))


def do_create_preview_link(client, world, article):
    return client.get(reverse("admin:articles_article_preview_link", args=[article.pk]))


ACTIONS = {name[3:]: fn for name, fn in globals().items() if name.startswith("do_")}


def assert_done(action, response, article, before):
    """The action happened, with the effect it promises."""
    after = snapshot(article)
    if action == "view_list":
        assert response.status_code == 200
        assert article.title in response.content.decode()
    elif action == "open_change_form":
        assert response.status_code == 200
        assert 'name="title"' in response.content.decode()
    elif action == "save_edits":
        assert response.status_code == 302
        assert after["title"] == "Tiêu đề đã sửa"
    elif action == "hand_in":
        assert response.status_code == 302
        assert after["status"] == Status.IN_REVIEW
    elif action == "return":
        assert response.status_code == 302
        assert after["status"] == Status.RETURNED
    elif action in {"publish_now", "bulk_publish_now"}:
        assert response.status_code == 302
        assert after["status"] == Status.PUBLISHED
        assert after["publication_at"] <= timezone.now()
    elif action == "schedule":
        assert response.status_code == 302
        assert after["status"] == Status.PUBLISHED
        assert after["publication_at"] > timezone.now()
    elif action == "withdraw":
        assert response.status_code == 302
        assert after["status"] == Status.WITHDRAWN
    elif action == "upload_image":
        assert response.status_code == 200
        assert "url" in response.json()
    elif action == "preview":
        assert response.status_code == 200
        assert article.title in response.content.decode()
    elif action == "create_preview_link":
        assert response.status_code == 302
        assert response.url == change_url(article)
    if action in {"hand_in", "return", "publish_now", "schedule", "withdraw", "bulk_publish_now"}:
        assert after["transitions"] == before["transitions"] + 1


def assert_refused(action, role, response, article, before):
    """Refused, visibly and harmlessly: the story is exactly as it was."""
    assert response.status_code != 500
    assert snapshot(article) == before
    if action == "preview":
        # A preview answers whoever may not see the story as if it did not exist.
        assert response.status_code == 404
        return
    if role == "anonymous":
        if action == "upload_image":
            assert response.status_code == 403
        else:
            assert response.status_code == 302
            assert reverse("admin:login") in response.url
        return
    if action == "view_list":
        # A reporter gets their own list, without the colleague's story; plain staff nothing.
        if role == "staff_without_role":
            assert response.status_code == 403
        else:
            assert response.status_code == 200
            assert article.title not in response.content.decode()
    elif action == "upload_image":
        assert response.status_code == 403
        assert response.json()["error"]["message"]
        assert not factories.Image.objects.exists()
    elif action == "bulk_publish_now":
        # The action is not offered to them: Django answers with the list, doing nothing.
        assert response.status_code in {200, 302, 403}
    elif action == "open_change_form" and role == "reporter_other":
        # Another reporter's story does not exist for them: back to the admin index.
        assert response.status_code == 302
        assert article.title not in response.content.decode()
    elif role == "reporter_other" and action in {"save_edits", "hand_in"}:
        assert response.status_code in {302, 403}
        if response.status_code == 302:
            assert response.url == reverse("admin:index")
    else:
        assert response.status_code in {302, 403}
        if response.status_code == 302:
            # Only the redirect for "that story does not exist (for you)".
            assert response.url == reverse("admin:index")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ALLOWED))
def test_permission_matrix(world, role, action):
    article = make_story(world, STARTING_STATE.get(action, Status.DRAFT))
    before = snapshot(article)
    response = ACTIONS[action](world["client"](role), world, article)
    if role in ALLOWED[action]:
        assert_done(action, response, article, before)
    else:
        assert_refused(action, role, response, article, before)


def test_matrix_covers_every_action():
    assert set(ACTIONS) == set(ALLOWED)


# Crafted requests


def test_reporter_cannot_publish_by_crafted_post(world):
    article = make_story(world, Status.DRAFT)
    before = snapshot(article)
    page = world["owner_client"].get(change_url(article))
    response = world["owner_client"].post(
        change_url(article), form_data(page, workflow_action="publish")
    )
    assert response.status_code == 403
    assert snapshot(article) == before


@pytest.mark.parametrize("name", ["return", "withdraw", "approve", "publish "])
def test_reporter_cannot_use_other_workflow_actions_by_crafted_post(world, name):
    article = make_story(world, Status.DRAFT)
    before = snapshot(article)
    page = world["owner_client"].get(change_url(article))
    response = world["owner_client"].post(
        change_url(article),
        form_data(page, workflow_action=name, workflow_comment="Tự duyệt."),
    )
    assert response.status_code == 403
    assert snapshot(article) == before


def test_reporter_cannot_publish_a_new_story_by_crafted_post(world):
    client = world["owner_client"]
    page = client.get(factories.add_url())
    data = form_data(page, title="Bài mới tự đăng", workflow_action="publish")
    response = client.post(factories.add_url(), data)
    assert response.status_code == 403
    assert not Article.objects.filter(title="Bài mới tự đăng").exists()


def test_reporter_cannot_set_status_by_posting_a_status_field(world):
    article = make_story(world, Status.DRAFT)
    page = world["owner_client"].get(change_url(article))
    data = form_data(
        page,
        status=Status.PUBLISHED,
        first_published_at="2020-01-01 00:00",
        version="999",
        created_by=str(world["users"]["reporter_other"].pk),
    )
    response = world["owner_client"].post(change_url(article), data)
    # The save itself is the reporter's right; the workflow fields are not form fields.
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert article.first_published_at is None
    assert article.created_by == world["owner"]
    assert not Article.objects.public().exists()


def test_reporter_cannot_schedule_by_posting_a_publication_time(world):
    article = make_story(world, Status.DRAFT)
    page = world["owner_client"].get(change_url(article))
    assert "publication_at_0" not in form_data(page)
    when = tomorrow_local()
    data = form_data(
        page,
        publication_at_0=when.strftime("%d/%m/%Y"),
        publication_at_1="08:00:00",
        featured_on_home="on",
        home_order="1",
    )
    assert world["owner_client"].post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.publication_at is None
    assert article.featured_on_home is False


def authors_of(article):
    return set(Article.objects.get(pk=article.pk).authors.all())


def test_reporter_cannot_make_a_colleague_an_author_by_crafted_post(world):
    article = make_story(world, Status.DRAFT)
    colleague = world["users"]["reporter_other"]
    page = world["owner_client"].get(change_url(article))
    assert "authors" not in form_data(page)
    data = form_data(page, title="Bài đã sửa", authors=[str(colleague.pk)])
    assert world["owner_client"].post(change_url(article), data).status_code == 302
    assert Article.objects.get(pk=article.pk).title == "Bài đã sửa"
    assert authors_of(article) == {world["owner"]}
    # Nor can the colleague now open the draft.
    assert world["client"]("reporter_other").get(change_url(article)).status_code == 302


def test_reporter_cannot_credit_a_new_story_to_a_colleague_by_crafted_post(world):
    client = world["owner_client"]
    colleague = world["users"]["reporter_other"]
    page = client.get(factories.add_url())
    data = form_data(page, title="Bài của tôi", authors=[str(colleague.pk)], byline="Nhóm PV")
    assert client.post(factories.add_url(), data).status_code == 302
    assert authors_of(Article.objects.get(title="Bài của tôi")) == {world["owner"]}


def test_reporter_sees_who_sets_the_authors(world):
    page = world["owner_client"].get(factories.add_url()).content.decode()
    assert "ask the desk" in page or "nhờ ban biên tập" in page


def test_editor_sets_a_storys_authors(world):
    article = make_story(world, Status.IN_REVIEW)
    colleague = world["users"]["reporter_other"]
    ids = [str(world["owner"].pk), str(colleague.pk)]
    page = world["editor_client"].get(change_url(article))
    data = form_data(page, authors=ids)
    assert world["editor_client"].post(change_url(article), data).status_code == 302
    assert authors_of(article) == {world["owner"], colleague}


def test_reporter_cannot_edit_another_reporters_story_by_its_url(world):
    article = make_story(world, Status.DRAFT)
    before = snapshot(article)
    intruder = world["client"]("reporter_other")
    editor_page = world["editor_client"].get(change_url(article))
    response = intruder.post(change_url(article), form_data(editor_page, title="Bị sửa trộm"))
    assert response.status_code in {302, 403}
    assert snapshot(article) == before
    # Not even the title leaks through a redirect target or message.
    assert "Bị sửa trộm" not in intruder.get(reverse("admin:index")).content.decode()


def test_reporter_can_see_but_not_edit_own_story_once_in_review(world):
    article = make_story(world, Status.DRAFT)
    client = world["owner_client"]
    page = client.get(change_url(article))
    client.post(change_url(article), form_data(page, workflow_action="submit"))
    assert snapshot(article)["status"] == Status.IN_REVIEW
    before = snapshot(article)

    read_only = client.get(change_url(article))
    assert read_only.status_code == 200
    assert 'name="title"' not in read_only.content.decode()
    response = client.post(change_url(article), form_data(page, title="Sửa lén sau khi nộp"))
    assert response.status_code == 403
    assert snapshot(article) == before


def test_reporter_can_edit_a_returned_story_and_hand_it_in_again(world):
    article = make_story(world, Status.RETURNED)
    client = world["owner_client"]
    page = client.get(change_url(article))
    response = client.post(
        change_url(article), form_data(page, title="Đã bổ sung nguồn", workflow_action="submit")
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.status) == ("Đã bổ sung nguồn", Status.IN_REVIEW)


def test_reporter_cannot_publish_with_the_bulk_action(world):
    article = make_story(world, Status.IN_REVIEW)
    before = snapshot(article)
    client = world["owner_client"]
    page = client.get(changelist_url())
    assert 'value="publish_now"' not in page.content.decode()
    response = client.post(
        changelist_url(), {"action": "publish_now", "_selected_action": [article.pk], "index": 0}
    )
    assert response.status_code != 500
    assert snapshot(article) == before
    assert not ArticleTransition.objects.exists()


def test_bulk_publish_reports_the_stories_it_could_not_publish(world):
    ready = make_story(world, Status.IN_REVIEW)
    missing_lead = make_story(world, Status.IN_REVIEW)
    Article.objects.filter(pk=missing_lead.pk).update(lead="")
    missing_lead.refresh_from_db()
    response = world["editor_client"].post(
        changelist_url(),
        {"action": "publish_now", "_selected_action": [ready.pk, missing_lead.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert snapshot(ready)["status"] == Status.PUBLISHED
    assert snapshot(missing_lead)["status"] == Status.IN_REVIEW
    messages = [str(m) for m in response.context["messages"]]
    lead_missing = factories.in_vietnamese(
        checks.problem_list(checks.publication_problems(missing_lead))[0]
    )
    assert any(missing_lead.title in m and lead_missing in m for m in messages), messages


def test_staff_without_role_sees_no_story_anywhere(world):
    article = make_story(world, Status.PUBLISHED)
    client = world["client"]("staff_without_role")
    assert client.get(changelist_url()).status_code == 403
    assert client.get(change_url(article)).status_code == 403
    assert article.title not in client.get(reverse("admin:index")).content.decode()
