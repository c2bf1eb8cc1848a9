"""Whole-page caching for every reader that is never stale.

It lives in loti_okr/ because it is site plumbing: it caches pages of every app and watches the
writes of five; only the number it keys on (`objectives.DataVersion`) needs an app's table.

Pages are stored under the current `DataVersion`, today's date, the reader's audience
(`accounts.roles.audience_of`: anonymous, signed in with no role, the officers of one borough,
managers, LOTI staff), the scheme and host, and the page with only the query parameters it
reads (see `cache_key`). Every write to our models bumps the version (signals below, and the
services that bulk-create), so the next request after any write renders afresh; entries of old
versions are simply never read again.

Two middlewares serve them. `PageCacheMiddleware` sits early and answers anonymous readers
(no session cookie) before sessions, authentication and CSRF run. `AudiencePageCacheMiddleware`
sits last and answers signed-in readers from their audience's copy, with the parts that belong
to one person (their name in the header, CSRF tokens, a key result's owners' buttons) put back
for each request (loti_okr/personal_parts.py). A reader with a pending message gets a fresh page.
"""

import hashlib
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache, caches
from django.core.exceptions import DisallowedHost
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import patch_cache_control

from accounts.access import Rule, rule_for
from accounts.models import Session
from accounts.roles import audience_of, can_see_internal_notes
from objectives.models import DataVersion

from . import personal_parts

APPS_WITH_DATA = ["objectives", "workstreams", "boroughs", "partners", "accounts"]
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "X-Frame-Options", "Vary")
TIMEOUT = 24 * 60 * 60
# Models no page shows: saving a session (every sign-in does) changes no page.
UNSHOWN_MODELS = {DataVersion, Session}
# A user's fields that no page shows: saving only these (every sign-in does) changes no page.
UNSHOWN_USER_FIELDS = {"last_login", "password"}

# The query parameters each public page reads. Any other parameter is dropped by a redirect to
# the page's canonical address, so `?utm_x=1`, `?utm_x=2`, ... cannot each store a new copy.
_FILTERS = ("q", "workstream", "borough", "partner", "status")
QUERY_PARAMETERS = {
    "objectives:home": ("as_of", "map"),
    "objectives:quarter-list": (),
    "objectives:quarter-switch": ("quarter", "page", *_FILTERS, "as_of"),
    "objectives:quarter-dashboard": ("as_of", "map"),
    "objectives:board-pack": ("as_of",),
    "objectives:key-result-list": (*_FILTERS, "page"),
    "objectives:key-result-detail": (),
    "objectives:key-result-csv": (*_FILTERS, "as_of"),
    "objectives:key-result-json": (*_FILTERS, "as_of"),
    "objectives:check-in-csv": (),
    "objectives:borough-update-csv": (),
    "objectives:plan-text": (),
    "objectives:quarter-review": (),
    "objectives:review-text": (),
    "objectives:review-markdown": (),
    "objectives:plan-markdown": (),
    "objectives:workstream-list": ("quarter",),
    "objectives:workstream-detail": ("quarter",),
    "objectives:borough-list": ("quarter",),
    "objectives:borough-detail": ("quarter",),
    "objectives:partner-list": ("quarter",),
    "objectives:partner-detail": ("quarter",),
}


def bump_on_write(sender, update_fields=None, **kwargs):
    if sender in UNSHOWN_MODELS:
        return
    if sender is get_user_model() and update_fields and set(update_fields) <= UNSHOWN_USER_FIELDS:
        return
    DataVersion.bump_after_commit()


