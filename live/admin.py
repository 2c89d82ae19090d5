from django.contrib import admin

from newsroom.admin_tools import HistoryAdmin

from .models import Coverage, Update


@admin.register(Coverage)
class CoverageAdmin(HistoryAdmin):
    list_display = ["story", "started_at", "ended_at"]
    raw_id_fields = ["story", "created_by"]


@admin.register(Update)
class UpdateAdmin(HistoryAdmin):
    list_display = ["summary", "coverage", "at", "author", "key_event", "pinned", "withdrawn"]
    list_filter = ["key_event", "pinned", "withdrawn"]
    list_editable = ["withdrawn"]
    raw_id_fields = ["coverage", "author", "image"]
