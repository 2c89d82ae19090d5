""" "Insert from library" in the editor: the library's photos, newest first, a page at a
time, with thumbnails, found by caption, credit or a story's tag without typing accents;
for the newsroom's staff only."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from images.models import Image
from images.views import LIBRARY_PAGE_SIZE
from tests import factories
from tests.images import pictures

LIBRARY = reverse("images:library")


def library_photo(uploaded_at=None, **fields):
    image = Image(file=pictures.upload(pictures.photo()), **fields)
    if uploaded_at:
        image.uploaded_at = uploaded_at
    image.save()
    return image


def browse(client, **params):
    response = client.get(LIBRARY, params)
    assert response.status_code == 200, response.content
    return response.json()


def captions(answer):
    return [item["caption"] for item in answer["results"]]


def test_the_address_is_in_the_admin(db):
    assert LIBRARY == "/quan-tri/anh/thu-vien/"


def test_newest_first_with_what_the_dialog_shows_and_inserts(reporter_client):
    now = timezone.now()
    library_photo(caption="Cũ", uploaded_at=now - datetime.timedelta(days=2))
    newest = library_photo(
        caption="Mới", credit="Ảnh: Minh Anh", alt_text="Cầu Long Biên", uploaded_at=now
    )

    answer = browse(reporter_client)

    assert captions(answer) == ["Mới", "Cũ"]
    item = answer["results"][0]
    assert item["id"] == newest.pk
    assert (item["credit"], item["alt"]) == ("Ảnh: Minh Anh", "Cầu Long Biên")
    assert "/renditions/" in item["thumbnail"] and item["thumbnail"].endswith(".webp")
    assert item["url"].endswith(".jpg") and "/renditions/" in item["url"]
    assert (item["width"], item["height"]) == (64, 48)
    assert item["uploaded_at"].endswith("(GMT+7)")


@pytest.mark.parametrize(
    "typed",
    ["hoi nghi", "Hội nghị", "HOI NGHI", "minh anh", "Minh Ánh", "dai bieu"],
)
def test_search_finds_caption_credit_or_alt_text_without_accents(reporter_client, typed):
    library_photo(caption="Hội nghị Trung ương", credit="Ảnh: Minh Anh", alt_text="Đại biểu")
    library_photo(caption="Bão số 3", credit="TTXVN")

    assert captions(browse(reporter_client, q=typed)) == ["Hội nghị Trung ương"]


def test_search_finds_photos_of_stories_with_a_tag(reporter_client):
    flood = library_photo(caption="Nước dâng")
    library_photo(caption="Phố đi bộ")
    article = factories.ArticleFactory(featured_image=flood)
    article.tags.add(Tag.objects.create(name="Đà Nẵng", slug="da-nang"))

    assert captions(browse(reporter_client, q="da nang")) == ["Nước dâng"]
    assert captions(browse(reporter_client, q="Đà Nẵng nước")) == ["Nước dâng"]


def test_every_word_must_match(reporter_client):
    library_photo(caption="Hội nghị Trung ương")
    assert browse(reporter_client, q="hoi nghi bao")["results"] == []


def test_a_page_at_a_time(reporter_client):
    now = timezone.now()
    for n in range(LIBRARY_PAGE_SIZE + 3):
        library_photo(caption=f"Ảnh {n}", uploaded_at=now - datetime.timedelta(minutes=n))

    first = browse(reporter_client)
    second = browse(reporter_client, page=2)

    assert (first["count"], first["pages"], first["page"]) == (LIBRARY_PAGE_SIZE + 3, 2, 1)
    assert captions(first)[0] == "Ảnh 0" and len(first["results"]) == LIBRARY_PAGE_SIZE
    assert captions(second) == [f"Ảnh {n}" for n in range(LIBRARY_PAGE_SIZE, LIBRARY_PAGE_SIZE + 3)]


@pytest.mark.parametrize("page", ["x", "-1", "0", "99", "1" * 40, "2.5"])
def test_a_page_that_is_not_one_gives_the_nearest_page(reporter_client, page):
    library_photo(caption="Một")
    assert browse(reporter_client, page=page)["results"]


@pytest.mark.parametrize("typed", ["\x01\x1f", "%", "_", "'; drop table", "ả" * 5000])
def test_odd_searches_find_nothing_rather_than_fail(reporter_client, typed):
    library_photo(caption="Một")
    assert browse(reporter_client, q=typed + " x")["results"] == []


@pytest.mark.parametrize("typed", ["\x00", "hội\x00nghị"])
def test_a_nul_is_refused_before_the_library_is_asked(reporter_client, typed):
    assert reporter_client.get(LIBRARY, {"q": typed}).status_code == 400


def test_each_page_costs_the_same_queries_however_many_photos(reporter_client):
    def queries_for_a_page():
        browse(reporter_client, q="anh")  # the content types, read once per process
        with CaptureQueriesContext(connection) as queries:
            assert browse(reporter_client, q="anh")["results"]
        return len(queries)

    library_photo(caption="Ảnh đầu")
    few = queries_for_a_page()
    for n in range(LIBRARY_PAGE_SIZE + 1):
        library_photo(caption=f"Ảnh {n}")
    assert queries_for_a_page() == few


@pytest.mark.parametrize("who", ["anonymous", "not staff", "staff without a role", "inactive"])
def test_the_library_is_for_the_newsroom_only(client_for, staff_user, who):
    library_photo(caption="Ảnh riêng")
    user = {
        "anonymous": None,
        "not staff": factories.UserFactory(username="docgia", is_staff=False),
        "staff without a role": staff_user,
        "inactive": factories.reporter(username="danghi", is_active=False),
    }[who]

    response = client_for(user).get(LIBRARY)

    assert response.status_code in (302, 403)
    assert "Ảnh riêng" not in response.content.decode()


def test_the_library_only_answers_get(reporter_client):
    assert reporter_client.post(LIBRARY).status_code == 405
