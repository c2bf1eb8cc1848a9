"""E-mail to people: check-in reminders, the weekly digest, and what each person chose to get."""

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "notifications"
    verbose_name = "E-mail"
