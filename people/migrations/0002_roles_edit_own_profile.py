"""Reporters and editors edit their own author profile (newsroom.roles). Only this app's
permissions are given here: the other apps' may not exist yet."""

from django.db import migrations

from newsroom.roles import ROLE_PERMISSIONS, role_group


def _profile_permissions(apps, role):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("people")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    codenames = [name.split(".")[1] for name in ROLE_PERMISSIONS[role] if name.startswith("people.")]
    return Permission.objects.filter(content_type__app_label="people", codename__in=codenames)


def _groups(apps):
    """Each role and its group, found by the role's code (the group may be renamed)."""
    Group, Role = apps.get_model("auth", "Group"), apps.get_model("newsroom", "Role")
    return [(role, role_group(Group, role, Role)) for role in ROLE_PERMISSIONS]


def give_roles_profiles(apps, schema_editor):
    for role, group in _groups(apps):
        group.permissions.add(*_profile_permissions(apps, role))


def take_profiles_from_roles(apps, schema_editor):
    for role, group in _groups(apps):
        group.permissions.remove(*_profile_permissions(apps, role))


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_author_profiles"),
        ("newsroom", "0004_roles_have_codes"),
    ]

    operations = [migrations.RunPython(give_roles_profiles, take_profiles_from_roles)]
