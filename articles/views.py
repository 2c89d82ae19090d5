"""The reader's pages (home, sections, tags, authors, stories), the view-count beacon
behind "most read", and the newsroom's previews.

``reader_page`` caches a reader's page whole for anonymous readers (``newsroom.cache``);
the beacon and the previews are never cached.

Every list a reader sees starts from ``Article.objects.public()``; every page runs a fixed
number of queries whatever the number of stories."""

import re
from collections import defaultdict

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from taggit.models import Tag

from newsroom.cache import reader_page

from . import workflow
from .models import Article, ArticleDailyViews
from .navigation import section_tree
from .preview import PreviewLinkExpired, article_id_from_token
from .search import highlighted, parse_query

PER_PAGE = 20
HOME_TOP = 5  # the lead story and the next featured ones
HOME_LATEST = 8
HOME_PER_SECTION = 4
MOST_READ = 8
RELATED = 4
LATEST_ON_STORY = 6

# Crawlers, link previewers, monitors and scripts: their visits are not readers' views.
BOT_USER_AGENT = re.compile(
    r"bot|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|headless|"
    r"lighthouse|pingdom|uptime|monitor|curl|wget|python|java/|go-http-client|okhttp|"
    r"scrapy|httpclient|phantomjs|axios|node-fetch",
    re.IGNORECASE,
)


# Columns no card shows: a list of twenty stories should not read twenty bodies.
NOT_ON_CARDS = ["body", "search_text", "internal_note"]


def _cards():
    return Article.objects.public().with_cards().defer(*NOT_ON_CARDS).latest_first()


def _most_read(section_ids=None, but=None):
    stories = Article.objects.all()
    if section_ids is not None:
        stories = stories.in_sections(section_ids)
    if but is not None:
        stories = stories.exclude(pk=but.pk)
    return stories.most_read(MOST_READ).with_cards().defer(*NOT_ON_CARDS)


def _page(request, stories):
    """One page of ``stories``; an address past the end or a ``?page=`` that is not a page
    number is not found."""
    try:
        return Paginator(stories, PER_PAGE).page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404(str(error)) from error


@reader_page
def home(request):
    tree = section_tree(request)
    featured = list(
        _cards()
        .filter(featured_on_home=True)
        .order_by("home_order", "-publication_at", "-pk")[:HOME_TOP]
    )
    latest = list(_cards()[: HOME_TOP + HOME_LATEST])
    top = featured or latest[:HOME_TOP]
    top_ids = [story.pk for story in top]

    menu = tree.menu()
    by_section = defaultdict(list)
    if menu:
        # One query for every block: each menu section's newest stories, at most
        # HOME_PER_SECTION of them, each section's found by its own bounded subquery.
        # A UNION ALL of them, not an OR: PostgreSQL would test an OR of subqueries
        # against every public story.
        newest = [
            Article.objects.filter(
                pk__in=Article.objects.public()
                .in_sections(tree.descendant_ids(section))
                .exclude(pk__in=top_ids)
                .latest_first()
                .values("pk")[:HOME_PER_SECTION]
            )
            .order_by()
            .values("pk")
            for section in menu
        ]
        picked = newest[0].union(*newest[1:], all=True)
        for story in _cards().filter(pk__in=picked):
            by_section[tree.root_id(story.section_id)].append(story)

    return render(
        request,
        "articles/home.html",
        {
            "lead": top[0] if top else None,
            "featured": top[1:],
            "latest": [story for story in latest if story.pk not in top_ids][:HOME_LATEST],
            "blocks": [(s, by_section[s.pk]) for s in menu if by_section[s.pk]],
            "most_read": _most_read(),
        },
    )


@reader_page
def section(request, path):
    tree = section_tree(request)
    current, canonical = tree.find(path)
    if current is None:
        raise Http404
    if not canonical:
        return redirect(current, permanent=True)
    section_ids = tree.descendant_ids(current)
    return render(
        request,
        "articles/section.html",
        {
            "section": current,
            "subsections": [s for s in tree.children[current.pk] if s.is_active],
            "page": _page(request, _cards().in_sections(section_ids)),
            "most_read": _most_read(section_ids),
            "current_section_id": tree.root_id(current.pk),
        },
    )


