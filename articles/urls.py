from django.urls import path, re_path

from . import views

app_name = "articles"

urlpatterns = [
    path("xem-truoc/<int:pk>/", views.preview, name="preview"),
    path("xem-truoc/lien-ket/<str:token>/", views.signed_preview, name="signed-preview"),
    re_path(r"^(?P<slug>[a-z0-9-]+)-(?P<pk>[0-9]+)\.html$", views.detail, name="detail"),
    path("", views.home, name="home"),
    re_path(r"^(?P<path>[a-z0-9-]+(?:/[a-z0-9-]+)*)/$", views.section, name="section"),
]
