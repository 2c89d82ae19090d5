from django.urls import path

from newsroom.caching.http import cached_page

from . import feeds, views

app_name = "topics"
urlpatterns = [
    path("chu-de/", views.index, name="index"),
    path("chu-de/<slug:slug>/", views.detail, name="detail"),
    # Not ".../rss/": newsroom.urls gives every "<path>/rss/" to the sections' feed first.
    path("chu-de/<slug:slug>/rss.xml", cached_page(feeds.TopicFeed()), name="feed"),
]
