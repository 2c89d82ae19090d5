"""Pages of a section, a tag and an author are found by walking ids (ArticleQuerySet.window,
with the sections' ranges merged on PostgreSQL): every ``?page=N`` address lists exactly
the stories the plain newest-first list has at those places, ties in publication time
included, every story once; past the last page is not found."""

import datetime
import re

import pytest
from django.utils import timezone

from articles import views
from articles.models import Article
from tests.site.conftest import story

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_settings")]

PER_PAGE = views.PER_PAGE


@pytest.fixture
def stories(author, parent_section, child_section, other_section):
    """80 public stories over a parent section, its child and another section, many
    published at the very same second, with a tag and an author."""
    now = timezone.now().replace(microsecond=0)
    made = []
    for n in range(80):
        made.append(
            story(
                title=f"Tin số {n:02d}",
                section=[parent_section, child_section, other_section][n % 3],
                at=now - datetime.timedelta(hours=n // 4),  # four stories per second
                tags=["Giao thông"] if n % 2 else [],
                authors=[author] if n % 3 != 2 else [],
            )
        )
    story("draft", title="Tin số nháp", section=child_section, tags=["Giao thông"])
    return made


def listed(client, address):
    response = client.get(address)
    assert response.status_code == 200, address
    return re.findall(r"Tin số \d\d|Tin số nháp", response.content.decode().split("<main", 1)[1])


def expected(queryset):
    return [s.title for s in queryset.latest_first()]


@pytest.mark.parametrize("fragments_on", [False, True])
@pytest.mark.parametrize(
    ("address", "stories_of"),
    [
        ("/khoa-hoc/", lambda a: a.filter(section__slug__in=["khoa-hoc", "cong-nghe"])),
        ("/khoa-hoc/cong-nghe/", lambda a: a.filter(section__slug="cong-nghe")),
        ("/tag/giao-thong/", lambda a: a.filter(tags__slug="giao-thong")),
        ("/tac-gia/thanhtung/", lambda a: a.filter(authors__username="thanhtung")),
    ],
)
def test_every_page_lists_the_stories_at_its_places_each_once(
    client, settings, stories, address, stories_of, fragments_on, fragment_cache
):
    settings.FRAGMENT_CACHE = fragments_on
    everything = expected(stories_of(Article.objects.public()))
    pages = -(-len(everything) // PER_PAGE)
    assert pages >= 2

    shown = [listed(client, f"{address}?page={number}") for number in range(1, pages + 1)]

    assert [title for page in shown for title in page[:PER_PAGE]] == everything
    for number, page in enumerate(shown):
        assert page[:PER_PAGE] == everything[number * PER_PAGE : (number + 1) * PER_PAGE]
    assert client.get(f"{address}?page={pages + 1}").status_code == 404
    assert client.get(f"{address}?page=0").status_code == 404
    assert client.get(f"{address}?page=two").status_code == 404


def test_page_1_is_the_address_without_a_page_number(client, stories):
    assert listed(client, "/khoa-hoc/") == listed(client, "/khoa-hoc/?page=1")


def test_a_tag_list_counts_and_pages_up_to_its_cap(client, stories, monkeypatch):
    monkeypatch.setattr(views, "TAG_COUNT_CAP", PER_PAGE + 3)
    tagged = expected(Article.objects.public().filter(tags__slug="giao-thong"))
    assert len(tagged) > PER_PAGE + 3

    second = listed(client, "/tag/giao-thong/?page=2")

    assert second[:3] == tagged[PER_PAGE : PER_PAGE + 3]
    assert client.get("/tag/giao-thong/?page=3").status_code == 404
