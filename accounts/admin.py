"""Administrators' side of staff accounts: invitations, roles (which require two-step
sign-in), and resetting a person's second factor when they lose their phone."""

import logging

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from newsroom.models import Role
from newsroom.security import log_event

from . import invitations, second_factor
from .forms import InvitationForm
from .models import Invitation

User = get_user_model()


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    form = InvitationForm
    list_display = ["email", "role", "invited_by", "created_at", "expires_at", "accepted_at"]
    list_filter = ["role"]
    search_fields = ["email", "first_name", "last_name"]
    actions = ["send_again"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["email", "first_name", "last_name", "role"]
        return [
            "email",
            "first_name",
            "last_name",
            "role",
            "invited_by",
            "created_at",
            "expires_at",
            "accepted_at",
            "user",
        ]

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj) if obj is not None else []

    def has_change_permission(self, request, obj=None):
        # Nothing of an invitation changes once sent; "send again" makes a new link.
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        obj.invited_by = request.user
        if not invitations.send(obj, request):
            messages.warning(request, _("The invitation was saved but the mail could not be sent."))

    @admin.action(description=_("Send the invitation again (a new link)"), permissions=["add"])
    def send_again(self, request, queryset):
        sent = 0
        for invitation in queryset.filter(accepted_at=None):
            sent += invitations.send(invitation, request)
        self.message_user(
            request,
            ngettext("%(count)d invitation sent.", "%(count)d invitations sent.", sent)
            % {"count": sent},
        )


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "group", "requires_second_factor"]
    list_editable = ["requires_second_factor"]
    fields = ["code", "group", "requires_second_factor"]
    readonly_fields = ["code", "group"]

    def has_add_permission(self, request):
        return False  # roles are the code's; groups are added in their own page

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    """Django's user admin, with the second factor in the list and its reset."""

    list_display = [*UserAdmin.list_display, "is_active", "has_second_factor"]
    actions = ["reset_second_factor"]

    @admin.display(description=_("two-step sign-in"), boolean=True)
    def has_second_factor(self, obj):
        return second_factor.is_enrolled(obj)

    @admin.action(description=_("Reset two-step sign-in (a lost phone)"), permissions=["change"])
    def reset_second_factor(self, request, queryset):
        if not request.user.is_superuser:
            self.message_user(request, _("Only administrators may do this."), messages.ERROR)
            return
        for person in queryset:
            second_factor.reset(person)
            # In the person's history, as any change an administrator makes.
            self.log_change(request, person, str(_("Two-step sign-in reset")))
            log_event(
                "second_factor_reset", request, target=person.get_username(), level=logging.WARNING
            )
        self.message_user(
            request,
            ngettext(
                "Two-step sign-in reset for %(count)d person: they set it up again when "
                "they next sign in.",
                "Two-step sign-in reset for %(count)d people: they set it up again when "
                "they next sign in.",
                len(queryset),
            )
            % {"count": len(queryset)},
        )
