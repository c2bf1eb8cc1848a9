"""Addresses for signing in and out and for choosing a password."""

from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("sign-in/done/", views.SignedInView.as_view(), name="signed-in"),
    path("account/name/", views.YourNameView.as_view(), name="your-name"),
    path(
        "account/set-password/<uidb64>/<token>/",
        views.SetPasswordView.as_view(),
        name="set-password",
    ),
]

# django-allauth reverses its callback by this name, outside our namespace.
council_callback_urls = [
    path(
        "sign-in/council/<slug:provider_id>/callback/",
        views.council_callback,
        name="openid_connect_callback",
    ),
]
