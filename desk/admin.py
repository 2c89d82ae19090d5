"""The notifications page: everyone's own notifications, newest first, each linking to its
story; mark the chosen ones read, or all of them. Nobody adds, edits or deletes one, and
nobody sees another person's."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from newsroom.templatetags.newsroom import vn_datetime

from .models import Notification


class UnreadFilter(admin.SimpleListFilter):
    title = _("read")
    parameter_name = "unread"

    def lookups(self, request, model_admin):
        return [("1", _("Unread"))]

    def queryset(self, request, queryset):
        return queryset.unread() if self.value() == "1" else queryset


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    change_list_template = "admin/desk/notification/change_list.html"
    list_display = ["what", "when", "state"]
    list_display_links = None
    list_filter = [UnreadFilter, "kind"]
    list_per_page = 50
    actions = ["mark_read"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .for_user(request.user)
            .select_related("article", "actor")
            .defer("article__body", "article__search_text", "article__search_vector")
        )

    # Every member of staff has an inbox: of their own notifications only (get_queryset).

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request) and (
            obj is None or obj.recipient_id == request.user.pk
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("notification"))
    def what(self, obj):
        # Through "open": the notification is read once its story is opened.
        link = reverse("admin:desk_notification_open", args=[obj.pk])
        reason = format_html("<br>{}: {}", _("Reason"), obj.reason) if obj.reason else ""
        return format_html(
            '<a href="{}" class="notification{}">{}</a>{}',
            link,
            "" if obj.is_read else " notification--unread",
            obj.message,
            reason,
        )

    @admin.display(description=_("when"), ordering="created")
    def when(self, obj):
        return vn_datetime(obj.created)

    @admin.display(description=_("state"))
    def state(self, obj):
        return _("Read") if obj.is_read else _("Unread")

    @admin.action(description=_("Mark the selected notifications read"))
    def mark_read(self, request, queryset):
        # queryset is get_queryset's: the person's own, whatever ids were posted.
        done = queryset.mark_read()
        self.message_user(
            request,
            ngettext(
                "%(count)d notification marked read.",
                "%(count)d notifications marked read.",
                done,
            )
            % {"count": done},
            messages.SUCCESS,
        )

    def get_urls(self):
        return [
            path(
                "read-all/",
                self.admin_site.admin_view(self.read_all_view),
                name="desk_notification_read_all",
            ),
            path(
                "<int:pk>/open/",
                self.admin_site.admin_view(self.open_view),
                name="desk_notification_open",
            ),
            *super().get_urls(),
        ]

    def open_view(self, request, pk):
        """Mark one of the person's own notifications read and open its story. Someone
        else's is a 404, as a notification that does not exist."""
        notification = get_object_or_404(self.get_queryset(request), pk=pk)
        Notification.objects.filter(pk=notification.pk).mark_read()
        return HttpResponseRedirect(
            reverse("admin:articles_article_change", args=[notification.article_id])
        )

    def read_all_view(self, request):
        if request.method != "POST":
            return HttpResponseRedirect(reverse("admin:desk_notification_changelist"))
        if not self.has_module_permission(request):
            raise PermissionDenied
        Notification.objects.for_user(request.user).mark_read()
        self.message_user(request, _("All your notifications are marked read."), messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:desk_notification_changelist"))
