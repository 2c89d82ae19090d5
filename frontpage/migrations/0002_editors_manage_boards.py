"""Editors fill and publish the front page boards; reporters do not (newsroom.roles). Only
this app's permissions are given here: the other apps' may not exist yet."""

from django.db import migrations

from newsroom.roles import EDITOR, ROLE_PERMISSIONS


def _board_permissions(apps):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("frontpage")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    codenames = [name.split(".")[1] for name in ROLE_PERMISSIONS[EDITOR] if name.startswith("frontpage.")]
    return Permission.objects.filter(content_type__app_label="frontpage", codename__in=codenames)


def give_editors_boards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group, _created = Group.objects.get_or_create(name=EDITOR)
    group.permissions.add(*_board_permissions(apps))


def take_boards_from_editors(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name=EDITOR):
        group.permissions.remove(*_board_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("frontpage", "0001_initial"),
        ("newsroom", "0002_newsroom_roles"),
    ]

    operations = [migrations.RunPython(give_editors_boards, take_boards_from_editors)]
