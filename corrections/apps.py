from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CorrectionsConfig(AppConfig):
    name = "corrections"
    verbose_name = _("Corrections")

    def ready(self):
        from articles import seo
        from newsroom import caching
        from newsroom.caching import parts

        # Saving a correction (models.touch_story) changes this tag; nothing changes by
        # the clock.
        caching.register("corrections")
        from . import json_ld
        from . import parts as correction_parts  # noqa: F401 - declares the parts

        seo.adds_to_story(json_ld.add_corrections)
        parts.depends("story_meta", "corrections")
