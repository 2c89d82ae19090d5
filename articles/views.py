"""The reader's pages (home, sections, tags, authors, stories, search), the view-count
beacon behind "most read", and the newsroom's previews.

A reader's page is a ``cached_page``: kept whole for anonymous readers. The parts pages
share (header, footer, a story, "latest", "related", "most read") are rendered by their
templates with ``{% part %}`` (``articles.parts``); the views know nothing of either.

Every list a reader sees starts from ``Article.objects.public()`` (``articles.lists``);
every page runs a fixed number of queries whatever the number of stories."""

import hashlib

from django.contrib.auth import get_user_model
from django.core import signing
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import cached_property
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from taggit.models import Tag

from newsroom import caching
from newsroom.caching.http import PRIVATE, cached_page
from newsroom.security import log_event

from . import beacon, lists, workflow
from .lists import card_stories
from .models import Article, ArticleDailyViews
from .navigation import section_tree
from .preview import PreviewLinkExpired, article_id_from_token
from .search import highlighted, parse_query

PER_PAGE = 20
# A tag may be on a large share of all stories: its list counts (and pages) this many at
# most. Counting every story of such a tag among a million takes a second.
TAG_COUNT_CAP = 10_000


class StoryPaginator(Paginator):
    """Pages of public stories, newest first, each read through
    ``ArticleQuerySet.window``, which finds its ids from an index alone, so a deep page
    costs about what the first one does. The count and each page's stories are kept
    until the stories change."""

    def __init__(self, name, stories, per_page, section_ids=None, cap=None):
        super().__init__(stories, per_page)
        self.name, self.section_ids, self.cap = name, section_ids, cap

    @cached_property
    def count(self):
        """Kept until the stories change: counting a large section takes a while."""
        stories = self.object_list.order_by()
        if self.cap is not None:
            stories = stories.values("pk")[: self.cap]
        return caching.remember(
            f"count:{self.name}", stories.count, tags=["stories", "sections"], ttl=86400
        )

    def page(self, number):
        number = self.validate_number(number)
        offset = (number - 1) * self.per_page

        def stories():
            return list(self.object_list.window(offset, self.per_page, self.section_ids))

        listed = caching.remember(
            f"page:{self.name}:{number}", stories, tags=["stories", "sections"], ttl=86400
        )
        return self._get_page(listed, number, self)


def _page(request, name, stories, section_ids=None, cap=None):
    """One page of ``stories`` (newest first); an address past the end or a ``?page=``
    that is not a page number is not found. With ``cap``, the list counts (and pages)
    that many stories at most."""
    try:
        return StoryPaginator(name, stories, PER_PAGE, section_ids, cap).page(
            request.GET.get("page") or 1
        )
    except InvalidPage as error:
        raise Http404(str(error)) from error


@cached_page
def home(request):
    return render_home(request, *lists.home(section_tree(request)))


def render_home(request, top, latest, blocks, spotlight):
    """The home page with these lists (the board's preview shows a draft's the same way)."""
    return render(
        request,
        "articles/home.html",
        {
            "lead": top[0] if top else None,
            "featured": top[1:],
            "latest": latest,
            "blocks": blocks,
            "spotlight": spotlight,
        },
    )


@cached_page
def section(request, path):
    tree = section_tree(request)
    current, canonical = tree.find(path)
    if current is None:
        raise Http404
    if not canonical:
        return redirect(current, permanent=True)
    section_ids = tree.descendant_ids(current)
    stories = card_stories().in_sections(section_ids)
    page = _page(request, f"section:{current.pk}", stories, section_ids=section_ids)
    top = lists.section_top(tree, current) if page.number == 1 else []
    return render_section(request, tree, current, page, top)


def render_section(request, tree, section, page, top):
    """A section's page of stories, ``top`` (its board's lead and sub-leads) above them
    (the board's preview shows a draft's the same way)."""
    return render(
        request,
        "articles/section.html",
        {
            "section": section,
            "lead": top[0] if top else None,
            "subleads": top[1:],
            "subsections": [s for s in tree.children[section.pk] if s.is_active],
            "page": page,
            "current_section_id": tree.root_id(section.pk),
            "most_read_section": section.pk,
        },
    )


