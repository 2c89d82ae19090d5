"""Topics in the admin. Editors create and change topics and pin their stories; on a
story's own admin page its author (reporter or editor) adds it to existing topics
(``TopicStoryInline`` joins ``ArticleAdmin``'s inlines, articles/admin.py untouched).
Pinning stays with editors."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from articles.admin import ArticleAdmin
from newsroom.admin_tools import HistoryAdmin
from newsroom.text import fold

from .models import Topic, TopicStory

PIN = "topics.change_topic"


class PinnedStoryInline(admin.TabularInline):
    model = TopicStory
    fields = ["story", "pinned", "order"]
    autocomplete_fields = ["story"]
    extra = 0
    verbose_name = _("story")
    verbose_name_plural = _("stories (pinned ones first, by their order)")


@admin.register(Topic)
class TopicAdmin(HistoryAdmin):
    list_display = ["title", "kind", "is_active", "updated_at"]
    list_filter = ["kind", "is_active"]
    search_fields = ["title"]
    search_help_text = _("Title; accents optional (“bao so 3” finds “Bão số 3”).")
    # No prepopulated_fields: the admin's URLify drops Vietnamese letters ("Mùa nước nổi"
    # gave "mua-nc-ni"); an empty address is made on save by vietnamese_slugify.
    autocomplete_fields = ["cover"]
    fields = ["kind", "title", "slug", "description", "cover", "is_active"]
    inlines = [PinnedStoryInline]

    def get_search_results(self, request, queryset, search_term):
        terms = fold(search_term).split()
        if not terms:
            return queryset, False
        # Topics are few: their titles are folded here rather than in a column of their own.
        found = [
            pk
            for pk, title in queryset.values_list("pk", "title")
            if all(term in fold(title) for term in terms)
        ]
        return queryset.filter(pk__in=found), False


class TopicStoryInline(admin.TabularInline):
    """On a story's admin page: the topics it belongs to."""

    model = TopicStory
    fk_name = "story"
    fields = ["topic", "pinned", "order"]
    autocomplete_fields = ["topic"]
    extra = 0
    verbose_name = _("topic")
    verbose_name_plural = _("topics and series")

    def get_readonly_fields(self, request, obj=None):
        if request.user.has_perm(PIN):
            return []
        return ["pinned", "order"]


ArticleAdmin.inlines = [*ArticleAdmin.inlines, TopicStoryInline]
