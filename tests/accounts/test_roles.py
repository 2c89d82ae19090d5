"""Roles are known to the code by a code name that never changes; people see them under a
translated label, and may rename the groups without breaking anything."""

import pytest
from django.contrib.auth.models import Group
from django.utils import translation

from newsroom.models import Role
from tests import factories

pytestmark = pytest.mark.django_db


def test_each_role_has_a_stable_code_and_its_group():
    assert set(Role.objects.values_list("code", flat=True)) == {"reporter", "editor", "moderator"}
    assert Role.objects.group("editor").permissions.filter(codename="publish_article").exists()


def test_a_renamed_group_is_still_found_by_its_role(client):
    group = Role.objects.group("reporter")
    group.name = "Reporters (renamed)"
    group.save()
    person = factories.reporter()
    assert person.groups.get() == group
    client.force_login(person)
    assert client.get("/quan-tri/articles/article/add/").status_code == 200


def test_role_labels_follow_the_language():
    editor = Role.objects.get(code="editor")
    with translation.override("en"):
        assert str(editor) == "Editor"
    with translation.override("vi"):
        assert str(editor) == "Biên tập viên"


def test_editors_and_moderators_require_a_second_factor_and_reporters_do_not():
    # Moderators see readers' emails and addresses.
    required = dict(Role.objects.values_list("code", "requires_second_factor"))
    assert required == {"reporter": False, "editor": True, "moderator": True}


def test_no_second_group_is_made_for_a_role_whose_group_was_renamed():
    from django.apps import apps
    from django.contrib.auth.models import Permission

    from newsroom.roles import assign_role_permissions

    Role.objects.group("editor").__class__.objects.filter(role__code="editor").update(name="BTV")
    before = Group.objects.count()
    assign_role_permissions(Group, Permission, Role=apps.get_model("newsroom", "Role"))
    assert Group.objects.count() == before
