"""The reader's pages (home, sections, tags, authors, stories), the view-count beacon
behind "most read", and the newsroom's previews.

``reader_page`` caches a reader's page whole for anonymous readers (``newsroom.cache``);
the beacon and the previews are never cached. Below it, the parts pages share (cards,
"latest", "most read", counts, a story's body, header and footer) are kept in the cache
under the same content generation (``articles.fragments``), so that a page the page cache
does not answer is still cheap to make.

Every list a reader sees starts from ``Article.objects.public()``; every page runs a fixed
number of queries whatever the number of stories."""

import hashlib
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.paginator import InvalidPage, Paginator
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import cached_property
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from taggit.models import Tag

from images.templatetags.images import responsive_body
from newsroom.cache import PRIVATE, reader_page
from newsroom.security import log_event

from . import beacon, fragments, workflow
from .fragments import (
    Card,
    card_stories,
    fragment_name,
    remember,
    remember_stories,
    render_cards,
    today_key,
)
from .models import Article, ArticleDailyViews
from .navigation import section_tree
from .preview import PreviewLinkExpired, article_id_from_token
from .search import highlighted, parse_query

PER_PAGE = 20
HOME_TOP = 5  # the lead story and the next featured ones
HOME_LATEST = 8
HOME_PER_SECTION = 4
MOST_READ = 8
MOST_READ_DETAILED = 2  # the first ones show section, time and lead
MOST_READ_SPARE = 2
RELATED = 4
# A tag may be on a large share of all stories: its list counts (and pages) this many at
# most. Counting every story of such a tag among a million takes a second.
TAG_COUNT_CAP = 10_000
LATEST_ON_STORY = 6


def _most_read(request, section=None, section_ids=None, but=None):
    """The "most read" box's cards: the whole site's (or a section's) most viewed public
    stories, leaving out the story ``but`` when it is among them.

    Ranking a million stories' views takes a while, so the ranking is kept for
    ``PAGE_CACHE_TIMEOUT`` seconds whatever changes meanwhile, as ids. It stays exact
    all the same: a story that stops being public starts a new content generation, so
    its card is no longer kept, and a card made afresh loads its story through
    ``public()``; the story is dropped from the box then."""

    def ranking():
        stories = Article.objects.all()
        if section_ids is not None:
            stories = stories.in_sections(section_ids)
        # The story being read is left out of its own page's box; one or two of the
        # kept ones may have stopped being public since.
        shown = MOST_READ + 1 + MOST_READ_SPARE
        return stories.most_read(shown).with_cards().defer(*fragments.NOT_ON_CARDS)

    ranked = remember_stories(
        request,
        _most_read_name(section),
        ranking,
        timeout=settings.PAGE_CACHE_TIMEOUT,
        per_generation=False,
    )
    gone = {but.pk} if but is not None else set()
    while True:
        stories = [s for s in ranked if getattr(s, "pk", s) not in gone][:MOST_READ]
        cards = [
            Card(story, size="tile", show_meta=True, show_lead=True)
            if number == 0
            else Card(story, size="row", show_meta=True, show_lead=True)
            if number < MOST_READ_DETAILED
            else Card(story, size="title")
            for number, story in enumerate(stories)
        ]
        (shown,) = render_cards(request, cards)
        if len(shown) == len(cards):
            return shown
        # A kept story is no longer public: the box closes up behind it.
        gone |= {card.story_id for card in cards} - {card.story_id for card in shown}


def _most_read_name(section=None):
    scope = f"section:{section.pk}" if section is not None else "site"
    return f"most-read:{scope}:{today_key()}"


class StoryPaginator(Paginator):
    """Pages of public stories, newest first: the count is given (kept in the cache), and
    each page is read through ``ArticleQuerySet.window``, which finds its ids from an
    index alone, so a deep page costs about what the first one does."""

    def __init__(self, stories, per_page, count, section_ids=None):
        super().__init__(stories, per_page)
        self.known_count, self.section_ids = count, section_ids

    @cached_property
    def count(self):
        return self.known_count

    def stories(self, number):
        offset = (number - 1) * self.per_page
        return self.object_list.window(offset, self.per_page, self.section_ids)

    def page(self, number):
        number = self.validate_number(number)
        return self._get_page(self.stories(number), number, self)


