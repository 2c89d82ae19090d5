"""Editors add, change and delete the banners; reporters do not (newsroom.roles). Only
this app's permissions are given here: the other apps' may not exist yet."""

from django.db import migrations

from newsroom.roles import EDITOR, ROLE_PERMISSIONS


def _banner_permissions(apps):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("breaking")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    codenames = [name.split(".")[1] for name in ROLE_PERMISSIONS[EDITOR] if name.startswith("breaking.")]
    return Permission.objects.filter(content_type__app_label="breaking", codename__in=codenames)


def give_editors_banners(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group, _created = Group.objects.get_or_create(name=EDITOR)
    group.permissions.add(*_banner_permissions(apps))


def take_banners_from_editors(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name=EDITOR):
        group.permissions.remove(*_banner_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("breaking", "0001_banner"),
        ("newsroom", "0002_newsroom_roles"),
    ]

    operations = [migrations.RunPython(give_editors_banners, take_banners_from_editors)]
