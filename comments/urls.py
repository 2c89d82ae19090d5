from django.urls import path

from . import views

app_name = "comments"
urlpatterns = [
    path("binh-luan/ve/", views.form_ticket, name="ticket"),
    path("binh-luan/thich/<int:pk>/", views.like, name="like"),
    path("binh-luan/go/<str:token>/", views.remove, name="remove"),
    path("binh-luan/<int:pk>/", views.write, name="write"),
]
