"""With a read replica configured, anonymous readers' pages read from it; writes, reads
after a write, and everything the newsroom does go to the primary. The replica here is
the test database under a second alias (``TEST: {"MIRROR": "default"}``): each alias has
its own connection, whose queries are logged separately."""

import contextlib

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext, override_settings

from articles.models import Article
from newsroom.db_router import PrimaryReplicaRouter, reader_request
from newsroom.models import SiteSettings
from sections.models import Section
from tests import factories

from .conftest import story

ROUTED = override_settings(DATABASE_ROUTERS=["newsroom.db_router.PrimaryReplicaRouter"])
pytestmark = [
    # Committed data: the replica's connection cannot see another's open transaction.
    pytest.mark.django_db(transaction=True, databases=["default", "replica"]),
]


@contextlib.contextmanager
def queries():
    """``(primary, replica)``: the queries each connection ran inside the block."""
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        yield primary, replica


@pytest.fixture
def routed():
    with ROUTED:
        yield


# Accounts without the role groups: a transactional test empties the database after it
# runs, the groups the migrations made included.
@pytest.fixture
def author():
    return factories.UserFactory(username="thanhtung", first_name="Thanh", last_name="Tùng")


@pytest.fixture
def editor_client(client):
    client.force_login(factories.UserFactory(username="tongbientap", is_superuser=True))
    return client


@pytest.fixture
def article(section, author):
    SiteSettings.load()  # made once, as on a running site
    return story(title="Mưa lớn ở Hà Nội", section=section, tags=["Thời tiết"], authors=[author])


@pytest.mark.parametrize(
    "path", ["/", "/thoi-su/", "/tag/thoi-tiet/", "/tac-gia/thanhtung/", "/rss/", "story"]
)
def test_a_readers_page_reads_from_the_replica(routed, reader, article, path):
    path = article.get_absolute_url() if path == "story" else path
    with queries() as (primary, replica):
        response = reader.get(path)
    assert response.status_code == 200
    assert "Mưa lớn ở Hà Nội" in response.content.decode()
    assert len(replica) > 0
    assert primary.captured_queries == []


def test_an_editors_pages_and_the_admin_use_the_primary(routed, editor_client, article):
    with queries() as (primary, replica):
        assert editor_client.get("/").status_code == 200
        assert editor_client.get(f"/xem-truoc/{article.pk}/").status_code == 200
        assert editor_client.get("/quan-tri/articles/article/").status_code == 200
    assert len(primary) > 0
    assert replica.captured_queries == []


def test_the_view_count_beacon_writes_and_reads_on_the_primary(routed, reader, article):
    with queries() as (primary, replica):
        response = reader.post(
            f"/api/doc/{article.pk}/",
            HTTP_USER_AGENT="Mozilla/5.0",
            HTTP_ORIGIN="http://testserver",
        )
    assert response.status_code == 204
    assert replica.captured_queries == []
    assert any("INSERT" in q["sql"] or "UPDATE" in q["sql"] for q in primary.captured_queries)


def test_reads_after_a_write_stay_on_the_primary(routed, article):
    with reader_request(), queries() as (primary, replica):
        Section.objects.count()
        assert (len(primary), len(replica)) == (0, 1)
        Section.objects.create(name="Giải trí", slug="giai-tri")
        Article.objects.count()
        Section.objects.count()
    assert len(replica) == 1
    assert len(primary) >= 3


def test_outside_a_readers_request_everything_uses_the_primary(routed, article):
    with queries() as (primary, replica):
        Article.objects.public().count()
    assert (len(primary), len(replica)) == (1, 0)


def test_without_a_replica_reads_stay_on_the_primary(settings, article):
    databases = {k: v for k, v in settings.DATABASES.items() if k != "replica"}
    with override_settings(DATABASES=databases), reader_request():
        assert PrimaryReplicaRouter().db_for_read(Article) is None


def test_the_replica_is_never_migrated():
    router = PrimaryReplicaRouter()
    assert router.allow_migrate("default", "articles")
    assert not router.allow_migrate("replica", "articles")
