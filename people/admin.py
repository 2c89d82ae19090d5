"""Staff edit their own author profile ("My profile" in the admin header); editors with
``change_any_profile`` and administrators edit anyone's. The rule is checked here, on the
server, whatever the page shows."""

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from newsroom.admin_tools import HistoryAdmin
from newsroom.middleware import choose_staff_language

from .models import Profile


def may_change_anyone(user):
    return user.is_superuser or user.has_perm("people.change_any_profile")


@admin.register(Profile)
class ProfileAdmin(HistoryAdmin):
    list_display = ["__str__", "job_title", "updated_at"]
    search_fields = ["user__first_name", "user__last_name", "user__username", "job_title"]
    autocomplete_fields = ["photo"]
    fieldsets = [
        (None, {"fields": ["user", "photo", "job_title", "bio"]}),
        (_("Links"), {"fields": ["public_email", "website", "facebook", "x"]}),
        (_("Admin"), {"fields": ["language"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user").editable_by(request.user)

    def get_readonly_fields(self, request, obj=None):
        # Whose profile it is never changes once made.
        return ["user"] if obj is not None else []

    def has_add_permission(self, request):
        # A person's own profile is made by "My profile"; others' only by who may edit them.
        return may_change_anyone(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or obj.user_id == request.user.pk or may_change_anyone(request.user)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.user_id == request.user.pk:
            # Their own choice applies from the next page.
            choose_staff_language(request, obj.language)

    def get_urls(self):
        mine = path("mine/", self.admin_site.admin_view(self.mine), name="people_profile_mine")
        return [mine, *super().get_urls()]

    def mine(self, request):
        """The signed-in person's own profile, made on first visit."""
        if not self.has_change_permission(request):
            return redirect("admin:index")
        profile, _created = Profile.objects.get_or_create(user=request.user)
        return redirect(reverse("admin:people_profile_change", args=[profile.pk]))

    mine.short_description = _("My profile")
