"""Whole-page caching for every reader that is never stale, and never fails shut.

It lives in loti_okr/ because it is site plumbing: it caches pages of every app and watches the
writes of five; only the number it keys on (`objectives.DataVersion`) needs an app's table.

Pages are stored in Django's cache under the current `DataVersion`, today's date, the reader's
audience (`accounts.roles.audience_of`: anonymous, signed in with no role, the officers of one
borough, managers, LOTI staff), the scheme and host, and the page with only the query
parameters it reads (declared on its view: `query_parameters`, and its filterset's fields).
Every write to the models pages show bumps the version (signals below, many-to-many links
included, and the services that write in bulk), so the next request after any write renders
afresh; entries of old versions are simply never read again. The version lives in the
database, so a cache that was away (Redis restarting) cannot hand back a page older than a
write made meanwhile.

`PageCacheMiddleware`, after authentication and messages, serves public pages to every reader.
`AnonymousPageCacheMiddleware`, just after the session middleware, answers anonymous readers
before CSRF, authentication and the rest run: a session with no one signed in (no cookie, or one
naming no live session, which the data version's own statement finds: a stale or made-up
cookie costs no query more than none) and no message waiting. The session it reads is the one
authentication reads next. What belongs to one person (their name in the header, CSRF tokens, a
key result's owners' buttons) is cut out of the shared copy and put back per request
(accounts/personal_parts.py); a guard test renders every public page as two people of each
audience and finds the cached page equal to a fresh one. A reader with a message waiting gets a
fresh page.

If the cache fails (Redis stopped), pages are rendered from the database, a warning is logged
at most once a minute, and /healthz says the cache is degraded.
"""

import hashlib
import logging
import time
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.session import SessionStorage
from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import connection
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django_filters import CharFilter

from accounts import personal_parts
from accounts.access import Rule, rule_for, view_of
from accounts.models import SignInRecord
from accounts.roles import audience_of, can_see_internal_notes
from objectives.models import CheckedPlanFile, DataVersion

logger = logging.getLogger(__name__)

APPS_WITH_DATA = ["objectives", "workstreams", "boroughs", "partners", "accounts"]
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "X-Frame-Options", "Vary")
TIMEOUT = 24 * 60 * 60
# A user's fields that no page shows: saving only these (every sign-in does) changes no page.
UNSHOWN_USER_FIELDS = {"last_login", "password"}
WARN_EVERY_SECONDS = 60
SESSION_KEY_CHARACTERS = set(VALID_KEY_CHARS)


def bump_on_write(sender, update_fields=None, action=None, **kwargs):
    if sender is get_user_model() and update_fields and set(update_fields) <= UNSHOWN_USER_FIELDS:
        return
    if action is not None and not action.startswith("post_"):
        return  # a many-to-many change: once, after it is made
    DataVersion.bump_after_commit()


# Written by the site's own work, never shown on a cached page: a sign-in's record is written at
# every sign-in, and must not empty every audience's cache.
NOT_SHOWN_ON_PAGES = (DataVersion, CheckedPlanFile, SignInRecord)


