"""A forgotten password's pages, under /quan-tri/, named as Django's admin and its mail
expect (no namespace)."""

from django.urls import path

from . import password_reset

urlpatterns = [
    path("quen-mat-khau/", password_reset.AskView.as_view(), name="admin_password_reset"),
    path("quen-mat-khau/da-gui/", password_reset.SentView.as_view(), name="password_reset_done"),
    path(
        "dat-mat-khau-moi/<uidb64>/<token>/",
        password_reset.ChooseView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "dat-mat-khau-moi/xong/", password_reset.DoneView.as_view(), name="password_reset_complete"
    ),
]
