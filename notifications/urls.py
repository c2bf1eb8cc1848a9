from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("account/", views.AccountView.as_view(), name="account"),
    path("unsubscribe/<str:token>/", views.UnsubscribeView.as_view(), name="unsubscribe"),
    path("forgot-password/", views.PasswordResetRequestView.as_view(), name="password-reset"),
    path(
        "forgot-password/sent/", views.PasswordResetSentView.as_view(), name="password-reset-sent"
    ),
]
