"""Editors manage topics and pin their stories; reporters add their stories to existing
topics (newsroom.roles). Only this app's permissions are given here."""

from django.db import migrations

from newsroom.roles import ROLE_PERMISSIONS


def _permissions(apps, role):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("topics")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    codenames = [name.split(".")[1] for name in ROLE_PERMISSIONS[role] if name.startswith("topics.")]
    return Permission.objects.filter(content_type__app_label="topics", codename__in=codenames)


def give_roles_topics(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for role in ROLE_PERMISSIONS:
        group, _created = Group.objects.get_or_create(name=role)
        group.permissions.add(*_permissions(apps, role))


def take_topics_from_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for role in ROLE_PERMISSIONS:
        for group in Group.objects.filter(name=role):
            group.permissions.remove(*_permissions(apps, role))


class Migration(migrations.Migration):
    dependencies = [
        ("topics", "0001_topics_and_series"),
        ("newsroom", "0002_newsroom_roles"),
    ]

    operations = [migrations.RunPython(give_roles_topics, take_topics_from_roles)]
