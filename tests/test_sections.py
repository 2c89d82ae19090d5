"""Sections: addresses that cannot collide with the site's own, and protection of stories."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import URLResolver, get_resolver

from sections.models import RESERVED_TOP_LEVEL, Section
from tests import factories


@pytest.mark.parametrize("name", ["Tag", "Tìm kiếm", "Tác giả", "RSS", "API", "Quản trị"])
def test_a_top_level_section_cannot_take_an_address_the_site_uses(db, name):
    with pytest.raises(ValidationError) as refused:
        Section(name=name).full_clean()
    assert "name" in refused.value.message_dict


def _first_segments(patterns):
    for pattern in patterns:
        route = str(pattern.pattern).lstrip("^")
        first = re.match(r"[-a-z0-9_.]+", route)
        if isinstance(pattern, URLResolver) and not route:
            yield from _first_segments(pattern.url_patterns)
        elif first and (route[first.end() :][:1] in ("/", "", "$") or "." in first[0]):
            yield first[0].rstrip("\\")


def test_every_fixed_address_of_the_site_is_reserved():
    """A section named like one of the site's own addresses (topics, corrections, live
    coverage…) would be hidden behind it: each such first segment is refused."""
    fixed = set(_first_segments(get_resolver().url_patterns)) - {"healthz", "readyz"}
    fixed = {segment for segment in fixed if not segment.startswith("sitemap-")}

    assert {"chu-de", "dinh-chinh", "truc-tiep", "tim-kiem"} <= fixed
    assert fixed - RESERVED_TOP_LEVEL == set()


def test_a_child_section_cannot_be_called_rss(db):
    parent = factories.SectionFactory(name="Thời sự")
    with pytest.raises(ValidationError) as refused:
        Section(name="Tin", slug="rss", parent=parent).full_clean()
    assert "slug" in refused.value.message_dict


def test_a_newsroom_may_have_a_commentary_section_beside_readers_comments(db, client):
    """ "Bình luận" (commentary) is a usual section: readers' comments live under /api/."""
    section = factories.SectionFactory(name="Bình luận", slug="binh-luan")
    section.full_clean()
    assert client.get("/binh-luan/").context["section"] == section


def test_a_child_section_may_share_a_top_level_word(db):
    parent = factories.SectionFactory(name="Khoa học")
    Section(name="Tác giả trẻ", slug="tag", parent=parent).full_clean()


def test_the_admin_refuses_a_reserved_section_name_with_a_message(editor_client):
    response = editor_client.post(
        "/quan-tri/sections/section/add/",
        {"name": "Tìm kiếm", "slug": "", "order": 0, "show_in_menu": "on", "is_active": "on"},
    )
    assert response.status_code == 200
    assert "tim-kiem" in response.context["adminform"].form.errors["name"][0]
    assert not Section.objects.filter(slug="tim-kiem").exists()


def test_a_section_with_stories_cannot_be_deleted(editor_client):
    article = factories.ArticleFactory()
    section = article.section
    response = editor_client.post(
        f"/quan-tri/sections/section/{section.pk}/delete/", {"post": "yes"}
    )
    # Django's protected-objects page names the stories in the way.
    assert response.status_code == 200
    assert article.title in response.content.decode()
    assert Section.objects.filter(pk=section.pk).exists()


def test_the_admin_refuses_a_name_whose_address_another_section_has(editor_client):
    factories.SectionFactory(name="Thời sự", slug="thoi-su")
    response = editor_client.post(
        "/quan-tri/sections/section/add/",
        {"name": "Thời Sự!", "slug": "", "order": 0, "show_in_menu": "on", "is_active": "on"},
    )
    assert response.status_code == 200
    assert "thoi-su" in response.context["adminform"].form.errors["name"][0]
    assert Section.objects.count() == 1


def test_the_admin_accepts_that_name_with_a_slug_of_its_own(editor_client):
    factories.SectionFactory(name="Thời sự", slug="thoi-su")
    response = editor_client.post(
        "/quan-tri/sections/section/add/",
        {"name": "Thời Sự!", "slug": "thoi-su-nong", "order": 0, "is_active": "on"},
    )
    assert response.status_code == 302
    assert Section.objects.get(name="Thời Sự!").slug == "thoi-su-nong"


def test_a_section_saved_outside_the_admin_gets_the_next_free_address(db):
    Section.objects.create(name="Thời sự")
    second = Section.objects.create(name="Thời Sự!")
    third = Section.objects.create(name="THỜI SỰ")
    assert (second.slug, third.slug) == ("thoi-su-2", "thoi-su-3")


def test_renaming_a_section_keeps_its_own_address(editor_client):
    section = factories.SectionFactory(name="Thời sự", slug="thoi-su")
    response = editor_client.post(
        f"/quan-tri/sections/section/{section.pk}/change/",
        {"name": "Thời Sự", "slug": "thoi-su", "order": 0, "is_active": "on"},
    )
    assert response.status_code == 302
    assert Section.objects.get(pk=section.pk).slug == "thoi-su"


def test_a_section_name_typed_with_the_look_alike_d_transliterates(db):
    assert Section.objects.create(name="\u00d0à Nẵng").slug == "da-nang"
