"""The site itself as an app, last in INSTALLED_APPS: it connects the page cache to every write."""

from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "loti_okr"
    verbose_name = "LOTI OKR site"

    def ready(self):
        from .page_cache import connect_signals

        connect_signals()
