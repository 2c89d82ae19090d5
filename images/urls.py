from django.urls import path

from . import views

app_name = "images"

urlpatterns = [
    path("upload/", views.editor_upload, name="editor-upload"),
    path("thu-vien/", views.library, name="library"),
]
