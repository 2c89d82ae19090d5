"""Reader-facing story pages and the newsroom's previews."""

from django.contrib.admin.views.decorators import staff_member_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache

from . import workflow
from .models import Article
from .preview import PreviewLinkExpired, article_id_from_token


def _story_queryset():
    return Article.objects.with_cards().prefetch_related("authors", "tags")


def detail(request, slug, pk):
    article = get_object_or_404(_story_queryset().public(), pk=pk)
    if slug != article.slug:
        return redirect(article, permanent=True)
    return render(request, "articles/article_detail.html", {"article": article})


def _render_preview(request, article):
    response = render(
        request, "articles/article_detail.html", {"article": article, "preview": True}
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


def section(request, path):
    from sections.models import Section

    slug = path.rstrip("/").rsplit("/", 1)[-1]
    current = get_object_or_404(Section.objects.active().select_related("parent"), slug=slug)
    if current.path() != path.rstrip("/"):
        return redirect(current, permanent=True)
    stories = Article.objects.public().in_section(current).with_cards().latest_first()[:30]
    return render(request, "articles/section.html", {"section": current, "stories": stories})


def home(request):
    stories = Article.objects.public().with_cards().latest_first()[:30]
    return render(request, "articles/home.html", {"stories": stories})
