"""/dinh-chinh/: the newsroom's corrections, newest first (its transparency page)."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.shortcuts import render

from newsroom.caching.http import cached_page

from .models import Correction

PAGE_SIZE = 30


@cached_page
def index(request):
    corrections = (
        Correction.objects.of_public_stories()
        .newest_first()
        .select_related("story")
        .only("pk", "kind", "text", "at", "story__id", "story__slug", "story__title")
    )
    try:
        page = Paginator(corrections, PAGE_SIZE).page(request.GET.get("trang", 1))
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404 from error
    return render(request, "corrections/index.html", {"page": page})
