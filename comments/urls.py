from django.urls import path

from . import views

app_name = "comments"
urlpatterns = [
    path("api/binh-luan/ve/", views.form_ticket, name="ticket"),
    path("api/binh-luan/thich/<int:pk>/", views.like, name="like"),
    path("api/binh-luan/go/<str:token>/", views.remove, name="remove"),
    path("api/binh-luan/<int:pk>/", views.write, name="write"),
]
