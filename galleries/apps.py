from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GalleriesConfig(AppConfig):
    name = "galleries"
    verbose_name = _("Galleries")

    def ready(self):
        from articles import body, seo
        from newsroom import caching
        from newsroom.caching import parts

        from . import reader, signals

        # A gallery changes only when saved (its images, their order or captions, a library
        # photo it shows): no clock of its own.
        caching.register("galleries")
        signals.connect()
        body.renders_body(reader.render_blocks)
        seo.adds_to_story(reader.add_images_to_json_ld)
        parts.depends("story", "galleries")
        parts.depends("story_meta", "galleries")
