"""The newsroom's desk: stories with their workflow, and the outlets they come from."""

import json

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections
from django.db.models import Count, Exists, OuterRef, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.models import Tag

from images.admin import missing_alt_text_panel
from images.editor import LibraryPhotosAdminMixin
from images.widgets import ImagePickerWidget
from newsroom import admin_tools
from newsroom.admin_tools import HistoryAdmin, LargeTablePaginator
from newsroom.html import sanitize
from newsroom.templatetags.newsroom import vn_date
from newsroom.validators import validate_no_control_characters

from . import checks, workflow
from .admin_desk import DeskAdminMixin
from .history_admin import ReadableHistoryMixin
from .models import Article, Source, Status
from .preview import signed_preview_url
from .seo_admin import SeoAdminMixin
from .tags import TagField, clean_name, name_problem

AUTHORS_HELP_TEXT = _(
    "Set by editors. A reporter's new story is credited to the reporter who writes it; "
    "ask the desk to add a co-author."
)


class ArticleAdminForm(forms.ModelForm):
    workflow_action = forms.CharField(required=False, widget=forms.HiddenInput)
    expected_version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    workflow_comment = forms.CharField(
        # Context: django-simple-history's history page has a "Comment" of its own.
        label=pgettext_lazy("workflow step", "Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[validate_no_control_characters],
        help_text=_(
            "Sent with “Return to reporter” or “Withdraw”; kept in the story's workflow history."
        ),
    )
    tags = TagField(required=False)

    request = None  # set by ArticleAdmin.get_form

    class Meta:
        model = Article
        fields = [
            "title",
            "lead",
            "body",
            "section",
            "tags",
            "authors",
            "byline",
            "featured_image",
            "is_republished",
            "source",
            "source_url",
            "source_author",
            "source_published_at",
            "publication_at",
            "featured_on_home",
            "home_order",
            "internal_note",
        ]
        # Also shown under the read-only list a reporter sees.
        help_texts = {"authors": AUTHORS_HELP_TEXT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "authors" in self.fields:
            # Someone who has left is offered no more, but stays on the stories they wrote.
            field = self.fields["authors"]
            kept = Q(is_active=True)
            if self.instance.pk:
                kept |= Q(pk__in=self.instance.authors.values("pk"))
            field.queryset = field.queryset.filter(kept)
        if self.instance.pk and not self.is_bound:
            # The version in the database, not the instance's: a revert form holds an old one.
            self.initial["expected_version"] = (
                Article.objects.filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )

    def full_clean(self):
        super().full_clean()
        # Drop refused ids from what the page shows again: a crafted value that is not even
        # a number would crash the autocomplete widgets. The error message stays.
        refused = [
            name
            for name, field in self.fields.items()
            if name in self._errors
            and isinstance(field, forms.ModelChoiceField)
            # A story not ready to publish keeps the choices made (say, a featured image
            # that lacks its alt text).
            and any(e.code != "not_ready" for e in self._errors[name].as_data())
        ]
        if refused:
            self.data = self.data.copy()
            for name in refused:
                self.data.pop(self.add_prefix(name), None)

    def _post_clean(self):
        super()._post_clean()
        if self.instance.pk:
            self._check_version()
        name = self.cleaned_data.get("workflow_action") or ""
        if name and not self.errors:
            self._check_action(name)
        elif not name and not self.errors and self.instance.status == Status.PUBLISHED:
            # A live or scheduled story keeps meeting the rules it was published under.
            self._check_publishable()

    def _check_version(self):
        current = (
            # Lock the story's row only: PostgreSQL cannot lock the outer-joined editor.
            Article.objects.select_for_update(of=("self",))
            .filter(pk=self.instance.pk)
            .values_list("version", "last_edited_by__username")
            .first()
        )
        expected = self.cleaned_data.get("expected_version")
        if expected is None and not getattr(self.request, "reverting_article", False):
            # Only a restore from the history page may save without the version it read.
            self.add_error(
                None,
                ValidationError(
                    _("This form is out of date. Reload the page and apply your changes again."),
                    code="no_version",
                ),
            )
        elif current and expected is not None and current[0] != expected:
            self.add_error(
                None,
                ValidationError(
                    _(
                        "Someone (%(user)s) saved this story after you opened it. Your changes "
                        "were not saved: copy them, reload the page and apply them again."
                    ),
                    code="conflict",
                    params={"user": current[1] or "?"},
                ),
            )

    def _check_action(self, name):
        action = workflow.ACTIONS.get(name)
        if action is None or not action.allowed(self.request.user, self.instance):
            raise PermissionDenied
        if action.needs_comment and not self.cleaned_data.get("workflow_comment", "").strip():
            self.add_error("workflow_comment", _("Write a comment saying why."))
        if action in workflow.GATED:
            self._check_publishable()

    def publication_problems(self):
        # Check the body as it will be stored: the sanitiser's parser may read an image's
        # alt text differently from the raw input.
        return checks.publication_problems(self.instance, body=sanitize(self.instance.body))

    def _check_publishable(self):
        for field, problems in self.publication_problems().items():
            # Next to its field, or above the form when this person cannot edit the field.
            field = field if field in self.fields else None
            for problem in problems:
                self.add_error(field, ValidationError(problem, code="not_ready"))


class PublicationFilter(admin.SimpleListFilter):
    """Published stories split by whether readers see them yet."""

    title = _("publication")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [("live", _("Live on the site")), ("scheduled", _("Scheduled"))]

    def queryset(self, request, queryset):
        if self.value() == "live":
            return queryset.public()
        if self.value() == "scheduled":
            return queryset.scheduled()
        return queryset


class AuthorFilter(admin.SimpleListFilter):
    """Stories by one of their authors, through EXISTS: filtering across the authors
    relation with a join would make the admin add DISTINCT over every column of the list
    and sort the whole result to apply it."""

    title = _("authors")
    parameter_name = "authors__id__exact"

    def lookups(self, request, model_admin):
        people = get_user_model().objects.filter(is_staff=True)
        return [
            (person.pk, person.get_full_name() or person.username)
            for person in people.order_by("last_name", "first_name", "username")
        ]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        if not self.value().isdigit():
            raise IncorrectLookupParameters(self.value())
        links = Article.authors.through.objects.filter(
            article_id=OuterRef("pk"), user_id=int(self.value())
        )
        return queryset.filter(Exists(links))


class StoryListPaginator(LargeTablePaginator):
    """Besides the unfiltered list (``LargeTablePaginator``), a filtered or searched list
    that PostgreSQL expects to hold more than ``EXACT_COUNT_LIMIT`` stories shows that
    estimate: counting a million published stories exactly takes a good part of a second
    on every load."""

    @cached_property
    def count(self):
        queryset = self.object_list
        query = getattr(queryset, "query", None)
        connection = connections[queryset.db] if query is not None else None
        if connection is not None and connection.vendor == "postgresql" and query.where:
            sql, params = queryset.order_by().values("pk").query.sql_with_params()
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
                plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            estimate = int(plan[0]["Plan"]["Plan Rows"])
            if estimate > admin_tools.EXACT_COUNT_LIMIT:
                return estimate
        return super().count


@admin.register(Article)
class ArticleAdmin(
    ReadableHistoryMixin, SeoAdminMixin, LibraryPhotosAdminMixin, DeskAdminMixin, HistoryAdmin
):
    form = ArticleAdminForm
    change_form_template = "admin/articles/article/change_form.html"
    change_list_template = "admin/articles/article/change_list.html"
    list_display = ["title", "state", "section", "author_names", "publication_time", "last_update"]
    list_filter = [
        "status",
        PublicationFilter,
        # Plain related filters list the (small) related tables; the "related only" kind
        # would scan the whole story table with DISTINCT on every load.
        "section",
        AuthorFilter,
        ("publication_at", admin.DateFieldListFilter),
        "featured_on_home",
        "source",
    ]
    list_select_related = ["section", "section__parent"]
    list_per_page = 50
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER  # facet counts scan the whole table
    paginator = StoryListPaginator
    search_fields = ["title"]  # shows the search box; DeskAdminMixin does the search
    search_help_text = _("Title, lead or body; accents optional (“hoi nghi” finds “Hội nghị”).")
    autocomplete_fields = ["section", "source"]  # featured_image and authors: see below
    filter_horizontal = ["authors"]
    readonly_fields = [
        "body_as_published",
        "state",
        "workflow_history",
        "first_published_at",
        "images_missing_alt_text",
    ]
    actions = ["publish_now"]
    history_list_display = ["state_then"]

    fieldsets = [
        (None, {"fields": ["title", "lead", "body"]}),
        (_("Section, tags and byline"), {"fields": ["section", "tags", "authors", "byline"]}),
        (_("Featured image"), {"fields": ["featured_image", "images_missing_alt_text"]}),
        (
            _("Source"),
            {
                "fields": [
                    "is_republished",
                    "source",
                    "source_url",
                    "source_author",
                    "source_published_at",
                ]
            },
        ),
        (
            _("Publication"),
            {
                "fields": [
                    "state",
                    "publication_at",
                    "first_published_at",
                    "featured_on_home",
                    "home_order",
                ]
            },
        ),
        (_("Workflow"), {"fields": ["workflow_comment", "internal_note", "workflow_history"]}),
    ]

    def get_ordering(self, request):
        if request.user.has_perm("articles.change_any_article"):
            return super().get_ordering(request)
        # A reporter's own work in progress first, not behind their published stories.
        return ["-created_at"]

    def get_fieldsets(self, request, obj=None):
        swap = {}
        if obj is not None and not self.has_change_permission(request, obj):
            # Read-only: show the body as readers see it.
            swap["body"] = "body_as_published"
        user = request.user
        if (
            obj is None
            or not self.has_change_permission(request, obj)
            or not (
                user.has_perm("articles.review_article")
                or user.has_perm("articles.publish_article")
            )
        ):
            # The comment goes with returning or withdrawing, which only editors do.
            swap["workflow_comment"] = None
        if not swap:
            return self.fieldsets
        return [
            (
                name,
                {
                    **options,
                    "fields": [
                        swap.get(f, f) for f in options["fields"] if swap.get(f, f) is not None
                    ],
                },
            )
            for name, options in self.fieldsets
        ]

    # Who may see and change what: the rules live in articles.workflow.

    def get_queryset(self, request):
        return super().get_queryset(request).editable_by(request.user).prefetch_related("authors")

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return super().has_view_permission(request)
        return workflow.can_view(request.user, obj)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return workflow.can_edit(request.user, obj)

    def has_publish_permission(self, request):
        return request.user.has_perm("articles.publish_article")

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # django-simple-history checks the old revision (a draft, say) and does not check
        # the right to change on POST; what counts is the story as it is now.
        current = self.get_object(request, unquote(object_id))
        if current is None or not self.has_view_permission(request, current):
            raise PermissionDenied
        if request.method == "POST" and not self.has_change_permission(request, current):
            raise PermissionDenied
        request.reverting_article = True
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        if obj is not None and obj.pk is not None:
            obj = Article.objects.filter(pk=obj.pk).first() or obj
        return super().revert_disabled(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.has_perm("articles.publish_article"):
            fields += ["publication_at", "featured_on_home", "home_order"]
        if not request.user.has_perm("articles.change_any_article"):
            # Who is credited is the desk's decision: a reporter could otherwise put a
            # colleague's name on a story (and give them its draft).
            fields += ["authors"]
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"request": request})

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("authors", [request.user.pk])
        return initial

    def save_model(self, request, obj, form, change):
        if change:
            # Workflow fields change only through workflow actions, never by a form or a
            # history revert.
            current = Article.objects.get(pk=obj.pk)
            obj.status = current.status
            obj.first_published_at = current.first_published_at
            obj.created_by_id = current.created_by_id
            obj.version = current.version + 1
        else:
            obj.created_by = request.user
        obj.last_edited_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        if (not change and "authors" not in form.fields) or (
            not article.authors.exists() and not article.byline
        ):
            article.authors.add(request.user)
        name = form.cleaned_data.get("workflow_action")
        if name:
            workflow.transition(
                article,
                name,
                request.user,
                comment=form.cleaned_data.get("workflow_comment", ""),
                publication_at=form.cleaned_data.get("publication_at"),
            )
            self.message_user(request, self._done_message(article, name), messages.SUCCESS)

    def _done_message(self, article, name):
        if name == "publish" and article.is_scheduled:
            return _("Scheduled: the story goes live at %(time)s.") % {
                "time": vn_date(article.publication_at)
            }
        return {
            "submit": _("Handed in for review."),
            "return": _("Returned to the reporter with your comment."),
            "publish": _("Published."),
            "withdraw": _("Withdrawn: the story is no longer on the site."),
        }[name]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        article = obj or Article(status=Status.DRAFT)
        context["workflow_actions"] = workflow.allowed_actions(request.user, article)
        if obj is not None:
            context["preview_url"] = reverse("articles:preview", args=[obj.pk])
            if obj.status in (Status.RETURNED, Status.WITHDRAWN):
                # Why it was returned or withdrawn, at the top where the reporter looks.
                context["latest_step"] = (
                    obj.transitions.filter(to_status=obj.status).select_related("actor").first()
                )
            if self.has_publish_permission(request):
                context["publication_problems"] = checks.problem_list(
                    checks.publication_problems(obj)
                )
                context["preview_link_url"] = reverse(
                    "admin:articles_article_preview_link", args=[obj.pk]
                )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "featured_image":
            # Thumbnails, captions and sizes instead of ids (the image library's picker).
            kwargs["widget"] = ImagePickerWidget(db_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "authors":
            # A list rather than an autocomplete: that would need the right to view user
            # accounts, which neither role has (nor needs).
            field.queryset = field.queryset.order_by("last_name", "first_name", "username")
            field.label_from_instance = lambda user: user.get_full_name() or user.username
        return field

    # Columns

    @admin.display(description=_("images without alt text"))
    def images_missing_alt_text(self, obj):
        return missing_alt_text_panel(obj)

    @admin.display(description=_("state"), ordering="status")
    def state(self, obj):
        if obj.pk is None:
            return Status.DRAFT.label
        if obj.is_scheduled:
            return format_html(
                '<span class="state state-scheduled">{} {}</span>',
                _("Scheduled for"),
                vn_date(obj.publication_at),
            )
        return format_html(
            '<span class="state state-{}">{}</span>', obj.status, obj.get_status_display()
        )

    @admin.display(description=_("state"))
    def state_then(self, record):
        return record.get_status_display()

    @admin.display(description=_("body"))
    def body_as_published(self, obj):
        # Article.save cleans the body with the nh3 allow-list: it is safe to show as HTML.
        return mark_safe(obj.body)

    @admin.display(description=_("publication time"), ordering="publication_at")
    def publication_time(self, obj):
        return vn_date(obj.publication_at) or "—"

    @admin.display(description=_("last updated"), ordering="updated_at")
    def last_update(self, obj):
        return vn_date(obj.updated_at)

    @admin.display(description=_("authors"))
    def author_names(self, obj):
        names = [u.get_full_name() or u.username for u in obj.authors.all()]
        if obj.byline:
            names.append(obj.byline)
        return ", ".join(names)

    @admin.display(description=_("workflow history"))
    def workflow_history(self, obj):
        if obj.pk is None:
            return "—"
        steps = obj.transitions.select_related("actor")
        if not steps:
            return _("No workflow steps yet.")
        return format_html(
            "<ol class='workflow-history'>{}</ol>",
            format_html_join(
                "",
                "<li><strong>{}</strong> {} → {} · {}<br>{}</li>",
                (
                    (
                        vn_date(s.at),
                        s.get_from_status_display(),
                        s.get_to_status_display(),
                        (s.actor.get_full_name() or s.actor.username) if s.actor else "?",
                        s.comment,
                    )
                    for s in steps
                ),
            ),
        )

    # Extra views

    def get_urls(self):
        return [
            path(
                "<int:pk>/preview-link/",
                self.admin_site.admin_view(self.preview_link_view),
                name="articles_article_preview_link",
            ),
            *super().get_urls(),
        ]

    def preview_link_view(self, request, pk):
        article = get_object_or_404(Article, pk=pk)
        if not (self.has_publish_permission(request) and workflow.can_view(request.user, article)):
            raise PermissionDenied
        url = request.build_absolute_uri(signed_preview_url(article))
        self.message_user(
            request,
            format_html(
                "{} <input type='text' readonly size='90' value='{}' class='preview-link'>",
                _("Preview link (valid for %(hours)s hours):") % {"hours": _hours()},
                url,
            ),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[pk]))

    def changelist_view(self, request, extra_context=None):
        extra_context = extra_context or {}
        if request.user.has_perm("articles.publish_article"):
            extra_context["scheduled_next"] = (
                Article.objects.scheduled().select_related("section").order_by("publication_at")[:5]
            )
        return super().changelist_view(request, extra_context)

    # Bulk actions

    @admin.action(description=_("Publish the selected stories now"), permissions=["publish"])
    def publish_now(self, request, queryset):
        published = 0
        for article in queryset:
            # "Now" brings a scheduled story forward; a live one keeps its time.
            when = timezone.now() if article.is_scheduled else None
            try:
                workflow.transition(article, "publish", request.user, publication_at=when)
            except (PermissionDenied, ValidationError) as error:
                reasons = "; ".join(getattr(error, "messages", [str(error)]))
                self.message_user(request, f"{article.title}: {reasons}", messages.ERROR)
            else:
                published += 1
        if published:
            self.message_user(
                request,
                ngettext(
                    "%(count)d story published.",
                    "%(count)d stories published.",
                    published,
                )
                % {"count": published},
                messages.SUCCESS,
            )


def _hours():
    from django.conf import settings

    return settings.PREVIEW_LINK_MAX_AGE // 3600


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "url", "story_count"]
    search_fields = ["name"]
    ordering = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(story_count=Count("articles"))

    @admin.display(description=_("stories"), ordering="story_count")
    def story_count(self, obj):
        url = reverse("admin:articles_article_changelist") + f"?source__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, obj.story_count)


class TagAdminForm(forms.ModelForm):
    class Meta:
        model = Tag
        fields = ["name", "slug"]

    def clean_name(self):
        name = clean_name(self.cleaned_data["name"])
        problem = name_problem(name)
        if problem is not None:
            raise problem
        return name


admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(TaggitTagAdmin):
    """taggit's, refusing with a message a name that cannot have an address."""

    form = TagAdminForm

    def merge_tags_view(self, request):
        if request.method == "POST":
            problem = name_problem(clean_name(request.POST.get("new_tag_name", "")))
            if problem is not None:
                self.message_user(request, problem.messages[0], messages.ERROR)
                return HttpResponseRedirect(request.get_full_path())
        return super().merge_tags_view(request)
