"""The live blog's reader views (the older updates' pages, the poll) and the newsroom's
posting view.

Readers' pages ask ``/truc-tiep/<pk>/moi/`` for new updates every few seconds rather than
holding a server-sent events stream: our gunicorn workers are synchronous, so every reader
of a stream would hold one worker for as long as the page is open; a poll is an ordinary
request which the page cache (and the CDN in front of it) answers at near-static cost, and
an update reaches it as soon as the ``live`` tag changes on commit."""

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from articles.models import Article
from newsroom.caching.http import cached_page

from .models import MAX_UPDATE_LENGTH, Coverage, Update
from .parts import poll_seconds, updates_of

POLL_SECONDS = 5
POLL_SIZE = 20


def _public_story(pk):
    return get_object_or_404(Article.objects.public().only("pk", "slug", "title"), pk=pk)


@cached_page
def updates(request, pk):
    """Older updates of a live story, 50 to a page (``?trang=2``)."""
    story = _public_story(pk)
    number = request.GET.get("trang", "1")
    page = int(number) if number.isascii() and number.isdigit() and int(number) > 0 else 1
    coverage, shown, key_events, more = updates_of(pk, page)
    if coverage is None or (page > 1 and not shown):
        raise Http404
    return render(
        request,
        "live/updates_page.html",
        {
            "story": story,
            "coverage": coverage,
            "updates": shown,
            "key_events": key_events,
            "more": more,
            "page": page,
            "story_pk": pk,
            "interval": poll_seconds(),
        },
    )


@cached_page(timeout=POLL_SECONDS)
def poll(request, pk):
    """The newest updates as JSON: ``{"ended": bool, "updates": [{"id", "html"}, …]}``."""
    _public_story(pk)
    coverage = get_object_or_404(Coverage, story_id=pk)
    newest = list(
        coverage.updates.filter(withdrawn=False)
        .select_related("author")
        .order_by("-at", "-pk")[:POLL_SIZE]
    )
    return JsonResponse(
        {
            "ended": coverage.has_ended,
            "updates": [
                {
                    "id": update.pk,
                    "html": render_to_string("live/update.html", {"update": update}, request),
                }
                for update in newest
            ],
        }
    )


def may_post(user, story):
    """Editors, and the reporters who may change the story (its authors)."""
    if not user.is_active or not user.is_staff or not user.has_perm("articles.change_article"):
        return False
    return Article.objects.editable_by(user).filter(pk=story.pk).exists()


def may_run_coverage(user):
    return user.is_active and user.is_staff and user.has_perm("articles.publish_article")


def _error(message, status=400):
    return JsonResponse({"error": str(message)}, status=status)


@staff_member_required
@require_POST
def post_update(request, pk):
    """Post one update from the story's admin page (``fetch``); JSON in reply."""
    story = get_object_or_404(Article, pk=pk)
    if not may_post(request.user, story):
        raise PermissionDenied
    coverage = Coverage.objects.filter(story=story).first()
    if coverage is None:
        return _error(gettext("This story is not live."))
    body = request.POST.get("body", "")
    if len(body) > MAX_UPDATE_LENGTH:
        # The model's own message (Update.clean), translated once for both.
        return _error(
            gettext("An update is at most %(limit)s characters.") % {"limit": MAX_UPDATE_LENGTH}
        )
    update = Update(
        coverage=coverage,
        author=request.user,
        body=body,
        key_event=request.POST.get("key_event") in ("on", "true", "1"),
        pinned=request.POST.get("pinned") in ("on", "true", "1"),
        embed_url=request.POST.get("embed_url", "").strip(),
    )
    try:
        update.full_clean(exclude=["coverage", "author"])
    except ValidationError as error:
        return _error(" ".join(m for ms in error.message_dict.values() for m in ms))
    update.save()
    html = render_to_string("live/update.html", {"update": update}, request)
    return JsonResponse({"id": update.pk, "html": html}, status=201)


@staff_member_required
@require_POST
def coverage(request, pk):
    """Start (``action=start``) or end (``action=end``) a story's live coverage: JSON when
    asked for, else back to the story's admin page."""
    story = get_object_or_404(Article, pk=pk)
    if not may_run_coverage(request.user):
        raise PermissionDenied
    action = request.POST.get("action")
    if action == "start":
        found, created = Coverage.objects.get_or_create(
            story=story, defaults={"created_by": request.user}
        )
        if not created and found.ended_at:
            found.ended_at = None
            found.save()
    elif action == "end":
        found = get_object_or_404(Coverage, story=story)
        found.ended_at = timezone.now()
        found.save()
    else:
        return _error(gettext("Unknown action."))
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"live": found.ended_at is None})
    # The admin panel's plain form: back to the story's page in the admin.
    return redirect("admin:articles_article_change", pk)
