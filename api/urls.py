"""A person's API token pages (the API itself is mounted at /api/v1/ by loti_okr/urls.py)."""

from django.urls import path

from . import pages

app_name = "tokens"

urlpatterns = [
    path("account/tokens/", pages.TokensView.as_view(), name="list"),
    path("account/tokens/<int:pk>/revoke/", pages.RevokeTokenView.as_view(), name="revoke"),
]