@reader_page
def tag(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    page = _page(request, _cards().tagged(tag))
    if not page.paginator.count:
        raise Http404
    return render(
        request, "articles/tag.html", {"tag": tag, "page": page, "most_read": _most_read()}
    )


@reader_page
def author(request, username):
    person = get_object_or_404(get_user_model().objects.filter(is_staff=True), username=username)
    page = _page(request, _cards().by_author(person))
    if not page.paginator.count:
        raise Http404
    return render(
        request,
        "articles/author.html",
        {"author": person, "page": page, "most_read": _most_read()},
    )


# Any query is a page of its own: each is kept briefly.
@reader_page(timeout=60)
def search(request):
    """``/tim-kiem/?q=…``: public stories matching the query, best first. Any query and
    any ``?page=`` give a page (the last one past the end)."""
    terms = parse_query(request.GET.get("q", ""))
    stories = Article.objects.public().search(terms).with_cards().defer("search_text")
    page = Paginator(stories, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "articles/search.html",
        {
            "query": terms.text,
            "page": page,
            "results": highlighted(page.object_list, terms),
            "most_read": _most_read(),
        },
    )


def _story_queryset():
    return Article.objects.with_cards().prefetch_related("authors", "tags")


def _related(article):
    """Public stories sharing a tag with ``article``, newest first, topped up from its
    section; never the story itself. Two queries at most.

    Each tag's newest stories come from a bounded subquery of their own, joined in a
    UNION ALL: one query over all the tags would have to collect every story of a popular
    tag before it could sort them."""
    others = _cards().exclude(pk=article.pk)
    related = []
    tags = list(article.tags.all())
    if tags:
        newest = [
            Article.objects.filter(pk__in=others.tagged(tag).values("pk")[:RELATED])
            .order_by()
            .values("pk")
            for tag in tags
        ]
        related = list(others.filter(pk__in=newest[0].union(*newest[1:], all=True))[:RELATED])
    if len(related) < RELATED and article.section_id:
        related += others.filter(section_id=article.section_id).exclude(
            pk__in=[story.pk for story in related]
        )[: RELATED - len(related)]
    return related


def _story_context(request, article, preview=False):
    return {
        "article": article,
        "preview": preview,
        "share_url": request.build_absolute_uri(article.get_absolute_url()),
        "related": _related(article),
        "latest": _cards().exclude(pk=article.pk)[:LATEST_ON_STORY],
        "most_read": _most_read(but=article),
        "current_section_id": section_tree(request).root_id(article.section_id),
    }


@reader_page
def detail(request, slug, pk):
    article = get_object_or_404(_story_queryset().public(), pk=pk)
    if slug != article.slug:
        return redirect(article, permanent=True)
    return render(request, "articles/article_detail.html", _story_context(request, article))


def _no_store(status):
    response = HttpResponse(status=status)
    response["Cache-Control"] = "private, no-store"
    return response


@csrf_exempt
@require_POST
def count_view(request, pk):
    """The article page's beacon: one reader's view of a public story. Counted per story
    and day, nothing about the reader is kept; crawlers and scripts are not counted."""
    if not Article.objects.public().filter(pk=pk).exists():
        return _no_store(404)
    user_agent = request.headers.get("User-Agent", "")
    if user_agent and not BOT_USER_AGENT.search(user_agent):
        ArticleDailyViews.record(pk)
    return _no_store(204)


def _render_preview(request, article):
    response = render(
        request, "articles/article_detail.html", _story_context(request, article, preview=True)
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
@staff_member_required
def preview(request, pk):
    article = get_object_or_404(_story_queryset(), pk=pk)
    if not workflow.can_view(request.user, article):
        raise PermissionDenied
    return _render_preview(request, article)


@never_cache
def signed_preview(request, token):
    try:
        pk = article_id_from_token(token)
    except PreviewLinkExpired:
        return render(request, "articles/preview_expired.html", status=410)
    except (signing.BadSignature, ValueError):
        return render(request, "articles/preview_invalid.html", status=404)
    return _render_preview(request, get_object_or_404(_story_queryset(), pk=pk))
