"""Sections in the admin."""

from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Section


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "slug", "order", "show_in_menu", "is_active", "story_count"]
    list_editable = ["order", "show_in_menu", "is_active"]
    list_filter = ["is_active", "show_in_menu", "parent"]
    ordering = ["order", "name"]
    search_fields = ["name", "slug"]
    list_select_related = ["parent"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(story_count=Count("articles"))

    @admin.display(description=_("stories"), ordering="story_count")
    def story_count(self, obj):
        return obj.story_count

    def get_deleted_objects(self, objs, request):
        # Stories and sub-sections are protected: name them as what blocks the deletion,
        # rather than the admin's "you lack permission to delete stories".
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        sections = list(objs)
        # Stories reached through their relation, not imported: they depend on sections.
        stories = Section._meta.get_field("articles").related_model._default_manager
        blocking = [
            format_html("{}: {}", _("story"), title)
            for title in stories.filter(section__in=sections).values_list("title", flat=True)[:50]
        ] + [
            format_html("{}: {}", _("section"), child)
            for child in Section.objects.filter(parent__in=sections)
        ]
        if blocking:
            return to_delete, model_count, set(), blocking
        return to_delete, model_count, perms_needed, protected
