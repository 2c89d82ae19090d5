"""The newsroom's roles and exactly the permissions each needs. The data migration
``newsroom.0002_newsroom_roles`` creates them; ``sync_roles`` can be re-run after an
upgrade adds permissions."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

# The groups' first names, as migrations made them; people may rename a group since, so
# code finds a role's group by its code (``Role.objects.group("editor")``), never by name.
REPORTER = gettext_noop("Phóng viên")
EDITOR = gettext_noop("Biên tập viên")
# Readers' comments (issue 16): moderators read and decide on comments, nothing else.
MODERATOR = gettext_noop("Kiểm duyệt viên")
# code: the name its group was first given.
ROLES = {"reporter": REPORTER, "editor": EDITOR, "moderator": MODERATOR}
ROLE_LABELS = {"reporter": _("Reporter"), "editor": _("Editor"), "moderator": _("Moderator")}
# Roles whose members must use a second factor until an administrator says otherwise:
# editors publish; moderators read readers' emails and addresses (personal data).
SECOND_FACTOR_ROLES = {"editor", "moderator"}

# Galleries (issue 14): reporters and editors make and change galleries, their photos, and
# a story's main gallery.
GALLERY_PERMISSIONS = [
    "galleries.add_gallery",
    "galleries.change_gallery",
    "galleries.view_gallery",
    "galleries.add_galleryimage",
    "galleries.change_galleryimage",
    "galleries.delete_galleryimage",
    "galleries.view_galleryimage",
    "galleries.add_storygallery",
    "galleries.change_storygallery",
    "galleries.delete_storygallery",
    "galleries.view_storygallery",
]

# Readers' comments (issue 16): moderators and editors approve, reject and correct comments,
# and keep the blocked words and addresses.
COMMENT_PERMISSIONS = [
    "comments.view_comment",
    "comments.change_comment",
    "comments.view_commentsettings",
    "comments.change_commentsettings",
]

ROLE_PERMISSIONS = {
    # Reporters write and hand in their own stories and upload photos; they see only
    # their own stories in the admin (unpublished work of colleagues stays with the desk).
    REPORTER: [
        "articles.add_article",
        "articles.change_article",
        "articles.view_article",
        "articles.view_source",
        "articles.add_source",
        "images.add_image",
        "images.change_image",
        "images.view_image",
        "sections.view_section",
        "taggit.view_tag",
        # A reporter adds a story to an existing topic from its admin page; editors pin.
        "topics.view_topic",
        "topics.add_topicstory",
        "topics.change_topicstory",
        "topics.delete_topicstory",
        "topics.view_topicstory",
        # Their own author profile (people.admin keeps them to it).
        "people.view_profile",
        "people.change_profile",
        # Galleries (issue 14): make them, and give a story its main gallery.
        *GALLERY_PERMISSIONS,
    ],
    EDITOR: [
        "articles.add_article",
        "articles.change_article",
        "articles.view_article",
        "articles.change_any_article",
        "articles.review_article",
        "articles.publish_article",
        "articles.add_source",
        "articles.change_source",
        "articles.delete_source",
        "articles.view_source",
        "images.add_image",
        "images.change_image",
        "images.view_image",
        "sections.add_section",
        "sections.change_section",
        "sections.delete_section",
        "sections.view_section",
        "taggit.add_tag",
        "taggit.change_tag",
        "taggit.delete_tag",
        "taggit.view_tag",
        "newsroom.change_sitesettings",
        "newsroom.view_sitesettings",
        "newsroom.add_masthead",
        "newsroom.change_masthead",
        "newsroom.view_masthead",
        "topics.add_topic",
        "topics.change_topic",
        "topics.delete_topic",
        "topics.view_topic",
        "topics.add_topicstory",
        "topics.change_topicstory",
        "topics.delete_topicstory",
        "topics.view_topicstory",
        "breaking.add_banner",
        "breaking.change_banner",
        "breaking.delete_banner",
        "breaking.view_banner",
        "frontpage.add_board",
        "frontpage.change_board",
        "frontpage.view_board",
        "frontpage.add_edition",
        "frontpage.change_edition",
        "frontpage.view_edition",
        "frontpage.add_slot",
        "frontpage.change_slot",
        "frontpage.delete_slot",
        "frontpage.view_slot",
        "live.view_coverage",
        "live.change_coverage",
        "live.view_update",
        "live.change_update",
        "corrections.add_correction",
        "corrections.change_correction",
        "corrections.view_correction",
        "people.view_profile",
        "people.change_profile",
        # Galleries (issue 14): editors also delete them.
        *GALLERY_PERMISSIONS,
        "galleries.delete_gallery",
        # Readers' comments (issue 16): editors also open or close them on a story.
        *COMMENT_PERMISSIONS,
        "comments.add_storysetting",
        "comments.change_storysetting",
        "comments.view_storysetting",
    ],
    MODERATOR: [*COMMENT_PERMISSIONS],
}


def sync_roles(apps, verbosity=0):
    """Create or update the role groups with exactly their permissions."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=verbosity)
        app_config.models_module = None

    # An app migrated later than this (breaking, say) gives its own permissions from its
    # own migration; until then its models are not there to have any.
    migrated = {model._meta.app_label for model in apps.get_models()}
    models = {model._meta.label for model in apps.get_models()}
    assign_role_permissions(
        apps.get_model("auth", "Group"),
        apps.get_model("auth", "Permission"),
        migrated,
        apps.get_model("newsroom", "Role") if "newsroom.Role" in models else None,
    )


def role_group(Group, role, Role=None):
    """The group of ``role`` (its first name, a ``ROLE_PERMISSIONS`` key): found by its
    code once roles have codes (``Role``, from migration newsroom 0004 on), so that a group
    renamed since is still found; made when missing."""
    code = next(code for code, name in ROLES.items() if name == role)
    if Role is not None:
        found = Role.objects.filter(code=code).select_related("group").first()
        if found:
            return found.group
    group, _created = Group.objects.get_or_create(name=role)
    if Role is not None:
        Role.objects.create(
            code=code, group=group, requires_second_factor=code in SECOND_FACTOR_ROLES
        )
    return group


def assign_role_permissions(Group, Permission, migrated=None, Role=None):
    """Give each role group exactly its permissions (the permissions must exist), those of
    the ``migrated`` apps only if given."""
    for role, names in ROLE_PERMISSIONS.items():
        group = role_group(Group, role, Role)
        permissions = []
        for name in names:
            app_label, codename = name.split(".")
            if migrated is not None and app_label not in migrated:
                continue
            permissions.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(permissions)
