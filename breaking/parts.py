"""The banner part at the top of every reader page (``{% part "banner" %}``)."""

from django.utils import timezone

from articles.models import Article
from newsroom.caching.parts import part

from .models import SHOWN_AT_ONCE, Banner


@part("banner", template="breaking/includes/banners.html", tags=["banners", "stories"])
def banner(request):
    banners = list(Banner.objects.live()[:SHOWN_AT_ONCE])
    linked = {b.article_id for b in banners if b.article_id}
    public = {}
    if linked:
        # Only a public story is linked: a withdrawn or scheduled one leaves the text alone.
        public = {
            a.pk: a
            for a in Article.objects.public()
            .filter(pk__in=linked)
            .only("id", "slug", "section_id", "publication_at", "title")
        }
    return {
        "banners": [(b, public.get(b.article_id)) for b in banners],
        "now": timezone.now(),
    }
