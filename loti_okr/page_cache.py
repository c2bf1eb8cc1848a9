"""Whole-page caching for anonymous readers that is never stale.

It lives in loti_okr/ because it is site plumbing: it caches pages of every app and watches the
writes of five; only the number it keys on (`objectives.DataVersion`) needs an app's table.

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
from django.urls import Resolver404, resolve
from django.utils import timezone

from accounts.access import Rule, rule_for
from objectives.models import DataVersion

APPS_WITH_DATA = ["objectives", "workstreams", "boroughs", "partners", "accounts"]
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "X-Frame-Options", "Vary")
TIMEOUT = 24 * 60 * 60


def bump_on_write(sender, **kwargs):
    if sender is not DataVersion:
        DataVersion.bump_after_commit()


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
    """Serve anonymous readers' public pages from the cache; fill it on a miss.

    It sits early in the middleware list, so a hit skips sessions, authentication, CSRF and
    the rest: a reader without a session cookie is anonymous, and the address alone says
    whether the page is public. The headers the inner middleware set (X-Frame-Options, Vary)
    are stored with the page; the outer ones (CSP, security) are added to every answer.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self.key_for(request)
        if key is not None:
            cached = cache.get(key)
            if cached is not None:
                return self.from_cache(cached)
        response = self.get_response(request)
        if key is not None and self.storable(response):
            headers = {h: response[h] for h in KEPT_HEADERS if h in response}
            cache.set(key, (response.content, headers), TIMEOUT)
        return response

    def key_for(self, request):
        """The cache key of this request's page, or None when it must be rendered."""
        if request.method not in ("GET", "HEAD") or not settings.PUBLIC_READ:
            return None
        if any(name in request.COOKIES for name in PERSONAL_COOKIES):
            return None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        if rule_for(match) is not Rule.PUBLIC:
            return None
        version = DataVersion.current()
        return None if version is None else cache_key(request, version)

    @staticmethod
    def from_cache(cached):
        content, headers = cached
        response = HttpResponse(content)
        for header, value in headers.items():
            response[header] = value
        response["X-Page-Cache"] = "hit"
        return response

    @staticmethod
    def storable(response):
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "no-store" not in response.get("Cache-Control", "")
        )
