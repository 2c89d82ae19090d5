"""Reporters and editors make and change galleries (newsroom.roles). Only this app's
permissions are given here: the other apps' may not exist yet."""

from django.db import migrations

from newsroom.roles import ROLE_PERMISSIONS, role_group


def _gallery_permissions(apps, role):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("galleries")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    codenames = [
        name.split(".")[1] for name in ROLE_PERMISSIONS[role] if name.startswith("galleries.")
    ]
    return Permission.objects.filter(content_type__app_label="galleries", codename__in=codenames)


def _groups(apps):
    """Each role and its group, found by the role's code (the group may be renamed)."""
    Group, Role = apps.get_model("auth", "Group"), apps.get_model("newsroom", "Role")
    return [(role, role_group(Group, role, Role)) for role in ROLE_PERMISSIONS]


def give_roles_galleries(apps, schema_editor):
    for role, group in _groups(apps):
        group.permissions.add(*_gallery_permissions(apps, role))


def take_galleries_from_roles(apps, schema_editor):
    for role, group in _groups(apps):
        group.permissions.remove(*_gallery_permissions(apps, role))


class Migration(migrations.Migration):
    dependencies = [
        ("galleries", "0001_galleries_and_their_photos"),
        ("newsroom", "0004_roles_have_codes"),
    ]

    operations = [migrations.RunPython(give_roles_galleries, take_galleries_from_roles)]
