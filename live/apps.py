from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "live"
    verbose_name = _("Live coverage")

    def ready(self):
        from articles import seo
        from newsroom import caching
        from newsroom.caching import parts

        from .models import next_end

        caching.register("live", next_change=next_end)
        # These declare the "live_blog" part: its tag must be registered first.
        from . import json_ld
        from . import parts as live_parts  # noqa: F401

        seo.adds_to_story(json_ld.add_live_blog)
        parts.depends("story_meta", "live")
