from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Coverage, Update


@admin.register(Coverage)
class CoverageAdmin(SimpleHistoryAdmin):
    list_display = ["story", "started_at", "ended_at"]
    raw_id_fields = ["story", "created_by"]


@admin.register(Update)
class UpdateAdmin(SimpleHistoryAdmin):
    list_display = ["summary", "coverage", "at", "author", "key_event", "pinned", "withdrawn"]
    list_filter = ["key_event", "pinned", "withdrawn"]
    list_editable = ["withdrawn"]
    raw_id_fields = ["coverage", "author", "image"]
