"""Readers sending comments, liking them, and removing their own. None of these answers is
ever kept by a cache (``private, no-store``), and none changes the story's kept page: a
comment waits for a moderator, and likes show when the comments' part is next made.

The story's page is kept whole, so its form carries no CSRF token nor ticket: its script
asks ``/api/binh-luan/ve/`` for both when the reader starts writing. Without a script, the
reader follows a link to the form's own page."""

import logging
from functools import wraps

from django.conf import settings
from django.core.mail import send_mail
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from articles.models import Article
from newsroom.caching.http import PRIVATE
from newsroom.security import client_ip

from . import guard
from .forms import CommentForm
from .models import Comment, CommentSettings, open_for

logger = logging.getLogger(__name__)


def _private(response):
    response["Cache-Control"] = PRIVATE
    return response


def _answers(*methods):
    """The view answers ``methods`` only: any other gets 405, never kept either."""

    def decorate(view):
        @wraps(view)
        def checked(request, *args, **kwargs):
            if request.method not in methods:
                return _private(HttpResponseNotAllowed(methods))
            return view(request, *args, **kwargs)

        return checked

    return decorate


def _public_story(pk):
    return get_object_or_404(Article.objects.public().only("pk", "slug", "title"), pk=pk)


def _form_page(request, story, form, status=200, ticket=None, message=None):
    return _private(
        render(
            request,
            "comments/write.html",
            {
                "story": story,
                "form": form,
                "ticket": ticket or guard.ticket(),
                "message": message,
                "open": True,
            },
            status=status,
        )
    )


@_answers("GET", "HEAD", "POST")
def write(request, pk):
    """``/api/binh-luan/<story>/``: the form (GET), and sending it (POST). Whatever is wrong
    is said on the form, with what the reader wrote, and nothing is saved."""
    story = _public_story(pk)
    if not open_for(story.pk):
        return _private(render(request, "comments/closed.html", {"story": story}, status=403))
    if request.method != "POST":
        initial = {"parent": request.GET.get("tra-loi", "")}
        if not initial["parent"].isdigit():
            initial = {}
        return _form_page(request, story, CommentForm(story=story, initial=initial))

    if CommentSettings.load().blocks_address(client_ip(request)):
        return _form_page(
            request,
            story,
            CommentForm(request.POST, story=story),
            status=403,
            message=_("Comments from your address are not accepted."),
        )
    form = CommentForm(request.POST, story=story)
    if form.is_spam:
        # Told it worked, so that a script learns nothing; nothing is saved.
        return _sent(request, story, None)
    if not form.is_valid():
        kept = form.data.get("ticket") if form.ticket_error == "too_fast" else None
        return _form_page(request, story, form, status=400, ticket=kept)
    if not guard.within_rate_limit(request):
        response = _form_page(
            request,
            story,
            form,
            status=429,
            message=_("You have sent several comments just now. Please try again in a while."),
        )
        response["Retry-After"] = str(settings.COMMENT_RATE_WINDOW)
        return response
    comment = form.save(commit=False)
    comment.ip_address = client_ip(request) or None
    comment.user_agent = request.headers.get("User-Agent", "")[:300]
    comment.save()
    _mail_removal_link(request, comment)
    return _sent(request, story, comment)


def _removal_url(request, comment):
    return request.build_absolute_uri(reverse("comments:remove", args=[comment.removal_token()]))


def _sent(request, story, comment):
    return _private(
        render(
            request,
            "comments/sent.html",
            {
                "story": story,
                "removal_url": _removal_url(request, comment) if comment else "",
            },
        )
    )


def _mail_removal_link(request, comment):
    if not (settings.COMMENT_REMOVAL_EMAILS and comment.email):
        return
    try:
        send_mail(
            _("Your comment on %(site)s") % {"site": request.get_host()},
            _(
                "Thank you for your comment. It will be shown once a moderator has read it.\n\n"
                "To remove it at any time, open this link:\n%(url)s"
            )
            % {"url": _removal_url(request, comment)},
            None,
            [comment.email],
        )
    except Exception:  # a mail server that is down never loses the comment
        logger.exception("The removal link of comment %s could not be mailed.", comment.pk)


@_answers("GET", "HEAD")
def form_ticket(request):
    """What the story page's form needs to be sent: a CSRF token (and its cookie) and a
    ticket saying when the reader started."""
    return _private(JsonResponse({"csrf": get_token(request), "ticket": guard.ticket()}))


@_answers("POST")
def like(request, pk):
    """One like of a shown comment from this browser (its signed cookie), counted while
    its address has not liked it ``COMMENT_LIKES_PER_ADDRESS`` times today."""
    comment = (
        Comment.objects.shown()
        .filter(story__in=Article.objects.public().values("pk"))
        .filter(pk=pk)
        .only("pk", "likes")
        .first()
    )
    if comment is None:
        raise Http404
    liked = guard.liked_by_browser(request)
    if comment.pk not in liked and guard.like_counts_from_address(request, comment.pk):
        comment.likes = Comment.objects.add_like(comment.pk)
    response = _private(JsonResponse({"likes": comment.likes, "liked": True}))
    guard.remember_like(response, liked, comment.pk)
    return response


@_answers("GET", "HEAD", "POST")
def remove(request, token):
    """The writer's link: the comment and a button (GET), its removal (POST)."""
    comment = Comment.objects.by_removal_token(token)
    if comment is None:
        return _private(render(request, "comments/remove_invalid.html", status=404))
    removed = comment.removed_at is not None
    if request.method == "POST" and not removed:
        comment.remove_by_writer()
        removed = True
    return _private(
        render(
            request,
            "comments/remove.html",
            {"comment": comment, "removed": removed},
        )
    )
