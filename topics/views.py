"""The reader's topic pages: the list of active topics and one topic's stories."""

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from newsroom.caching.http import cached_page

from .models import Topic

PER_PAGE = 20


@cached_page
def index(request):
    topics = Topic.objects.active().select_related("cover")
    return render(request, "topics/index.html", {"topics": topics})


@cached_page
def detail(request, slug):
    topic = get_object_or_404(Topic.objects.active().select_related("cover"), slug=slug)
    try:
        page = Paginator(topic.stories(), PER_PAGE).page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404(str(error)) from error
    return render(request, "topics/detail.html", {"topic": topic, "page": page})