@cached_page
def tag(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    page = _page(request, f"tag:{tag.pk}", card_stories().tagged(tag), cap=TAG_COUNT_CAP)
    if not page.paginator.count:
        raise Http404
    return render(request, "articles/tag.html", {"tag": tag, "page": page})


@cached_page
def author(request, username):
    people = get_user_model().objects.filter(is_staff=True).select_related("profile__photo")
    person = get_object_or_404(people, username=username)
    page = _page(request, f"author:{person.pk}", card_stories().by_author(person))
    if not page.paginator.count:
        raise Http404
    return render(request, "articles/author.html", {"author": person, "page": page})


# Any query is a page of its own: each is kept briefly.
SEARCH_KEPT = 60


@cached_page(timeout=SEARCH_KEPT)
def search(request):
    """``/tim-kiem/?q=…``: public stories matching the query, best first. Any query and
    any ``?page=`` give a page (the last one past the end)."""
    terms = parse_query(request.GET.get("q", ""))

    def ranking():
        # The ranking (bounded by articles.search.SEARCH_DEPTH) gives the count and every
        # page: one query for the ids, kept a minute for the next pages, then one for the
        # page's stories.
        return list(Article.objects.public().search(terms).values_list("pk", flat=True))

    asked = hashlib.md5(terms.text.lower().encode(), usedforsecurity=False).hexdigest()
    ranked = caching.remember(f"search:{asked}", ranking, tags=["stories"], ttl=SEARCH_KEPT)
    page = Paginator(ranked, PER_PAGE).get_page(request.GET.get("page"))
    # Whole stories: a snippet may come from the body.
    found = Article.objects.public().with_cards().in_bulk(page.object_list)
    stories = [found[pk] for pk in page.object_list if pk in found]
    return render(
        request,
        "articles/search.html",
        {"query": terms.text, "page": page, "results": highlighted(stories, terms)},
    )


def _story_context(request, article, preview=False):
    tree = section_tree(request)
    return {
        "article": article,
        "preview": preview,
        "section": tree.by_id.get(article.section_id),
        "current_section_id": tree.root_id(article.section_id),
    }


@cached_page
def detail(request, slug, pk):
    try:
        article = lists.story(pk)
    except Article.DoesNotExist:
        raise Http404 from None
    if slug != article.slug:
        return redirect(article, permanent=True)
    return render(request, "articles/article_detail.html", _story_context(request, article))


def _no_store(status):
    response = HttpResponse(status=status)
    response["Cache-Control"] = PRIVATE
    return response


@csrf_exempt
def count_view(request, pk):
    """The article page's beacon: one reader's view of a public story, by the rules of
    ``articles.beacon`` (POST from our own pages only, once per reader and story per half
    hour, a rate limit per address). Counted per story and day; nothing about the reader
    is kept. No answer of it is ever stored."""
    if request.method != "POST":
        response = HttpResponseNotAllowed(["POST"])
        response["Cache-Control"] = PRIVATE
        return response
    if not beacon.from_our_pages(request):
        return _no_store(403)
    if beacon.over_rate_limit(request):
        response = _no_store(429)
        response["Retry-After"] = str(beacon.RATE_WINDOW)
        return response
    if not Article.objects.public().filter(pk=pk).exists():
        return _no_store(404)
    if beacon.is_readers_view(request, pk):
        ArticleDailyViews.record(pk)
    return _no_store(204)


def _render_preview(request, article):
    response = render(
        request, "articles/article_detail.html", _story_context(request, article, preview=True)
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
@require_safe
def preview(request, pk):
    """A story as readers will see it, for the staff who may see it. Anyone else gets the
    404 a missing story gets, so the answer never tells whether the story exists; the
    404 page offers staff who are logged out the login form."""
    user = request.user
    if not (user.is_active and user.is_staff):
        return render(request, "404.html", {"login_next": request.get_full_path()}, status=404)
    article = lists.story_queryset().filter(pk=pk).first()
    if article is None:
        raise Http404
    if not workflow.can_view(user, article):
        log_event("permission_denied", request, view="preview", article=pk)
        raise Http404
    return _render_preview(request, article)


@never_cache
@require_safe
def signed_preview(request, token):
    """An editor's signed link. Expired, it says so (only a link the newsroom made can
    expire) but answers 404 as an invalid one does: nothing tells whether the story
    still exists."""
    try:
        pk = article_id_from_token(token)
    except PreviewLinkExpired:
        return render(request, "articles/preview_expired.html", status=404)
    except (signing.BadSignature, ValueError):
        return render(request, "articles/preview_invalid.html", status=404)
    return _render_preview(request, get_object_or_404(lists.story_queryset(), pk=pk))
