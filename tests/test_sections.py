"""Sections: addresses that cannot collide with the site's own, and protection of stories."""

import pytest
from django.core.exceptions import ValidationError

from sections.models import Section
from tests import factories


@pytest.mark.parametrize("name", ["Tag", "Tìm kiếm", "Tác giả", "RSS", "API", "Quản trị"])
def test_a_top_level_section_cannot_take_an_address_the_site_uses(db, name):
    with pytest.raises(ValidationError) as refused:
        Section(name=name).full_clean()
    assert "name" in refused.value.message_dict


def test_a_child_section_cannot_be_called_rss(db):
    parent = factories.SectionFactory(name="Thời sự")
    with pytest.raises(ValidationError) as refused:
        Section(name="Tin", slug="rss", parent=parent).full_clean()
    assert "slug" in refused.value.message_dict


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
