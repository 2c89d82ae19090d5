"""The moderators' queue: readers' comments newest first, filtered by status or story;
approve, reject with one reason (a page between), block the writers' addresses, correct a
typo; keyboard shortcuts for a busy queue (comments/queue.js). Who decided and when is
recorded on each comment, and every edit in its history.

Also: the comment settings (one record: open by default, blocked words and addresses) and,
on a story's admin page, whether readers may comment under it (``StorySettingInline``
joins ``ArticleAdmin``'s inlines, articles/admin.py untouched)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.admin import ArticleAdmin
from articles.models import Article
from newsroom.admin_tools import HistoryAdmin
from newsroom.templatetags.newsroom import vn_datetime

from .models import Comment, CommentSettings, Status, StorySetting

SHOWN_IN_STEP = 20  # comments named on the reject page; the rest counted


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for rejecting"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For the newsroom's record: readers never see it."),
    )


class CommentAdminForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ["name", "text", "links_allowed", "status", "reason"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Status.REJECTED and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Give a reason for rejecting."))
        if cleaned.get("status") == Status.REMOVED and self.instance.status != Status.REMOVED:
            self.add_error("status", _("Only its writer removes a comment."))
        return cleaned


class StoryFilter(admin.SimpleListFilter):
    """Stories with comments waiting (the 30 latest), and the one chosen from a row."""

    title = _("story")
    parameter_name = "story"

    def lookups(self, request, model_admin):
        waiting = (
            Comment.objects.pending()
            .order_by("story_id")
            .values_list("story_id", flat=True)
            .distinct()
        )
        ids = set(waiting.order_by("-story_id")[:30])
        if (self.value() or "").isdigit():
            ids.add(int(self.value()))
        stories = Article.objects.filter(pk__in=ids).only("pk", "title").order_by("-pk")
        return [(str(story.pk), Truncator(story.title).chars(60)) for story in stories]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if not value.isdigit():
            return queryset.none()
        return queryset.filter(story_id=int(value))


@admin.register(Comment)
class CommentAdmin(HistoryAdmin):
    form = CommentAdminForm
    list_display = [
        "text_summary",
        "name",
        "story_column",
        "status",
        "sent_at",
        "likes",
        "moderated_column",
    ]
    list_filter = ["status", StoryFilter]
    list_select_related = ["story", "moderated_by"]
    search_fields = ["text", "name", "story__title"]
    ordering = ["-created_at", "-pk"]
    list_per_page = 50
    actions = ["approve", "reject", "block_addresses"]
    readonly_fields = [
        "story",
        "parent",
        "email",
        "ip_address",
        "user_agent",
        "created_at",
        "likes",
        "moderated_by",
        "moderated_at",
        "removed_at",
    ]
    fieldsets = [
        (None, {"fields": ["story", "parent", "name", "text", "links_allowed"]}),
        (_("Moderation"), {"fields": ["status", "reason", "moderated_by", "moderated_at"]}),
        (
            _("Writer (for the newsroom only; erased after a while)"),
            {"fields": ["email", "ip_address", "user_agent", "created_at", "likes", "removed_at"]},
        ),
    ]

    class Media:
        css = {"all": ["comments/queue.css"]}
        js = ["comments/queue.js"]

    @admin.display(description=_("text"))
    def text_summary(self, obj):
        if obj.status == Status.REMOVED:
            return _("(removed by its writer)")
        return Truncator(obj.text).chars(120)

    @admin.display(description=_("story"), ordering="story__title")
    def story_column(self, obj):
        return format_html(
            '<a href="?story={}" title="{}">{}</a>',
            obj.story_id,
            _("Only this story's comments"),
            Truncator(obj.story.title).chars(60),
        )

    @admin.display(description=_("sent at"), ordering="created_at")
    def sent_at(self, obj):
        return vn_datetime(obj.created_at)

    @admin.display(description=_("moderated"))
    def moderated_column(self, obj):
        if obj.moderated_at is None:
            return ""
        person = obj.moderated_by
        who = (person.get_full_name() or person.get_username()) if person else ""
        return format_html("{} {}", who, vn_datetime(obj.moderated_at))

    def has_add_permission(self, request):
        return False  # comments come from readers

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.status == Status.REMOVED:
            return False  # nothing left of it to change
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            obj.moderate(request.user, obj.status, obj.reason)
        else:
            obj.save()

    def _decided(self, request, count, message):
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Approve the selected comments"), permissions=["change"])
    def approve(self, request, queryset):
        count = 0
        with transaction.atomic():
            for comment in queryset.exclude(status__in=[Status.APPROVED, Status.REMOVED]):
                comment.moderate(request.user, Status.APPROVED)
                count += 1
        self._decided(
            request,
            count,
            ngettext("%(count)d comment approved.", "%(count)d comments approved.", count),
        )

    @admin.action(description=_("Reject the selected comments…"), permissions=["change"])
    def reject(self, request, queryset):
        form = RejectForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            count = 0
            with transaction.atomic():
                for comment in queryset.exclude(status__in=[Status.REJECTED, Status.REMOVED]):
                    comment.moderate(request.user, Status.REJECTED, form.cleaned_data["reason"])
                    count += 1
            self._decided(
                request,
                count,
                ngettext("%(count)d comment rejected.", "%(count)d comments rejected.", count),
            )
            return None
        count = queryset.count()
        return render(
            request,
            "comments/admin/reject.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Reject comments"),
                "form": form,
                "comments": queryset.select_related("story")[:SHOWN_IN_STEP],
                "count": count,
                "more": max(0, count - SHOWN_IN_STEP),
                "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
                "select_across": request.POST.get("select_across", "0"),
                "opts": self.model._meta,
            },
        )

    @admin.action(
        description=_("Block the addresses the selected comments came from"),
        permissions=["change"],
    )
    def block_addresses(self, request, queryset):
        if not request.user.has_perm("comments.change_commentsettings"):
            raise PermissionDenied
        addresses = list(
            queryset.exclude(ip_address__isnull=True).values_list("ip_address", flat=True)
        )
        # Read afresh: the kept copy may be older than a moderator's last edit.
        count = CommentSettings._read().block(addresses)
        self.message_user(
            request,
            ngettext(
                "%(count)d address blocked: its new comments are refused.",
                "%(count)d addresses blocked: their new comments are refused.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(CommentSettings)
class CommentSettingsAdmin(HistoryAdmin):
    fields = ["open_by_default", "blocked_words", "blocked_addresses"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        settings = CommentSettings.objects.filter(pk=1).first()
        if settings is None:
            settings = CommentSettings()
            settings.save()
        return HttpResponseRedirect(
            reverse("admin:comments_commentsettings_change", args=[settings.pk])
        )


class StorySettingInline(admin.StackedInline):
    """On a story's admin page: whether readers may comment under it."""

    model = StorySetting
    fk_name = "story"
    fields = ["mode"]
    extra = 1
    max_num = 1
    can_delete = False
    verbose_name = _("readers' comments")
    verbose_name_plural = _("readers' comments")


ArticleAdmin.inlines = [*ArticleAdmin.inlines, StorySettingInline]
