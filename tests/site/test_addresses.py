"""Addresses are part of the product: every reader-facing URL answers as specified, old
slugs redirect for good, and nothing unpublished has an address."""

import pytest
from django.urls import resolve
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from articles import views
from tests import factories

from .conftest import UNPUBLISHED_STATES, story

pytestmark = pytest.mark.django_db


def test_story_answers_at_slug_dash_id_dot_html(client, parent_section):
    article = story(title="Đại hội Đảng lần thứ XIII", section=parent_section)

    response = client.get(f"/dai-hoi-dang-lan-thu-xiii-{article.pk}.html")

    assert article.get_absolute_url() == f"/dai-hoi-dang-lan-thu-xiii-{article.pk}.html"
    assertContains(response, "Đại hội Đảng lần thứ XIII")


@pytest.mark.parametrize("old_slug", ["ten-cu-cua-bai", "dai-hoi", "x"])
def test_any_other_slug_with_the_id_redirects_permanently(client, old_slug):
    article = story(title="Đại hội Đảng lần thứ XIII")

    response = client.get(f"/{old_slug}-{article.pk}.html")

    assertRedirects(response, article.get_absolute_url(), status_code=301)


def test_retitled_story_keeps_its_old_address_working(client):
    article = story(title="Tiêu đề ban đầu")
    old_url = article.get_absolute_url()
    article.title = "Tiêu đề đã sửa"
    article.save()

    assertRedirects(client.get(old_url), f"/tieu-de-da-sua-{article.pk}.html", status_code=301)


def test_unknown_id_is_not_found(client):
    assert client.get("/bai-khong-co-999999.html").status_code == 404


@pytest.mark.parametrize("state", UNPUBLISHED_STATES)
def test_unpublished_story_is_not_found_at_either_address(client, state):
    article = story(state)

    assert client.get(article.get_absolute_url()).status_code == 404
    assert client.get(f"/slug-khac-{article.pk}.html").status_code == 404


def test_home_answers(client, site_settings):
    story(title="Tin trang nhất")

    assertContains(client.get("/"), "Tin trang nhất")


def test_section_lists_its_stories_newest_first(client, parent_section):
    story(title="Tin cũ hơn", section=parent_section, hours_ago=5)
    story(title="Tin mới hơn", section=parent_section, hours_ago=1)

    content = client.get("/khoa-hoc/").content.decode()

    assert content.index("Tin mới hơn") < content.index("Tin cũ hơn")


def test_parent_section_includes_its_childrens_stories(client, parent_section, child_section):
    story(title="Tin của mục con", section=child_section)
    story(title="Tin của mục khác", section=factories.SectionFactory(slug="khac"))

    response = client.get("/khoa-hoc/")

    assertContains(response, "Tin của mục con")
    assertNotContains(response, "Tin của mục khác")


def test_child_section_lives_under_its_parents_address(client, parent_section, child_section):
    story(title="Tin của mục con", section=child_section)

    assert child_section.get_absolute_url() == "/khoa-hoc/cong-nghe/"
    assertContains(client.get("/khoa-hoc/cong-nghe/"), "Tin của mục con")
    assertRedirects(client.get("/cong-nghe/"), "/khoa-hoc/cong-nghe/", status_code=301)


@pytest.mark.parametrize("path", ["/khong-co-muc-nay/", "/khoa-hoc/khong-co/", "/an-di/"])
def test_unknown_or_inactive_section_is_not_found(client, parent_section, path):
    factories.SectionFactory(name="Ẩn đi", slug="an-di", is_active=False)

    assert client.get(path).status_code == 404


def test_section_pages_hold_twenty_stories_each(client, parent_section):
    for hours in range(1, 23):
        story(title=f"Tin thứ {hours:02d}", section=parent_section, hours_ago=hours)

    first, second = client.get("/khoa-hoc/"), client.get("/khoa-hoc/?page=2")

    assertContains(first, "Tin thứ 01")
    assertNotContains(first, "Tin thứ 21")
    assertContains(first, 'href="?page=2"')
    assertContains(second, "Tin thứ 21")
    assertContains(second, "Tin thứ 22")
    assertNotContains(second, "Tin thứ 01")


