"""Sections in the admin."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from .models import Section


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "slug", "order", "show_in_menu", "is_active", "story_count"]
    list_editable = ["order", "show_in_menu", "is_active"]
    list_filter = ["is_active", "show_in_menu", "parent"]
    search_fields = ["name", "slug"]
    list_select_related = ["parent"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(story_count=Count("articles"))

    @admin.display(description=_("stories"), ordering="story_count")
    def story_count(self, obj):
        return obj.story_count
