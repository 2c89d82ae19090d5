"""The desk's additions to the story admin (issue 14, checks and story list): the
"check before handing in" endpoint, bulk steps with their intermediate pages, a story
list that fits a phone, and a search box that agrees with the reader's search.

``DeskAdminMixin`` goes first in ``ArticleAdmin``'s bases."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from newsroom.validators import validate_no_control_characters, validate_publication_time

from . import bulk, checks
from .search import matching, parse_query
from .tags import clean_name, name_problem

# --- Checks before hand-in ----------------------------------------------------------------


class ChecksMixin:
    """``…/<id>/checks/`` (and ``…/checks/`` for a story not yet saved): POST the edit
    form as it stands, get ``{"ready": bool, "problems": {field: [message, …]}}`` back;
    nothing is saved."""

    def get_urls(self):
        checks_view = self.admin_site.admin_view(self.checks_view)
        return [
            path("checks/", checks_view, name="articles_article_checks_new"),
            path("<int:pk>/checks/", checks_view, name="articles_article_checks"),
            *super().get_urls(),
        ]

    def checks_view(self, request, pk=None):
        if request.method != "POST":
            return JsonResponse({"error": "POST only"}, status=405, headers={"Allow": "POST"})
        obj = None
        if pk is None:
            if not self.has_add_permission(request):
                raise PermissionDenied
        else:
            obj = self.get_object(request, str(pk))
            if obj is None:
                return JsonResponse({"error": "not found"}, status=404)
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
        data = request.POST.copy()
        data.pop("workflow_action", None)  # a check never takes a workflow step
        form = self.get_form(request, obj, change=obj is not None)(data, instance=obj)
        with transaction.atomic():  # the form reads the story's version under a lock
            form.is_valid()
        problems = {name: [str(e) for e in errors] for name, errors in form.errors.items()}
        for name, found in form.publication_problems().items():
            name = name if name in form.fields else checks.WHOLE_STORY
            shown = problems.setdefault(name, [])
            shown += [str(m) for m in found if str(m) not in shown]
        return JsonResponse({"ready": not problems, "problems": problems})

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is None or self.has_change_permission(request, obj):
            context["checks_url"] = (
                reverse("admin:articles_article_checks", args=[obj.pk])
                if obj is not None
                else reverse("admin:articles_article_checks_new")
            )
        return super().render_change_form(request, context, add, change, form_url, obj)


# --- Bulk steps ---------------------------------------------------------------------------


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        validators=[validate_no_control_characters],
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent with every selected story; kept in its workflow history."),
    )


class ScheduleForm(forms.Form):
    when = forms.SplitDateTimeField(
        label=_("Publication time"),
        widget=AdminSplitDateTime,
        validators=[validate_publication_time],
        help_text=_("Vietnam time (GMT+7)."),
    )


class SectionForm(forms.Form):
    section = forms.ModelChoiceField(label=_("Section"), queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from sections.models import Section

        self.fields["section"].queryset = Section.objects.active().select_related("parent")


class TagForm(forms.Form):
    name = forms.CharField(
        label=_("Tag"), max_length=200, validators=[validate_no_control_characters]
    )

    def clean_name(self):
        name = clean_name(self.cleaned_data["name"])
        problem = name_problem(name)
        if problem is not None:
            raise problem
        return name


# How many of the selected stories the intermediate page names.
LISTED = 30


class BulkActionsMixin:
    """Hand in, return, schedule, withdraw, move to a section, add a tag: for every
    selected story, through ``articles.bulk`` and so through the workflow's rules."""

    desk_actions = [
        "hand_in_selected",
        "return_selected",
        "schedule_selected",
        "withdraw_selected",
        "move_selected",
        "tag_selected",
    ]

    def _get_base_actions(self):
        # ``actions`` is ArticleAdmin's own list; these are added to it, in this order.
        own = [self.get_action(name) for name in self.desk_actions]
        return [*super()._get_base_actions(), *own]

    def has_review_permission(self, request):
        return request.user.has_perm("articles.review_article")

    def _report(self, request, outcome, done_message):
        for article, reason in outcome.skipped:
            self.message_user(
                request,
                format_html("{} “{}”: {}", _("Skipped"), article.title, reason),
                messages.WARNING,
            )
        if outcome.done:
            count = len(outcome.done)
            self.message_user(request, done_message(count) % {"count": count}, messages.SUCCESS)

    def _ask(self, request, queryset, form_class, title, step, done_message):
        """The intermediate page: ask for ``form_class``'s value, then take ``step``."""
        form = form_class(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            try:
                outcome = step(form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self._report(request, outcome, done_message)
                return None
        count = queryset.count()
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.opts,
            "form": form,
            "media": self.media + form.media,
            "stories": queryset[:LISTED],
            "count": count,
            "more": max(count - LISTED, 0),
            "action": request.POST.get("action", ""),
            "select_across": request.POST.get("select_across", "0"),
            "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
        }
        return TemplateResponse(request, "admin/articles/article/bulk_step.html", context)

    @admin.action(description=_("Hand in the selected stories"), permissions=["change"])
    def hand_in_selected(self, request, queryset):
        outcome = bulk.hand_in(queryset, request.user)
        self._report(request, outcome, _handed_in)

    @admin.action(
        description=_("Return the selected stories to their reporters"), permissions=["review"]
    )
    def return_selected(self, request, queryset):
        return self._ask(
            request,
            queryset,
            ReasonForm,
            _("Return to the reporters"),
            lambda data: bulk.send_back(queryset, request.user, data["reason"]),
            _returned,
        )

    @admin.action(description=_("Schedule the selected stories"), permissions=["publish"])
    def schedule_selected(self, request, queryset):
        return self._ask(
            request,
            queryset,
            ScheduleForm,
            _("Schedule"),
            lambda data: bulk.schedule(queryset, request.user, data["when"]),
            _scheduled,
        )

    @admin.action(
        description=_("Withdraw the selected stories from the site"), permissions=["publish"]
    )
    def withdraw_selected(self, request, queryset):
        return self._ask(
            request,
            queryset,
            ReasonForm,
            _("Withdraw from the site"),
            lambda data: bulk.withdraw(queryset, request.user, data["reason"]),
            _withdrawn,
        )

    @admin.action(description=_("Move the selected stories to a section"), permissions=["change"])
    def move_selected(self, request, queryset):
        return self._ask(
            request,
            queryset,
            SectionForm,
            _("Move to a section"),
            lambda data: bulk.move_to_section(queryset, request.user, data["section"]),
            _moved,
        )

    @admin.action(description=_("Add a tag to the selected stories"), permissions=["change"])
    def tag_selected(self, request, queryset):
        return self._ask(
            request,
            queryset,
            TagForm,
            _("Add a tag"),
            lambda data: bulk.add_tag(queryset, request.user, data["name"]),
            _tagged,
        )


def _handed_in(count):
    return ngettext("%(count)d story handed in.", "%(count)d stories handed in.", count)


def _returned(count):
    return ngettext(
        "%(count)d story returned to its reporter.",
        "%(count)d stories returned to their reporters.",
        count,
    )


def _scheduled(count):
    return ngettext("%(count)d story scheduled.", "%(count)d stories scheduled.", count)


def _withdrawn(count):
    return ngettext("%(count)d story withdrawn.", "%(count)d stories withdrawn.", count)


def _moved(count):
    return ngettext("%(count)d story moved.", "%(count)d stories moved.", count)


def _tagged(count):
    return ngettext("%(count)d story tagged.", "%(count)d stories tagged.", count)


# --- The story list -----------------------------------------------------------------------


class StoryListMixin:
    """A list that fits a 1440 px screen and a phone: the title is cut with an ellipsis
    (the whole title on hover), the state and time always show, and the other columns
    give way on narrow screens (``story-list.css``)."""

    def get_list_display(self, request):
        return [
            "title_cell" if name == "title" else name for name in super().get_list_display(request)
        ]

    @admin.display(description=_("title"), ordering="title")
    def title_cell(self, obj):
        return format_html('<span class="story-title" title="{}">{}</span>', obj.title, obj.title)

    @property
    def media(self):
        return super().media + forms.Media(
            css={"all": ["articles/desk.css"]}, js=["articles/desk-checks.js"]
        )


# --- Search -------------------------------------------------------------------------------


class ReaderSearchMixin:
    """The search box finds what the reader's search finds: every word, accents
    optional, whole words (``hoi nghi`` finds ``Hội nghị``, not ``nghiệm``)."""

    def get_search_results(self, request, queryset, search_term):
        terms = parse_query(search_term)
        if not terms:
            return queryset, False  # no word in it (spaces, symbols): the whole list
        return matching(queryset, terms), False


class DeskAdminMixin(ChecksMixin, BulkActionsMixin, StoryListMixin, ReaderSearchMixin):
    pass
