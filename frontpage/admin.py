"""The front page boards in the admin: the list of boards (the home page's always there),
each opening its board screen (``frontpage.board``); editions stay listed for the record,
read-only for everyone: they are made, changed, scheduled and cancelled on the board
screen, where the rules (``frontpage.editing``) are checked."""

from django.contrib import admin
from django.db.models import F
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from newsroom.templatetags.newsroom import vn_datetime
from sections.models import Section

from .board import BoardScreen
from .models import Board, Edition, Slot


class ReadOnly:
    """Looked at, never changed here: no add, change or delete for anyone (superusers
    too); the view permission keeps the list and the pages."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SlotInline(ReadOnly, admin.TabularInline):
    model = Slot
    extra = 0
    fields = ["name", "position", "story", "title", "lead", "image"]


@admin.register(Board)
class BoardAdmin(BoardScreen, admin.ModelAdmin):
    list_display = ["board", "live_edition", "history"]
    list_display_links = None
    change_form_template = "admin/frontpage/board/change_form.html"

    def get_readonly_fields(self, request, obj=None):
        return ["section"] if obj is not None else []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "section":
            # A new board is a top-level section's: the home page's exists already.
            kwargs["queryset"] = Section.objects.filter(parent__isnull=True, board__isnull=True)
            kwargs["required"] = True
            kwargs["help_text"] = _("Top-level sections only; the home page has its board.")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def changelist_view(self, request, extra_context=None):
        if self.has_view_or_change_permission(request):
            # An editor always finds the home page's board to open.
            Board.objects.get_or_create(page="home")
        return super().changelist_view(request, extra_context)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("section")
            .order_by(F("section__order").asc(nulls_first=True), "section__name")
        )

    @admin.display(description=_("board"))
    def board(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:frontpage_board_screen", args=[obj.pk]), obj
        )

    @admin.display(description=_("live now"))
    def live_edition(self, obj):
        live = Edition.objects.live(obj)
        if live is None:
            return _("No edition: the newest stories")
        return _("Edition #%(number)s since %(time)s") % {
            "number": live.pk,
            "time": vn_datetime(live.publish_at),
        }

    @admin.display(description=_("history"))
    def history(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:frontpage_board_editions", args=[obj.pk]),
            _("Editions"),
        )


@admin.register(Edition)
class EditionAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["__str__", "status", "publish_at", "created_by", "created_at", "on_the_board"]
    list_filter = ["status", "board"]
    list_select_related = ["board__section", "created_by"]
    inlines = [SlotInline]
    fields = ["board", "status", "publish_at", "topic", "created_by", "created_at", "version"]

    @admin.display(description=_("on the board screen"))
    def on_the_board(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:frontpage_board_edition", args=[obj.board_id, obj.pk]),
            _("View"),
        )
