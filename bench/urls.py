"""The site's URLs plus the benchmark's "hello world" view (the framework's floor, served
by the same server, through the same middleware). Only ``bench/wsgi.py`` uses this
URLconf: the view is never part of the site."""

from django.http import HttpResponse
from django.urls import path

from newsroom.urls import urlpatterns as site_urlpatterns


def hello(request):
    return HttpResponse("Hello, world")


urlpatterns = [path("__bench/hello/", hello), *site_urlpatterns]
