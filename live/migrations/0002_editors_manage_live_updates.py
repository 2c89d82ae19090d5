"""Editors correct and withdraw live updates and end coverage in the admin (newsroom.roles).
Only this app's permissions are given here: the other apps' may not exist yet."""

from django.db import migrations

from newsroom.roles import EDITOR, ROLE_PERMISSIONS


def _live_permissions(apps):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("live")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    codenames = [
        name.split(".")[1] for name in ROLE_PERMISSIONS[EDITOR] if name.startswith("live.")
    ]
    return Permission.objects.filter(content_type__app_label="live", codename__in=codenames)


def give_editors_live(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group, _created = Group.objects.get_or_create(name=EDITOR)
    group.permissions.add(*_live_permissions(apps))


def take_live_from_editors(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name=EDITOR):
        group.permissions.remove(*_live_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("live", "0001_live_coverage_and_updates"),
        ("newsroom", "0002_newsroom_roles"),
    ]

    operations = [migrations.RunPython(give_editors_live, take_live_from_editors)]
