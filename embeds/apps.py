from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmbedsConfig(AppConfig):
    name = "embeds"
    verbose_name = _("Embeds")

    def ready(self):
        from articles import body

        from . import prepare, render

        # An embed lives in the story's body (no record of its own): saving the story is
        # what changes it, so the story part's own tags already cover it.
        body.prepares_body(prepare.embed_standalone_urls)
        body.renders_body(render.render_embeds)
