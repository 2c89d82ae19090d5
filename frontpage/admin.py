from django.contrib import admin

from .models import Board, Edition, Slot


class SlotInline(admin.TabularInline):
    model = Slot
    extra = 0
    raw_id_fields = ["story", "image"]


@admin.register(Board)
class BoardAdmin(admin.ModelAdmin):
    list_display = ["__str__"]


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "publish_at", "created_by", "created_at"]
    list_filter = ["status", "board"]
    inlines = [SlotInline]
    readonly_fields = ["created_by", "created_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
