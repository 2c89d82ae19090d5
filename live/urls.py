from django.urls import path

from . import views

app_name = "live"
urlpatterns = [
    path("truc-tiep/<int:pk>/", views.updates, name="updates"),
    path("truc-tiep/<int:pk>/moi/", views.poll, name="poll"),
    path("truc-tiep/<int:pk>/dang/", views.post_update, name="post"),
    path("truc-tiep/<int:pk>/tuong-thuat/", views.coverage, name="coverage"),
]
