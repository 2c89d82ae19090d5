"""The banners in the admin, for editors; "Đặt làm tin nóng" opens the add form filled
from a story."""

import datetime

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from articles.models import Article
from newsroom.admin_tools import HistoryAdmin

from .models import Banner

# "Live" here is a banner on show, not live coverage: a context of its own in the catalogue.
STATES = {
    "live": pgettext_lazy("banner", "Showing"),
    "upcoming": pgettext_lazy("banner", "Upcoming"),
    "ended": pgettext_lazy("banner", "Ended"),
}


@admin.register(Banner)
class BannerAdmin(HistoryAdmin):
    list_display = ["text", "level", "starts_at", "ends_at", "shown_state"]
    list_filter = ["level"]
    search_fields = ["text"]
    autocomplete_fields = []
    raw_id_fields = ["article"]

    @admin.display(description=_("state"))
    def shown_state(self, obj):
        return STATES[obj.state()]

    def get_changeform_initial_data(self, request):
        # Django fills fields from the query string ("?article=12"): "Đặt làm tin nóng"
        # adds the story's title and two hours from now, for a public story only.
        initial = super().get_changeform_initial_data(request)
        story_id = initial.pop("article", "")
        if not str(story_id).isdigit():
            return initial
        story = Article.objects.public().filter(pk=story_id).first()
        if story is not None:
            now = timezone.now().replace(second=0, microsecond=0)
            initial.update(
                text=story.title[:160],
                article=story.pk,
                starts_at=now,
                ends_at=now + datetime.timedelta(hours=2),
            )
        return initial

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