@pytest.mark.parametrize("page", ["", "1"])
def test_empty_or_first_page_parameter_gives_the_first_page(client, parent_section, page):
    story(title="Tin duy nhất", section=parent_section)

    assertContains(client.get(f"/khoa-hoc/?page={page}"), "Tin duy nhất")


@pytest.mark.parametrize(
    # (NUL gets a 400 before any view: tests/test_hostile_input.py.)
    "page",
    ["0", "-1", "2", "abc", "1.5", "1e3", "9" * 40, "'%20OR%201=1", "[]"],
)
def test_bad_page_numbers_are_not_found_never_an_error(client, parent_section, page):
    story(section=parent_section)

    assert client.get(f"/khoa-hoc/?page={page}").status_code == 404


def test_section_with_no_public_story_still_answers(client, parent_section):
    story("draft", title="Bản nháp", section=parent_section)

    response = client.get("/khoa-hoc/")

    assert response.status_code == 200
    assertNotContains(response, "Bản nháp")


def test_tag_page_lists_the_public_stories_with_that_tag(client):
    story(title="Tin có thẻ", tags=["Giao thông"])
    story(title="Tin không thẻ")
    slug = story(tags=["Giao thông"]).tags.get().slug

    response = client.get(f"/tag/{slug}/")

    assertContains(response, "Tin có thẻ")
    assertNotContains(response, "Tin không thẻ")


def test_tag_used_only_by_unpublished_stories_is_not_found(client):
    slug = story("draft", tags=["Tin mật"]).tags.get().slug

    assert client.get(f"/tag/{slug}/").status_code == 404
    assert client.get("/tag/khong-co-the-nay/").status_code == 404


def test_author_page_lists_the_authors_public_stories(client, author):
    story(title="Bài của Tùng", authors=[author])
    story("draft", title="Nháp của Tùng", authors=[author])
    story(title="Bài của người khác")

    response = client.get("/tac-gia/thanhtung/")

    assertContains(response, "Thanh Tùng")
    assertContains(response, "Bài của Tùng")
    assertNotContains(response, "Nháp của Tùng")
    assertNotContains(response, "Bài của người khác")


def test_author_without_public_stories_or_not_staff_is_not_found(client, author):
    story("in_review", authors=[author])
    outsider = factories.UserFactory(username="docgia", is_staff=False)
    story(authors=[outsider])

    assert client.get("/tac-gia/thanhtung/").status_code == 404
    assert client.get("/tac-gia/docgia/").status_code == 404
    assert client.get("/tac-gia/khong-ai/").status_code == 404


@pytest.mark.parametrize(
    ("path", "view"),
    [
        ("/tag/giao-thong/", views.tag),
        ("/tag/giao-thông/", views.tag),
        ("/tac-gia/thanhtung/", views.author),
        ("/tac-gia/ho.ten+1@toa-soan/", views.author),
        ("/api/doc/12/", views.count_view),
        ("/xem-truoc/12/", views.preview),
        ("/", views.home),
        ("/thoi-su/", views.section),
        ("/thoi-su/trong-nuoc/", views.section),
    ],
)
def test_fixed_addresses_are_matched_before_the_section_catch_all(path, view):
    assert resolve(path).func is view


@pytest.mark.parametrize("path", ["/quan-tri/", "/quan-tri/articles/article/"])
def test_admin_addresses_are_not_taken_for_sections(path):
    assert resolve(path).func is not views.section


def test_every_slug_a_slugfield_accepts_has_an_address(client, site_settings):
    section = factories.SectionFactory(name="Tin nhanh", slug="Tin_Nhanh")
    article = story(title="Dự án A_B về đích", section=section)

    assert article.slug == "du-an-a_b-ve-dich"
    assert client.get("/").status_code == 200
    assert client.get(article.get_absolute_url()).status_code == 200
    assert client.get("/Tin_Nhanh/").status_code == 200
