from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("account/", views.AccountView.as_view(), name="account"),
    path("unsubscribe/<str:token>/", views.UnsubscribeView.as_view(), name="unsubscribe"),
]
