from django.urls import path

from newsroom.caching.http import cached_page

from . import feeds, views

app_name = "topics"
urlpatterns = [
    path("chu-de/", views.index, name="index"),
    path("chu-de/<slug:slug>/", views.detail, name="detail"),
    path("chu-de/<slug:slug>/rss/", cached_page(feeds.TopicFeed()), name="feed"),
]