def connect_signals():
    """Bump the data version after every save and delete of every model that pages show, people
    included (their names are on check-ins and updates).

    Many-to-many links here are models of their own (BoroughParticipation, ...), so their saves
    are seen too."""
    models = [get_user_model()]
    for app_label in APPS_WITH_DATA:
        models += apps.get_app_config(app_label).get_models()
    for model in models:
        if model in UNSHOWN_MODELS or model.__name__.startswith("Historical"):
            continue
        uid = f"page-cache-{model._meta.label}"
        post_save.connect(bump_on_write, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(bump_on_write, sender=model, dispatch_uid=f"{uid}-delete")


def canonical_query(request, view_name):
    """The request's query string with only the parameters the page reads, in their order."""
    allowed = QUERY_PARAMETERS.get(view_name, ())
    return urlencode(
        [
            (name, value)
            for name, values in request.GET.lists()
            if name in allowed
            for value in values
        ]
    )


def cache_key(request, version, view_name, audience="anonymous"):
    """Everything that decides what a cached page holds: the data version, today, whether
    reading is public, who reads it (`audience`), the scheme and host its links are built from,
    and the page with the parameters it reads."""
    address = f"{request.scheme}://{request.get_host()}{request.path}?"
    address += canonical_query(request, view_name)
    digest = hashlib.sha256(address.encode()).hexdigest()
    today = timezone.localdate().isoformat()
    return f"page:{version}:{today}:{settings.PUBLIC_READ}:{audience}:{digest}"


class PageCacheMiddleware:
    """Serve anonymous readers' public pages from the cache; fill it on a miss.

    It sits early in the middleware list, so a hit skips sessions, authentication, CSRF and
    the rest: a reader without a session cookie is anonymous, and the address alone says
    whether the page is public. The headers the inner middleware set (X-Frame-Options, Vary)
    are stored with the page; the outer ones (CSP, security) are added to every answer. It also
    marks every answer that may carry internal notes as private and not to be stored.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        match = self.public_page(request)
        request.page_cache_match = match  # for AudiencePageCacheMiddleware
        if match is not None and self.has_unread_parameters(request, match.view_name):
            return self.to_canonical_address(request, match.view_name)
        key = self.key_for(request, match)
        if key is not None:
            cached = stored(key)
            if cached is not None:
                return from_cache(cached)
        response = self.get_response(request)
        if key is not None and storable(response):
            store(key, response, response.content)
        if self.may_carry_internal_notes(request):
            patch_cache_control(response, private=True, no_store=True)
        return response

    @staticmethod
    def may_carry_internal_notes(request):
        """Whether the answer was made for a reader who may see internal notes (only a signed-in
        reader, who has a session cookie, can be one)."""
        if settings.SESSION_COOKIE_NAME not in request.COOKIES or not hasattr(request, "user"):
            return False
        return can_see_internal_notes(request.user)

    @staticmethod
    def public_page(request):
        """The URL match of a GET for a public page from an allowed host, else None."""
        if request.method not in ("GET", "HEAD"):
            return None
        try:
            request.get_host()
            match = resolve(request.path_info)
        except (DisallowedHost, Resolver404):
            return None  # the inner middleware answers (400, 404)
        return match if rule_for(match) is Rule.PUBLIC else None

    @staticmethod
    def has_unread_parameters(request, view_name):
        allowed = QUERY_PARAMETERS.get(view_name, ())
        return any(name not in allowed for name in request.GET)

    @staticmethod
    def to_canonical_address(request, view_name):
        query = canonical_query(request, view_name)
        return HttpResponsePermanentRedirect(request.path + (f"?{query}" if query else ""))

    @staticmethod
    def key_for(request, match):
        """The cache key of this request's page, or None when it must be rendered."""
        if match is None or not settings.PUBLIC_READ:
            return None
        if any(request.COOKIES.get(name) for name in PERSONAL_COOKIES):
            return None
        version = request.data_version = DataVersion.current()
        return None if version is None else cache_key(request, version, match.view_name)


class AudiencePageCacheMiddleware:
    """Serve signed-in readers' public pages from the copy their audience shares; fill it on a
    miss. It sits last, after authentication and messages, so it knows the reader's audience;
    the access rule needs no check here, since a public page is open to anyone signed in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        match = getattr(request, "page_cache_match", None)
        if match is None or not request.user.is_authenticated or self.has_messages(request):
            return self.get_response(request)
        # Read with the session where the session engine could (loti_okr/sessions.py).
        version = getattr(request.session, "data_version", None)
        if version is None:
            version = DataVersion.current()
        request.data_version = version
        if version is None:
            return self.get_response(request)
        key = cache_key(request, version, match.view_name, audience_of(request.user))
        cached = stored(key)
        if cached is not None:
            return from_cache(cached, request)
        setattr(request, personal_parts.SHARING, True)
        response = self.get_response(request)
        if not is_html(response):
            if storable(response):
                store(key, response, response.content)
            return response
        if storable(response):
            store(key, response, personal_parts.shareable(response.content))
        response.content = personal_parts.for_reader(response.content, request)
        return response

    @staticmethod
    def has_messages(request):
        """Whether a message waits to be shown (in its cookie, or in the session when too long
        for one): the page that shows it is rendered for this reader alone."""
        return bool(request.COOKIES.get("messages")) or "_messages" in request.session


def is_html(response):
    return response.get("Content-Type", "").startswith("text/html")


def stored(key):
    """The page stored under `key`, or None. In front of a shared cache (Redis), each process
    keeps the pages it served lately: a key names its data version, so what it holds never
    changes, and a copy here cannot go stale; it saves a round trip and 48 KB a hit."""
    if settings.CACHE_IS_PER_PROCESS:
        return cache.get(key)
    here = caches["pages-here"]
    page = here.get(key)
    if page is None:
        page = cache.get(key)
        if page is not None:
            here.set(key, page, TIMEOUT)
    return page


def store(key, response, content):
    headers = {h: response[h] for h in KEPT_HEADERS if h in response}
    cache.set(key, (content, headers), TIMEOUT)
    if not settings.CACHE_IS_PER_PROCESS:
        caches["pages-here"].set(key, (content, headers), TIMEOUT)


def from_cache(cached, request=None):
    """The stored page; made out for `request`'s reader when it is a signed-in audience's."""
    content, headers = cached
    if request is not None and headers.get("Content-Type", "").startswith("text/html"):
        content = personal_parts.personalise(content, request)
    response = HttpResponse(content)
    for header, value in headers.items():
        response[header] = value
    response["X-Page-Cache"] = "hit"
    return response


def storable(response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "no-store" not in response.get("Cache-Control", "")
    )
