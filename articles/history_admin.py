"""The story's history pages in the admin: the rows of ``articles.history`` instead of
simple-history's table, a comparison of any two versions, and simple-history's restore,
one click from the comparison, behind the same permission checks."""

from django import forms
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import router, transaction
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from taggit.forms import TagWidgetMixin

from . import history
from .models import Article
from .tags import TagField

ROWS_PER_PAGE = 50


def _version_id(value):
    """A revision's id from the address, or 404: never a 500 for ``abc`` or ``1\\x00``."""
    if value is None or not str(value).isascii() or not str(value).isdigit():
        raise Http404
    number = int(value)
    if number > 2**63 - 1:
        raise Http404
    return number


def _describe(record, by_version):
    """The sentence of the step that left ``record``, or its time for a revision saved
    within a step."""
    row = by_version.get(record.history_id)
    return row.text if row is not None else history.vn_time(record.history_date)


class _HiddenTags(TagWidgetMixin, forms.HiddenInput):
    """The tags as the form's text field would hold them ("Đà Nẵng, Bão số 3")."""


class ReadableHistoryMixin:
    """For ``ArticleAdmin``, first in its bases."""

    object_history_template = "admin/articles/article/history.html"
    compare_template = "admin/articles/article/history_compare.html"

    def get_urls(self):
        return [
            # Before simple-history's ``<id>/history/<version>/``, which would take "compare".
            path(
                "<str:object_id>/history/compare/",
                self.admin_site.admin_view(self.history_compare_view),
                name=f"{self.opts.app_label}_{self.opts.model_name}_history_compare",
            ),
            *super().get_urls(),
        ]

    def _story_for_history(self, request, object_id):
        try:
            pk = self.opts.pk.to_python(unquote(object_id))
        except ValidationError:
            raise Http404 from None
        article = Article.objects.filter(pk=pk).first()
        if article is None:
            raise Http404
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        return article

    def history_view(self, request, object_id, extra_context=None):
        try:
            self.opts.pk.to_python(unquote(object_id))
        except ValidationError:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        article = self._story_for_history(request, object_id)
        rows = history.steps(article, request.user)
        page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("p"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("History: %(story)s") % {"story": article},
            "subtitle": None,
            "module_name": capfirst(self.opts.verbose_name_plural),
            "object": article,
            "opts": self.opts,
            "app_label": self.opts.app_label,
            "page_obj": page,
            "versions": [row for row in rows if row.record is not None],
            "compare_url": self._compare_url(article),
            "may_restore": self.has_change_permission(request, article),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.object_history_template, context)

    def history_compare_view(self, request, object_id):
        article = self._story_for_history(request, object_id)
        records = article.history.select_related("history_user")
        newer_id = request.GET.get("to")
        if newer_id is None:
            newer = records.order_by("-history_date", "-history_id").first()
            if newer is None:
                raise Http404
        else:
            newer = records.filter(history_id=_version_id(newer_id)).first()
        if newer is None:
            raise Http404
        rows = history.steps(article, request.user)
        by_version = {row.record.history_id: row for row in rows if row.record is not None}
        older_id = request.GET.get("from")
        if older_id is not None:
            older = records.filter(history_id=_version_id(older_id)).first()
            if older is None:
                raise Http404
        elif newer.history_id in by_version:
            # The version the step before left, not a save within the same step.
            older = by_version[newer.history_id].previous
        else:
            older = newer.prev_record
        if older is not None and (older.history_date, older.history_id) > (
            newer.history_date,
            newer.history_id,
        ):
            older, newer = newer, older
        may_restore = self.has_change_permission(request, article)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Compare versions: %(story)s") % {"story": article},
            "subtitle": None,
            "module_name": capfirst(self.opts.verbose_name_plural),
            "object": article,
            "opts": self.opts,
            "app_label": self.opts.app_label,
            "older": older,
            "newer": newer,
            "older_text": _describe(older, by_version) if older else None,
            "newer_text": _describe(newer, by_version),
            "changes": history.compare(older, newer) if older is not None else None,
            "versions": [row for row in rows if row.record is not None],
            "compare_url": self._compare_url(article),
            "history_url": reverse("admin:articles_article_history", args=[article.pk]),
            "may_restore": may_restore,
            "restore_older": self._restore_fields(request, older) if may_restore and older else "",
            "restore_newer": self._restore_fields(request, newer) if may_restore else "",
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.compare_template, context)

    def _restore_fields(self, request, record):
        """The revert form of ``record`` as hidden fields: "Restore" posts them to
        simple-history's revert page, which checks and saves them as its own button does."""
        old = record.instance
        old._state.adding = False
        form = self.get_form(request, old, change=True)(instance=old)
        return format_html_join(
            "",
            "{}",
            (
                (
                    field.as_widget(_HiddenTags())
                    if isinstance(field.field, TagField)
                    else (field.as_hidden()),
                )
                for field in form
            ),
        )

    def _compare_url(self, article):
        return reverse("admin:articles_article_history_compare", args=[article.pk])

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history looks the revision up by the raw id: ``abc`` would be a 500.
        _version_id(version_id)
        # One transaction, as Django's own change form has: a restore is checked (the
        # story's row locked against a concurrent save) and saved as one step.
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        if getattr(request, "reverting_article", False):
            # The history names the row "restored an earlier version".
            obj._change_reason = history.RESTORED
        super().save_model(request, obj, form, change)

    def response_change(self, request, obj):
        response = super().response_change(request, obj)
        if getattr(request, "reverting_article", False) and response.status_code == 302:
            # Restored: back to the story, not the list of every story.
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[obj.pk]))
        return response
