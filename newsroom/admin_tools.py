"""Admin helpers shared by the apps' admin modules."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property
from simple_history.admin import SimpleHistoryAdmin

from .text import fold

# Below this many rows an exact COUNT(*) is cheap enough to run on every page load.
EXACT_COUNT_LIMIT = 100_000


class LargeTablePaginator(Paginator):
    """Uses PostgreSQL's row estimate for an unfiltered list of a large table instead of
    a full ``COUNT(*)`` on every changelist load."""

    @cached_property
    def count(self):
        queryset = self.object_list
        query = getattr(queryset, "query", None)
        if query is not None and not query.where and not query.distinct:
            connection = connections[queryset.db]
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                        [queryset.model._meta.db_table],
                    )
                    row = cursor.fetchone()
                if row and row[0] > EXACT_COUNT_LIMIT:
                    return row[0]
        return super().count


class FoldedSearchMixin:
    """Diacritic-insensitive admin search over a pre-folded text column: ``hoi nghi``
    finds ``Hội nghị`` on SQLite and PostgreSQL alike."""

    folded_search_field = "search_text"

    def get_search_results(self, request, queryset, search_term):
        terms = fold(search_term).split()
        for term in terms[:10]:
            queryset = queryset.filter(**{f"{self.folded_search_field}__contains": term})
        return queryset, False


class CheckedHistoryMixin:
    """For a ``SimpleHistoryAdmin``: the history page of an address whose id cannot be an
    id redirects as the change page does. (simple-history filters by the id before anything
    checks that it is one: ``…/abc/history/`` failed.) A real id keeps simple-history's own
    answers, 403 for a story this person may not see included."""

    def history_view(self, request, object_id, extra_context=None):
        try:
            self.opts.pk.to_python(unquote(object_id))
        except ValidationError:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return super().history_view(request, object_id, extra_context)


class HistoryAdmin(CheckedHistoryMixin, SimpleHistoryAdmin):
    """The admin of a model with a history: simple-history's, its history page refusing
    an address whose id cannot be one (a redirect, never a 500)."""
