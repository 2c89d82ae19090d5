from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class SectionsConfig(AppConfig):
    name = "sections"
    verbose_name = _("Sections")

    def ready(self):
        from newsroom import caching

        from .models import Section

        # A section's name, place or visibility shows in every page's menu.
        caching.register("sections")
        post_save.connect(section_changed, sender=Section, dispatch_uid="caching-section")
        post_delete.connect(section_changed, sender=Section, dispatch_uid="caching-section-del")


def section_changed(sender, instance, raw=False, using=None, **kwargs):
    from newsroom import caching

    if not raw:
        caching.changed("sections", paths=[instance.get_absolute_url()], using=using)
