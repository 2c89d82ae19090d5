"""Links to the old WordPress site keep working: a story's old permalink, and WordPress's
``/?p=123``, answer with a 301 to the story here, with the caches off and on. Only public
stories are answered; an ordinary page never asks for old addresses."""

import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from wordpress.models import ImportedItem, Kind, OldAddress

from .conftest import import_export
from .test_import import story_of

pytestmark = pytest.mark.usefixtures("reader_caches")


@pytest.fixture
def moved(small_export, db):
    factories.newsroom_settings()
    export = small_export(25)
    import_export(export)
    return export


def old_path(post):
    return post.link.removeprefix("https://baocu.example.vn")


def published(export, plain_slug=True):
    return next(
        p
        for p in export.having(status="publish", password="")
        if ("%" not in p.slug) is plain_slug and ImportedItem.objects.filter(key=str(p.wp_id))
    )


def lookups(queries):
    return [q for q in queries if "wordpress_oldaddress" in q["sql"]]


def test_an_old_permalink_leads_to_the_story(client, moved):
    post = published(moved)
    response = client.get(old_path(post))
    assert response.status_code == 301
    assert response["Location"] == story_of(post).get_absolute_url()
    assert client.get(response["Location"]).status_code == 200


def test_wordpress_short_address_leads_to_the_story(client, moved):
    post = published(moved)
    response = client.get("/", {"p": post.wp_id})
    assert response.status_code == 301
    assert response["Location"] == story_of(post).get_absolute_url()


def test_an_old_address_typed_without_its_slash_gets_there(client, moved):
    post = published(moved)
    response = client.get(old_path(post).rstrip("/"), follow=True)
    assert response.redirect_chain[-1] == (story_of(post).get_absolute_url(), 301)
    assert response.status_code == 200


def test_a_percent_encoded_permalink_leads_to_the_story(client, moved):
    post = published(moved, plain_slug=False)
    assert "%" in old_path(post)
    response = client.get(old_path(post))
    assert response.status_code == 301
    assert response["Location"] == story_of(post).get_absolute_url()


@pytest.mark.parametrize("status", ["future", "draft", "pending"])
def test_an_unpublished_storys_old_address_leads_nowhere(client, moved, status):
    post = next(p for p in moved.having(status=status))
    assert OldAddress.objects.filter(article=story_of(post)).exists()
    if not old_path(post).startswith("/?p="):  # a scheduled post's permalink
        assert client.get(old_path(post)).status_code == 404
    # WordPress's short address is the home page's address: the home page, no hint.
    response = client.get("/", {"p": post.wp_id})
    assert response.status_code == 200 and "Location" not in response


def test_a_withdrawn_storys_old_address_is_not_found(client, moved):
    post = published(moved)
    story = story_of(post)
    story.status = "withdrawn"
    story.save()
    assert client.get(old_path(post)).status_code == 404


def test_ordinary_pages_never_look_up_old_addresses(client, moved):
    story = story_of(published(moved))
    for address in ("/", story.get_absolute_url(), story.section.get_absolute_url()):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(address).status_code == 200
        assert not lookups(queries.captured_queries), address
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/khong-co-trang-nay/").status_code == 404
    assert len(lookups(queries.captured_queries)) == 1


def test_only_reading_is_redirected(client, admin_client, moved):
    post = published(moved)
    assert client.post(old_path(post)).status_code != 301
    with CaptureQueriesContext(connection) as queries:
        # The newsroom's own pages never lead to a story, even when they are not found.
        assert admin_client.get("/quan-tri/khong-co/").status_code == 404
    assert not lookups(queries.captured_queries)


def test_a_short_address_is_looked_up_at_the_root_only(client, moved):
    story = story_of(published(moved))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(story.get_absolute_url(), {"p": "5"}).status_code == 200
    assert not lookups(queries.captured_queries)


def test_old_addresses_are_kept_per_story(moved):
    post = published(moved)
    assert set(
        OldAddress.objects.filter(article=story_of(post)).values_list("path", flat=True)
    ) == {old_path(post).rstrip("/"), f"/?p={post.wp_id}"}
    assert (
        ImportedItem.objects.filter(kind=Kind.POST).count()
        == OldAddress.objects.filter(path__startswith="/?p=").count()
    )


def test_an_administrator_finds_where_an_old_address_leads(admin_client, moved):
    post = published(moved)
    response = admin_client.get(
        "/quan-tri/wordpress/oldaddress/", {"q": old_path(post).rstrip("/")}
    )
    assert response.status_code == 200
    assert html.escape(story_of(post).title) in response.content.decode()
