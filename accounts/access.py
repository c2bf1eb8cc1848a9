"""Who may open which page: the rules, and the one middleware that applies them.

Every page declares its rule where it is written (`access = Rule.PUBLIC` on its view class).
A page without one is refused (403) and fails the test that walks every URL, so a new page
cannot go live without a decision about who may see it. The
Django admin keeps its own check (LOTI staff only); pages that act on one borough's key results
also ask whether the key result names the officer's borough (`KeyResult.names_borough`).
"""

import enum
import logging

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from .roles import Role, role_of

logger = logging.getLogger(__name__)


class Rule(enum.Enum):
    PUBLIC = "anyone while PUBLIC_READ is on, else anyone signed in"
    SIGN_IN = "anyone: the sign-in page itself"
    OPEN = "anyone, always: the health check for load balancers"
    LINK_IN_MESSAGE = "anyone holding a signed link sent by e-mail, checked by the view"
    COUNCIL_CALLBACK = "anyone coming back from a council's sign-in, checked by the view"
    SIGNED_IN = "anyone signed in"
    OWN_PAGE = "anyone signed in, about what they themselves own or do"
    RECORDERS = "LOTI staff and a key result's owners, checked by the view"
    OFFICER = "borough officers"
    STAFF = "LOTI staff"
    ADMIN = "LOTI staff, checked by the Django admin"
    API = "anyone with a working API token, checked by the API (api/auth.py)"


def view_of(resolver_match):
    """The view class a URL resolved to (or its function, for a function view)."""
    return getattr(resolver_match.func, "view_class", resolver_match.func)


def rule_for(resolver_match):
    """The access rule the page declares (`access = Rule.PUBLIC` on its view); the admin's pages
    keep their own check. None for a page that declares none: refused."""
    if resolver_match.namespaces and resolver_match.namespaces[0] == "admin":
        return Rule.ADMIN
    if resolver_match.namespaces and resolver_match.namespaces[0] == "api":
        return Rule.API
    return getattr(view_of(resolver_match), "access", None)


def declares(rule):
    """For a function view: `@declares(Rule.OPEN)`, as a class says `access = Rule.OPEN`."""

    def declare(view):
        view.access = rule
        return view

    return declare


class AccessPolicyMiddleware:
    """Applies RULES before any view runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        rule = rule_for(request.resolver_match)
        user = request.user
        if rule is None:
            logger.error(
                "No access rule for URL name %r: refused.", request.resolver_match.view_name
            )
            raise PermissionDenied("This page has no access rule yet.")
        if rule in (
            Rule.ADMIN,
            Rule.SIGN_IN,
            Rule.OPEN,
            Rule.LINK_IN_MESSAGE,
            Rule.COUNCIL_CALLBACK,
            Rule.API,
        ):
            return None
        if rule is Rule.PUBLIC and settings.PUBLIC_READ:
            return None
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if rule is Rule.OFFICER and role_of(user) is not Role.OFFICER:
            raise PermissionDenied("Only borough officers can use this page.")
        if rule is Rule.STAFF and role_of(user) is not Role.STAFF:
            raise PermissionDenied("Only LOTI staff can use this page.")
        return None
