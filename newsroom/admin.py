"""Site settings in the admin: one record, never a second, never deleted."""

from django.contrib import admin
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .admin_tools import HistoryAdmin
from .models import Masthead, SiteSettings


@admin.register(SiteSettings)
class SiteSettingsAdmin(HistoryAdmin):
    fieldsets = [
        (None, {"fields": ["site_name", "tagline"]}),
        (
            _("Contacts"),
            {
                "fields": [
                    "hotline",
                    "ads_phone",
                    "ads_contact",
                    "newsroom_phone",
                    "email",
                    "address",
                ]
            },
        ),
        (
            _("Weather box"),
            {
                "fields": [
                    "weather_city",
                    "weather_temperature",
                    "weather_humidity",
                    "weather_updated_at",
                ]
            },
        ),
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        settings = SiteSettings.load()
        return HttpResponseRedirect(
            reverse("admin:newsroom_sitesettings_change", args=[settings.pk])
        )


@admin.register(Masthead)
class MastheadAdmin(admin.ModelAdmin):
    list_display = [
        "effective_from",
        "governing_body",
        "licence_number",
        "licence_date",
        "licence_issuer",
        "editor_in_chief",
    ]

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        # A masthead that has taken effect is a legal record: change it by adding a new one.
        if obj is not None and obj.effective_from <= timezone.localdate():
            return False
        return super().has_change_permission(request, obj)
