from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = _("Readers' comments")

    def ready(self):
        from articles import seo
        from newsroom import caching
        from newsroom.caching import parts

        # Approving, editing, rejecting or removing a shown comment, a story's switch and
        # the comment settings change this tag (models.comments_changed); a comment
        # waiting for moderation changes nothing. Likes move with the part's lifetime.
        caching.register("comments")
        from . import json_ld
        from . import parts as comment_parts  # noqa: F401 - declares the parts

        seo.adds_to_story(json_ld.add_comments)
        parts.depends("story_meta", "comments")