def _page(request, name, stories, section_ids=None, cap=None):
    """One page of ``stories`` (newest first); an address past the end or a ``?page=``
    that is not a page number is not found. Its stories come as cards. The count and the
    page's stories are kept under the content generation; with ``cap``, the list counts
    (and pages) that many stories at most."""

    def count():
        if cap is None:
            return stories.count()
        return stories.order_by().values("pk")[:cap].count()

    counted = remember(request, f"count:{name}", count)
    paginator = StoryPaginator(stories, PER_PAGE, counted, section_ids)
    try:
        number = paginator.validate_number(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404(str(error)) from error
    listed = remember_stories(request, f"page:{name}:{number}", lambda: paginator.stories(number))
    page = paginator._get_page(listed, number, paginator)
    page.cards = [
        Card(story, size="row", level=2, show_meta=True, show_lead=True, eager=position == 0)
        for position, story in enumerate(listed)
    ]
    return page


def _home_stories(tree):
    """``(top, latest, {section id: stories})`` of the home page, in three queries."""
    featured = list(
        card_stories()
        .filter(featured_on_home=True)
        .order_by("home_order", "-publication_at", "-pk")[:HOME_TOP]
    )
    latest = list(card_stories()[: HOME_TOP + HOME_LATEST])
    top = featured or latest[:HOME_TOP]
    top_ids = [story.pk for story in top]
    by_section = defaultdict(list)
    menu = tree.menu()
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
        for story in card_stories().filter(pk__in=picked):
            by_section[tree.root_id(story.section_id)].append(story)
    latest = [story for story in latest if story.pk not in top_ids][:HOME_LATEST]
    return top, latest, dict(by_section)


@reader_page
def home(request):
    # The header's name: no current section ("" in the template), the home page's URL name.
    header = fragment_name("header", "", "home")
    fragments.prefetch(
        request,
        names=["sections", "home", header, fragment_name("footer")],
        lasting=[_most_read_name()],
    )
    tree = section_tree(request)
    made = None

    def make():
        nonlocal made
        made = _home_stories(tree)
        top, latest, by_section = made
        return (
            [s.pk for s in top],
            [s.pk for s in latest],
            {pk: [s.pk for s in stories] for pk, stories in by_section.items()},
        )

    kept = remember(request, "home", make)
    top, latest, by_section = made or kept
    blocks = []
    for section in tree.menu():
        stories = by_section.get(section.pk)
        if stories:
            first = Card(stories[0], size="tile", show_lead=True)
            more = [Card(story, size="row", show_meta=True) for story in stories[1:]]
            blocks.append((section, [first, *more]))
    lead = [Card(top[0], size="lead", level=2, show_lead=True, eager=True)] if top else []
    featured = [Card(story, size="tile") for story in top[1:]]
    latest = [Card(story, size="title", show_meta=True) for story in latest]
    most_read = _most_read(request)
    render_cards(request, lead, featured, latest, *(cards for _s, cards in blocks))
    return render(
        request,
        "articles/home.html",
        {
            "lead": lead[0] if lead else None,
            "featured": featured,
            "latest": latest,
            "blocks": blocks,
            "most_read": most_read,
        },
    )


@reader_page
def section(request, path):
    fragments.prefetch(request, names=["sections", fragment_name("footer")])
    tree = section_tree(request)
    current, canonical = tree.find(path)
    if current is None:
        raise Http404
    if not canonical:
        return redirect(current, permanent=True)
    section_ids = tree.descendant_ids(current)
    fragments.prefetch(
        request,
        names=[
            f"count:section:{current.pk}",
            fragment_name("header", tree.root_id(current.pk), "section"),
        ],
        lasting=[_most_read_name(current)],
    )
    stories = card_stories().in_sections(section_ids)
    page = _page(request, f"section:{current.pk}", stories, section_ids=section_ids)
    most_read = _most_read(request, section=current, section_ids=section_ids)
    render_cards(request, page.cards)
    return render(
        request,
        "articles/section.html",
        {
            "section": current,
            "subsections": [s for s in tree.children[current.pk] if s.is_active],
            "page": page,
            "most_read": most_read,
            "current_section_id": tree.root_id(current.pk),
        },
    )


@reader_page
def tag(request, slug):
    fragments.generation(request)
    tag = get_object_or_404(Tag, slug=slug)
    page = _page(request, f"tag:{tag.pk}", card_stories().tagged(tag), cap=TAG_COUNT_CAP)
    if not page.paginator.count:
        raise Http404
    most_read = _most_read(request)
    render_cards(request, page.cards)
    return render(request, "articles/tag.html", {"tag": tag, "page": page, "most_read": most_read})


@reader_page
def author(request, username):
    fragments.generation(request)
    person = get_object_or_404(get_user_model().objects.filter(is_staff=True), username=username)
    page = _page(request, f"author:{person.pk}", card_stories().by_author(person))
    if not page.paginator.count:
        raise Http404
    most_read = _most_read(request)
    render_cards(request, page.cards)
    return render(
        request,
        "articles/author.html",
        {"author": person, "page": page, "most_read": most_read},
    )


# Any query is a page of its own: each is kept briefly.
SEARCH_KEPT = 60


@reader_page(timeout=SEARCH_KEPT)
def search(request):
    """``/tim-kiem/?q=…``: public stories matching the query, best first. Any query and
    any ``?page=`` give a page (the last one past the end)."""
    fragments.generation(request)
    terms = parse_query(request.GET.get("q", ""))

    def ranking():
        # The ranking (bounded by articles.search.SEARCH_DEPTH) gives the count and every
        # page: one query for the ids, kept a minute for the next pages, then one for the
        # page's stories.
        return list(Article.objects.public().search(terms).values_list("pk", flat=True))

    asked = hashlib.md5(terms.text.lower().encode(), usedforsecurity=False).hexdigest()
    ranked = remember(request, f"search:{asked}", ranking, timeout=SEARCH_KEPT)
    page = Paginator(ranked, PER_PAGE).get_page(request.GET.get("page"))
    found = Article.objects.public().with_cards().defer("search_text").in_bulk(page.object_list)
    stories = [found[pk] for pk in page.object_list if pk in found]
    most_read = _most_read(request)
    return render(
        request,
        "articles/search.html",
        {
            "query": terms.text,
            "page": page,
            "results": highlighted(stories, terms),
            "most_read": most_read,
        },
    )


def _story_queryset():
    # Authors are read by the story's template and by its tags for search engines (once
    # for both); tags by "related" and the template.
    return Article.objects.with_cards().select_related("source").prefetch_related("authors")


# What a story's page shows outside its kept parts (the section comes from the tree).
OUTSIDE_KEPT_PARTS = ["slug", "title", "section_id"]


def _related(article):
    """Public stories sharing a tag with ``article``, newest first, topped up from its
    section; never the story itself. Two queries at most.

    Each tag's newest stories come from a bounded subquery of their own, joined in a
    UNION ALL: one query over all the tags would have to collect every story of a popular
    tag before it could sort them."""
    others = card_stories().exclude(pk=article.pk)
    related = []
    prefetch_related_objects([article], "tags")  # the story's template lists them too
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
    fragments.generation(request)
    if preview:
        # A story not yet public: nothing of its own is kept.
        related = _related(article)

        def body():
            return responsive_body(article.body)
    else:
        related = remember_stories(request, f"related:{article.pk}", lambda: _related(article))

        def body():
            # Only when the story's fragment is not kept (the template calls this).
            return remember(
                request, f"body:{article.pk}", lambda: responsive_body(article.body), lists=False
            )

    newest = remember_stories(
        request, "latest", lambda: card_stories()[: LATEST_ON_STORY + 1], timeout=fragments.TIMEOUT
    )
    latest = [s for s in newest if getattr(s, "pk", s) != article.pk][:LATEST_ON_STORY]
    related = [Card(story, size="tile", show_meta=True) for story in related]
    latest = [Card(story, size="row", show_meta=True, show_lead=True) for story in latest]
    most_read = _most_read(request, but=article)
    related, latest = render_cards(request, related, latest)
    return {
        "article": article,
        "body": body,
        "preview": preview,
        "share_url": request.build_absolute_uri(article.get_absolute_url()),
        "related": related,
        "latest": latest,
        "most_read": most_read,
        "section": section_tree(request).by_id.get(article.section_id),
        "current_section_id": section_tree(request).root_id(article.section_id),
    }


def _prefetch_story_fragments(request, pk):
    """What a story's page reads from the fragment cache, in one round trip at most;
    whether the story itself (and its tags for search engines) is kept."""
    host = request.get_host()
    own = [fragment_name("story", pk, host), fragment_name("story-meta", pk, host)]
    fragments.prefetch(
        request,
        names=["sections", "latest", f"related:{pk}", *own, fragment_name("footer")],
        lasting=[_most_read_name()],
    )
    return all(fragments.is_kept(request, name) for name in own)


@reader_page
def detail(request, slug, pk):
    if _prefetch_story_fragments(request, pk):
        # Its row still decides whether the story is public and where it lives, but the
        # page needs only a few of its columns.
        stories = Article.objects.only(*OUTSIDE_KEPT_PARTS)
    else:
        stories = _story_queryset()
    article = get_object_or_404(stories.public(), pk=pk)
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
    article = _story_queryset().filter(pk=pk).first()
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
    return _render_preview(request, get_object_or_404(_story_queryset(), pk=pk))
