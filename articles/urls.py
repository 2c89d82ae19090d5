"""The reader's addresses and the newsroom's previews.

Order matters: the section address is a catch-all (``/<slug>/``, ``/<parent>/<child>/``),
so every address with a fixed first segment must come before it, here or in the project's
URLs ahead of this module."""

from django.urls import path, re_path

from . import views

app_name = "articles"

# What a SlugField accepts (Django's validate_slug): every stored slug must have an address.
SLUG = r"[-a-zA-Z0-9_]+"

urlpatterns = [
    path("xem-truoc/<int:pk>/", views.preview, name="preview"),
    path("xem-truoc/lien-ket/<str:token>/", views.signed_preview, name="signed-preview"),
    path("api/doc/<int:pk>/", views.count_view, name="count-view"),
    path("tag/<str:slug>/", views.tag, name="tag"),
    path("tac-gia/<str:username>/", views.author, name="author"),
    path("tim-kiem/", views.search, name="search"),
    re_path(rf"^(?P<slug>{SLUG})-(?P<pk>[0-9]+)\.html$", views.detail, name="detail"),
    path("", views.home, name="home"),
    re_path(rf"^(?P<path>{SLUG}(?:/{SLUG})*)/$", views.section, name="section"),
]
