"""The moderator role (a new group), and readers' comments for moderators and editors
(newsroom.roles). Only this app's permissions are given here: the other apps' may not
exist yet."""

from django.db import migrations

from newsroom.roles import ROLE_PERMISSIONS, role_group


def _comment_permissions(apps, role):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("comments")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    codenames = [
        name.split(".")[1] for name in ROLE_PERMISSIONS[role] if name.startswith("comments.")
    ]
    # Ids, not instances: in a migration run with others the model classes of the groups'
    # relation and of this state may differ.
    return list(
        Permission.objects.filter(
            content_type__app_label="comments", codename__in=codenames
        ).values_list("pk", flat=True)
    )


def _groups(apps):
    """Each role and its group, found by the role's code (the group may be renamed); the
    moderators' is made here when missing (and stays when this is reversed)."""
    Group, Role = apps.get_model("auth", "Group"), apps.get_model("newsroom", "Role")
    return [(role, role_group(Group, role, Role)) for role in ROLE_PERMISSIONS]


def give_roles_comments(apps, schema_editor):
    for role, group in _groups(apps):
        group.permissions.add(*_comment_permissions(apps, role))


def take_comments_from_roles(apps, schema_editor):
    for role, group in _groups(apps):
        group.permissions.remove(*_comment_permissions(apps, role))


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_comments_and_their_settings"),
        ("newsroom", "0004_roles_have_codes"),
    ]

    operations = [migrations.RunPython(give_roles_comments, take_comments_from_roles)]
