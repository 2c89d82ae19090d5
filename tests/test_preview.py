"""Previews: staff see any story as readers will, in any state; an editor's signed link
shows an unpublished story to someone without an account until it expires. Preview pages
are never cached and never indexed. Anyone who may not see a story gets the 404 a missing
story gets: no answer tells that a story with that id exists."""

import datetime
import re

import pytest
import time_machine
from django.conf import settings
from django.core import signing
from django.urls import reverse

from articles import preview as preview_links
from articles.models import Article, Status
from tests import factories
from tests.factories import change_url

STATES = [Status.DRAFT, Status.IN_REVIEW, Status.RETURNED, Status.WITHDRAWN, "scheduled"]


def story_in(state, author):
    article = factories.story(author, title="Bài <chưa> đăng & “bí mật”")
    if state == "scheduled":
        update = {
            "status": Status.PUBLISHED,
            "publication_at": datetime.datetime(2099, 1, 1, tzinfo=datetime.UTC),
        }
    else:
        update = {"status": state}
    Article.objects.filter(pk=article.pk).update(**update)
    article.refresh_from_db()
    return article


def assert_private_preview(response, article):
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bài &lt;chưa&gt; đăng &amp; “bí mật”" in html
    assert re.search(r'<meta name="robots" content="[^"]*noindex', html)
    assert "noindex" in response["X-Robots-Tag"]
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-cache", "no-store", "private"} <= cache_control


def preview_url(article):
    return reverse("articles:preview", args=[article.pk])


@pytest.mark.parametrize("state", STATES)
def test_editor_previews_a_story_in_any_state(editor_client, reporter, state):
    article = story_in(state, reporter)
    assert_private_preview(editor_client.get(preview_url(article)), article)


@pytest.mark.parametrize("state", [Status.DRAFT, Status.IN_REVIEW, Status.RETURNED])
def test_reporter_previews_own_story(reporter_client, reporter, state):
    article = story_in(state, reporter)
    assert_private_preview(reporter_client.get(preview_url(article)), article)


def test_reporter_cannot_preview_a_colleagues_story(reporter_client, other_reporter):
    article = story_in(Status.IN_REVIEW, other_reporter)
    response = reporter_client.get(preview_url(article))
    missing = reporter_client.get(reverse("articles:preview", args=[article.pk + 1000]))
    assert response.status_code == missing.status_code == 404
    assert "bí mật" not in response.content.decode()


def test_anonymous_visitor_cannot_tell_a_story_exists(client, reporter):
    article = story_in(Status.DRAFT, reporter)
    response = client.get(preview_url(article))
    missing = client.get(reverse("articles:preview", args=[article.pk + 1000]))
    assert response.status_code == missing.status_code == 404
    # The same page, but for the address it offers to come back to after logging in.
    assert re.sub(rb"next=[^\"]*", b"", response.content) == re.sub(
        rb"next=[^\"]*", b"", missing.content
    )
    assert "bí mật" not in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_a_logged_out_editor_gets_a_way_to_log_in(client, editor, reporter):
    article = story_in(Status.DRAFT, reporter)
    page = client.get(preview_url(article)).content.decode()
    login = re.search(r'href="(/quan-tri/login/\?next=[^"]+)"', page).group(1)
    editor.set_password("Bút-chì xanh của tòa soạn")
    editor.save()
    response = client.post(
        login.replace("&amp;", "&"),
        {"username": "bientap", "password": "Bút-chì xanh của tòa soạn"},
    )
    assert response.status_code == 302
    assert response.url == preview_url(article)
    assert_private_preview(client.get(response.url), article)


def test_a_reader_with_a_non_staff_account_gets_404(client, reporter):
    reader = factories.UserFactory(username="bandoc", is_staff=False)
    client.force_login(reader)
    assert client.get(preview_url(story_in(Status.DRAFT, reporter))).status_code == 404


