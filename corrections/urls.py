from django.urls import path

from . import views

app_name = "corrections"
urlpatterns = [path("dinh-chinh/", views.index, name="index")]
