"""The objectives app's configuration; connects the page cache's write signals."""

from django.apps import AppConfig


class ObjectivesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "objectives"
    verbose_name = "Objectives and key results"

    def ready(self):
        from loti_okr.page_cache import connect_signals

        connect_signals()
