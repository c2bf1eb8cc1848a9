"""The accounts app's configuration."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = "People and roles"

    def ready(self):
        from . import council_sign_in  # noqa: F401  (records every sign-in)
