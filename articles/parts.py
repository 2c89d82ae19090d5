"""The parts of the reader's pages kept between requests (``{% part "name" … %}`` in a
template; see ``newsroom.caching.parts``). Each says what it shows, what it depends on and
how long it may live; none is named anywhere else in Python.

- the site's header and footer: the sections and the site settings;
- a story as its page shows it, and its tags for search engines: the story (any story
  change, since a byline, a tag or a photo shown in it may be what changed);
- "related", "latest" and "most read": which stories are public. "Most read" also
  follows the views, so it lives ``PAGE_CACHE_TIMEOUT`` seconds at most."""

from django.conf import settings
from django.db.models import prefetch_related_objects

from images.templatetags.images import responsive_body
from newsroom.caching.parts import part

from . import body as body_hooks
from . import lists
from .navigation import section_tree

STORIES = ["stories"]
# What shows story cards: each names its story's section and links to it.
CARDS = [*STORIES, "sections"]


@part("card", template="includes/story_card.html", tags=CARDS)
def card(request, story, size="row", level=3, show_meta=False, show_lead=False, eager=False):
    """One story in a list, in one of the named styles of ``includes/story_card.html``."""
    return {
        "story": story,
        "size": size,
        "level": level,
        "show_meta": show_meta,
        "show_lead": show_lead,
        "eager": eager,
    }


@part("header", template="includes/header.html", tags=["sections", "settings"])
def header(request, section=None, page=None):
    # The header marks the current section, and the home link on the home page only.
    return {"current_section_id": section, "page": page}


@part("footer", template="includes/footer.html", tags=["sections", "settings"])
def footer(request):
    return {}


@part("story", template="articles/includes/story.html", tags=STORIES)
def story(request, article, preview=False):
    article = lists.whole(request, article)
    # Read once for every part of the page that shows them (here and story_meta).
    prefetch_related_objects([article], "authors", "tags")
    return {
        "article": article,
        "image": article.featured_image,
        "preview": preview,
        # Cleaned with the nh3 allow-list in Article.save, and again here.
        "body": body_hooks.render(responsive_body(article.body), article),
        "share_url": request.build_absolute_uri(article.get_absolute_url()),
    }


@part("story_meta", template="includes/seo_meta.html", tags=[*CARDS, "settings"])
def story_meta(request, article):
    article = lists.whole(request, article)
    prefetch_related_objects([article], "authors", "tags")
    return {"article": article}


@part("related", template="articles/includes/related.html", tags=CARDS)
def related(request, article):
    return {"stories": lists.related(lists.whole(request, article))}


@part("latest", template="articles/includes/latest.html", tags=CARDS)
def latest(request, but=None):
    return {"stories": lists.latest(but)}


@part(
    "most_read",
    template="includes/most_read.html",
    tags=CARDS,
    ttl=lambda: settings.PAGE_CACHE_TIMEOUT,
)
def most_read(request, section=None, but=None):
    if not section:  # the whole site's
        return {"stories": lists.most_read(but=but or None)}
    tree = section_tree(request)
    ids = tree.descendant_ids(tree.by_id[section])
    return {"stories": lists.most_read(ids, scope=f"section:{section}", but=but)}
