"""Whole-page caching for anonymous readers that is never stale.

Pages are stored under the current `DataVersion`, today's date and the full address. Every
write to our models bumps the version (signals below, and the services that bulk-create), so the
next request after any write renders afresh; entries of old versions are simply never read
again. Signed-in people, and anyone with a session or a pending message, always get a fresh
page, because what they see depends on who they are.
"""

import hashlib

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone

from accounts.access import Rule, rule_for

from .models import DataVersion

APPS_WITH_DATA = ["objectives", "workstreams", "boroughs", "partners", "accounts"]
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")
KEPT_HEADERS = ("Content-Type", "Content-Disposition")
TIMEOUT = 24 * 60 * 60


def bump_on_write(sender, **kwargs):
    if sender is not DataVersion:
        DataVersion.bump()


def connect_signals():
    """Bump the data version after every save and delete of every model that pages show.

    Many-to-many links here are models of their own (BoroughParticipation, ...), so their saves
    are seen too."""
    for app_label in APPS_WITH_DATA:
        for model in apps.get_app_config(app_label).get_models():
            if model is DataVersion or model.__name__.startswith("Historical"):
                continue
            uid = f"page-cache-{model._meta.label}"
            post_save.connect(bump_on_write, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(bump_on_write, sender=model, dispatch_uid=f"{uid}-delete")


def cache_key(request, version):
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page:{version}:{timezone.localdate().isoformat()}:{settings.PUBLIC_READ}:{address}"


class PageCacheMiddleware:
    """Serve anonymous readers' public pages from the cache; fill it on a miss."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_page_cache_key", None)
        if key and self.storable(response):
            cache.set(
                key,
                (response.content, {h: response[h] for h in KEPT_HEADERS if h in response}),
                TIMEOUT,
            )
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not self.cacheable(request):
            return None
        version = DataVersion.current()
        if version is None:
            return None
        key = cache_key(request, version)
        cached = cache.get(key)
        if cached is None:
            request._page_cache_key = key
            return None
        content, headers = cached
        response = HttpResponse(content)
        for header, value in headers.items():
            response[header] = value
        response["X-Page-Cache"] = "hit"
        return response

    @staticmethod
    def cacheable(request):
        return (
            request.method in ("GET", "HEAD")
            and rule_for(request.resolver_match) is Rule.PUBLIC
            and not request.user.is_authenticated
            and not any(name in request.COOKIES for name in PERSONAL_COOKIES)
        )

    @staticmethod
    def storable(response):
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "no-store" not in response.get("Cache-Control", "")
        )