def test_preview_of_a_missing_story_is_404(editor_client):
    assert editor_client.get(reverse("articles:preview", args=[987654])).status_code == 404


# Signed links


def create_link(editor_client, article):
    response = editor_client.get(
        reverse("admin:articles_article_preview_link", args=[article.pk]), follow=True
    )
    assert response.redirect_chain[-1][0] == change_url(article)
    messages = [str(m) for m in response.context["messages"]]
    urls = [u for m in messages for u in re.findall(r"value='([^']+)'", m)]
    assert len(urls) == 1, messages
    assert urls[0].startswith("http://testserver/")
    return urls[0].removeprefix("http://testserver")


def test_editor_creates_a_link_that_works_without_an_account(editor_client, reporter, client):
    article = story_in(Status.IN_REVIEW, reporter)
    url = create_link(editor_client, article)
    assert_private_preview(client.get(url), article)
    # The link shows the story; it does not make it public.
    assert not Article.objects.public().exists()
    assert client.get(article.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("method", ["trace", "options", "post", "put", "delete"])
def test_previews_answer_get_and_head_only(editor_client, reporter, client, method):
    article = story_in(Status.IN_REVIEW, reporter)
    link = create_link(editor_client, article)
    staff_preview = reverse("articles:preview", args=[article.pk])

    for asker, url in ((client, link), (editor_client, staff_preview)):
        response = getattr(asker, method)(url)
        assert response.status_code == 405, url
        assert article.title not in response.content.decode()
        assert asker.head(url).status_code == 200


def test_the_link_shows_the_latest_edits(editor_client, reporter, client):
    article = story_in(Status.IN_REVIEW, reporter)
    url = create_link(editor_client, article)
    article.lead = "Sapo đã sửa sau khi gửi liên kết."
    article.save()
    assert "Sapo đã sửa sau khi gửi liên kết." in client.get(url).content.decode()


def test_the_link_expires(editor_client, reporter, client):
    article = story_in(Status.DRAFT, reporter)
    created = datetime.datetime(2026, 4, 1, 9, 0, tzinfo=datetime.UTC)
    max_age = datetime.timedelta(seconds=settings.PREVIEW_LINK_MAX_AGE)
    with time_machine.travel(created, tick=False):
        url = create_link(editor_client, article)
    with time_machine.travel(created + max_age - datetime.timedelta(seconds=1), tick=False):
        assert client.get(url).status_code == 200
    with time_machine.travel(created + max_age + datetime.timedelta(seconds=1), tick=False):
        response = client.get(url)
        # 404, as for a link that never was: 410 would say the story once had one.
        assert response.status_code == 404
        assert "bí mật" not in response.content.decode()
        assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # signature
        lambda token: "999:" + token.split(":", 1)[1],  # another story's id
        lambda token: token.split(":", 1)[0],  # no signature at all
        lambda token: signing.dumps("1"),  # signed, but not a preview link
        lambda token: "%3Cscript%3E",
    ],
    ids=["signature", "story-id", "unsigned", "other-salt", "garbage"],
)
def test_a_tampered_link_shows_nothing(editor_client, reporter, client, tamper):
    article = story_in(Status.DRAFT, reporter)
    token = create_link(editor_client, article).rstrip("/").rsplit("/", 1)[-1]
    response = client.get(reverse("articles:signed-preview", kwargs={"token": tamper(token)}))
    assert response.status_code == 404
    assert "bí mật" not in response.content.decode()


def test_a_link_to_a_deleted_story_is_404(reporter, client):
    article = story_in(Status.DRAFT, reporter)
    url = preview_links.signed_preview_url(article)
    article.delete()
    assert client.get(url).status_code == 404


def test_reporter_cannot_create_a_preview_link(reporter_client, reporter):
    article = story_in(Status.DRAFT, reporter)
    link_view = reverse("admin:articles_article_preview_link", args=[article.pk])
    assert reporter_client.get(link_view).status_code == 403
    assert link_view not in reporter_client.get(change_url(article)).content.decode()