def connect_signals():
    """Bump the data version after every save and delete of every model that pages show, people
    included (their names are on check-ins and updates), and every change of a many-to-many
    link between them (a key result's owners, a person's groups)."""
    models = [get_user_model()]
    for app_label in APPS_WITH_DATA:
        models += apps.get_app_config(app_label).get_models()
    for model in models:
        if model in NOT_SHOWN_ON_PAGES or model.__name__.startswith("Historical"):
            continue
        uid = f"page-cache-{model._meta.label}"
        post_save.connect(bump_on_write, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(bump_on_write, sender=model, dispatch_uid=f"{uid}-delete")
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(bump_on_write, sender=through, dispatch_uid=f"{uid}-{field.name}")


def query_parameters(resolver_match):
    """The query parameters the page reads: its view's `query_parameters`, and its filterset's
    fields."""
    view = view_of(resolver_match)
    names = list(getattr(view, "query_parameters", ()))
    filterset = getattr(view, "filterset_class", None)
    if filterset is not None:
        names += list(filterset.base_filters)
    return names


def canonical_query(request, resolver_match):
    """The request's query string with only the parameters the page reads, in their order, each
    value as the page reads it (the view's `canonical_values`: `?map=anything` is the default
    map and `?as_of=1 Dec 2021` is `2021-12-01`, so neither makes an entry of its own). A value
    the page cannot read is kept as it is (`is_rendered_alone` says such pages are not stored)."""
    allowed = query_parameters(resolver_match)
    view = view_of(resolver_match)
    pairs = [
        (name, canonical)
        for name, values in request.GET.lists()
        if name in allowed
        for value in values
        if (canonical := canonical_value(view, name, value)) is not None
    ]
    return urlencode(pairs)


def canonical_value(view, name, value):
    read = getattr(view, "canonical_values", {}).get(name)
    if read is None:
        return value
    try:
        return read(value)
    except ValueError:
        return value  # the page says it cannot read it, and is not stored (is_rendered_alone)


def is_rendered_alone(request, resolver_match):
    """Pages rendered for this request and not stored: a free-text search (a filterset's text
    filter given a value: every wording would be an entry of its own), or a value the page
    cannot read (it says so on the page)."""
    view = view_of(resolver_match)
    filterset = getattr(view, "filterset_class", None)
    if filterset is not None and any(
        isinstance(field, CharFilter) and request.GET.get(name, "").strip()
        for name, field in filterset.base_filters.items()
    ):
        return True
    for name, canonical in getattr(view, "canonical_values", {}).items():
        for value in request.GET.getlist(name):
            try:
                canonical(value)
            except ValueError:
                return True
    return False


def cache_key(request, version, resolver_match, audience):
    """Everything that decides what a cached page holds: the data version, today, whether
    reading is public, who reads it (`audience`), the scheme and host its links are built from,
    and the page with the parameters it reads."""
    address = f"{request.scheme}://{request.get_host()}{request.path}?"
    address += canonical_query(request, resolver_match)
    digest = hashlib.sha256(address.encode()).hexdigest()
    today = timezone.localdate().isoformat()
    return f"page:{version}:{today}:{settings.PUBLIC_READ}:{audience}:{digest}"


class PageCacheMiddleware:
    """Serve public pages from the copy the reader's audience shares; fill it on a miss. It also
    marks every answer that may carry internal notes as private and not to be stored."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.answer(request)
        if request.user.is_authenticated and can_see_internal_notes(request.user):
            patch_cache_control(response, private=True, no_store=True)
        return response

    def answer(self, request):
        match = public_page(request)
        if match is not None and has_unread_parameters(request, match):
            return to_canonical_address(request, match)
        key = key_for(request, match)
        cached = cache_get(key) if key is not None else None
        if cached is not None:
            return from_cache(cached, request)
        if key is not None:
            request.page_is_shared = True  # `{% only_for %}` marks instead of deciding
        response = self.get_response(request)
        if key is None or response.streaming:
            return response
        html = is_html(response.get("Content-Type", ""))
        if storable(response):
            content = response.content
            cache_set(key, response, personal_parts.shareable(content) if html else content)
        if html:  # rendered for this reader: keep what is theirs, drop the rest's markers
            response.content = personal_parts.for_reader(response.content, request)
        return response


class AnonymousPageCacheMiddleware:
    """Serve an anonymous reader's hit early; everything else goes on to PageCacheMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        cached = anonymous_hit(request)
        return cached if cached is not None else self.get_response(request)


def anonymous_hit(request):
    """The anonymous copy of the page, for a reader known anonymous by their cookies, or None."""
    if not settings.PUBLIC_READ:
        return None
    match = public_page(request)
    if match is None or has_unread_parameters(request, match) or is_rendered_alone(request, match):
        return None
    version = data_version(request)
    if not is_anonymous_by_session(request):
        return None
    cached = cache_get(cache_key(request, version, match, "anonymous")) if version else None
    if cached is None or not personal_parts.is_whole(cached[0]):
        return None  # rendered, or made out with a CSRF token, by PageCacheMiddleware
    request.user = AnonymousUser()
    return from_cache(cached, request)


def is_anonymous_by_session(request):
    """No one signed in, and no message waiting, in the session or in the messages cookie.
    A session cookie that `data_version` found naming no live session is not looked up again:
    the session is an empty one by then."""
    session = request.session
    if SESSION_KEY in session or SessionStorage.session_key in session:
        return False
    return not (request.COOKIES.get("messages") and len(CookieStorage(request)))


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


def has_unread_parameters(request, match):
    allowed = query_parameters(match)
    return any(name not in allowed for name in request.GET)


def to_canonical_address(request, match):
    """`?utm_x=1`, `?utm_x=2`, ... cannot each store a copy: the page's own address instead."""
    query = canonical_query(request, match)
    return HttpResponsePermanentRedirect(request.path + (f"?{query}" if query else ""))


def key_for(request, match):
    """The cache key of this request's page, or None when it must be rendered for the reader
    alone (or the access rule must first send them to sign in)."""
    if match is None or is_rendered_alone(request, match):
        return None
    signed_in = request.user.is_authenticated
    if not (settings.PUBLIC_READ or signed_in) or len(messages.get_messages(request)):
        return None
    version = data_version(request)
    if version is None:
        return None
    return cache_key(request, version, match, audience_of(request.user))


def data_version(request):
    """The data version, read once a request (`request.data_version`, which pages may read).

    With a session cookie, the same statement also asks whether it names a live session: a
    made-up or stale cookie then costs no query more than no cookie at all, so it is no cheap
    way to load the server. Such a cookie's session is then what Django's own load would make
    of it, an empty one, and the answer deletes the cookie."""
    if hasattr(request, "data_version"):
        return request.data_version
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not session_key:
        request.data_version = DataVersion.current()
        return request.data_version
    if is_well_formed_session_key(session_key):
        request.data_version, live = read_version_and_session(session_key)
    else:
        request.data_version, live = DataVersion.current(), False
    if not live and not request.session.accessed:  # (if accessed, Django has emptied it)
        request.session = type(request.session)()
    return request.data_version


def is_well_formed_session_key(key):
    """Django makes session keys of 32 lowercase letters and digits; nothing else can be one."""
    return len(key) == 32 and set(key) <= SESSION_KEY_CHARACTERS


def read_version_and_session(session_key):
    """The data version and whether Django's session table holds this key unexpired: one
    statement, as the version alone is."""
    sessions = SessionStore.get_model_class()._meta.db_table
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT ({DataVersion.number_sql()}), EXISTS (SELECT 1 FROM {sessions}"
            " WHERE session_key = %s AND expire_date > %s)",
            [session_key, now],
        )
        version, live = cursor.fetchone()
    return version, bool(live)


def is_html(content_type):
    return content_type.startswith("text/html")


def cache_get(key):
    try:
        return cache.get(key)
    except Exception as error:  # the cache is away: render from the database instead
        cache_failed(error)
        return None


def cache_set(key, response, content):
    headers = {h: response[h] for h in KEPT_HEADERS if h in response}
    try:
        cache.set(key, (content, headers), TIMEOUT)
    except Exception as error:
        cache_failed(error)


_last_warning = {"at": float("-inf")}


def cache_failed(error):
    """Note a failed cache call: logged once a minute at most, and told by /healthz."""
    now = time.monotonic()
    if now - _last_warning["at"] >= WARN_EVERY_SECONDS:
        _last_warning["at"] = now
        logger.warning("The page cache is unavailable; pages are rendered afresh: %s", error)


def cache_is_healthy():
    """Whether the cache answers now (for /healthz)."""
    try:
        cache.get("healthz")
    except Exception as error:
        cache_failed(error)
        return False
    return True


def from_cache(cached, request):
    """The stored page, made out for `request`'s reader."""
    content, headers = cached
    if is_html(headers.get("Content-Type", "")):
        content = personal_parts.personalise(content, request)
    response = HttpResponse(content)
    for header, value in headers.items():
        response[header] = value
    response["X-Page-Cache"] = "hit"
    # Each audience has its copy at this address: said here, where copies are handed out,
    # not left to whether the session middleware saw the session read.
    patch_vary_headers(response, ("Cookie",))
    return response


def storable(response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "no-store" not in response.get("Cache-Control", "")
    )
