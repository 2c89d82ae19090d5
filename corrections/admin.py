"""Corrections in the admin: a list with a withdraw action (a reason required), and an
inline on the story's page for editors to add one. Nobody deletes a correction."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.admin import ArticleAdmin
from newsroom.admin_tools import HistoryAdmin

from .models import Correction


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason for withdrawing"), widget=forms.Textarea)


@admin.register(Correction)
class CorrectionAdmin(HistoryAdmin):
    list_display = ["text_summary", "kind", "story", "at", "created_by", "withdrawn_at"]
    list_filter = ["kind", ("withdrawn_at", admin.EmptyFieldListFilter)]
    raw_id_fields = ["story"]
    readonly_fields = ["created_by", "withdrawn_at", "withdrawn_by", "withdraw_reason"]
    actions = ["withdraw"]

    @admin.display(description=_("text"))
    def text_summary(self, obj):
        return obj.text[:80]

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:
            # What readers were told stays as it was told; withdraw it and add another.
            return [*self.readonly_fields, "story", "kind", "text", "at"]
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Withdraw the selected corrections"), permissions=["change"])
    def withdraw(self, request, queryset):
        if not self.has_change_permission(request):
            raise PermissionDenied
        form = WithdrawForm(request.POST if "reason" in request.POST else None)
        if form.is_valid():
            count = 0
            for correction in queryset.filter(withdrawn_at__isnull=True):
                correction.withdraw(request.user, form.cleaned_data["reason"])
                count += 1
            self.message_user(
                request,
                ngettext(
                    "%(count)d correction withdrawn.", "%(count)d corrections withdrawn.", count
                )
                % {"count": count},
                messages.SUCCESS,
            )
            return None
        return render(
            request,
            "corrections/admin/withdraw.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Withdraw corrections"),
                "form": form,
                "corrections": queryset,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )


class CorrectionInline(admin.StackedInline):
    model = Correction
    fk_name = "story"
    extra = 0
    fields = ["kind", "text", "at", "created_by", "withdrawn_at", "withdraw_reason"]
    readonly_fields = ["created_by", "withdrawn_at", "withdraw_reason"]
    verbose_name = _("correction or update note")
    verbose_name_plural = _("corrections and update notes")

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        # Added ones stay as readers saw them; they are withdrawn from the corrections list.
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("corrections.view_correction")

    def has_add_permission(self, request, obj=None):
        return (
            obj is not None
            and obj.is_public()
            and request.user.has_perm("corrections.add_correction")
        )


def _save_formset(save_formset):
    def save_formset_with_author(self, request, form, formset, change):
        if formset.model is Correction:
            for correction in formset.save(commit=False):
                if correction.pk is None:
                    correction.created_by = request.user
                correction.save()
            return
        save_formset(self, request, form, formset, change)

    return save_formset_with_author


ArticleAdmin.inlines = [*ArticleAdmin.inlines, CorrectionInline]
ArticleAdmin.save_formset = _save_formset(ArticleAdmin.save_formset)
