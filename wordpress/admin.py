"""The old WordPress addresses in the admin: an administrator finds which story an old
link leads to, and removes one that should no longer lead anywhere."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from newsroom.templatetags.newsroom import vn_datetime

from .models import OldAddress


@admin.register(OldAddress)
class OldAddressAdmin(admin.ModelAdmin):
    list_display = ["path", "article", "imported_at"]
    list_select_related = ["article"]
    search_fields = ["path"]
    raw_id_fields = ["article"]
    date_hierarchy = "created_at"

    @admin.display(description=_("imported at"), ordering="created_at")
    def imported_at(self, obj):
        return vn_datetime(obj.created_at)
