from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("xac-minh/", views.verify, name="verify"),
    path("dang-ky-xac-minh/", views.enrol, name="enrol"),
    path("bao-mat/", views.security, name="security"),
    path("ngon-ngu/", views.language, name="language"),
    path("loi-moi/<str:token>/", views.accept, name="accept"),
]
