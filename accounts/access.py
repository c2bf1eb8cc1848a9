"""Who may open which page: the one place where the site's permissions are decided.

Every named URL has a rule here. A URL without one is refused (403) and fails the test that
walks every URL, so a new page cannot go live without a decision about who may see it. The
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
    SIGNED_IN = "anyone signed in"
    OWN_PAGE = "anyone signed in, about what they themselves own or do"
    RECORDERS = "LOTI staff and a key result's owners, checked by the view"
    OFFICER = "borough officers"
    STAFF = "LOTI staff"
    ADMIN = "LOTI staff, checked by the Django admin"


RULES = {
    "objectives:home": Rule.PUBLIC,
    "objectives:quarter-list": Rule.PUBLIC,
    "objectives:quarter-switch": Rule.PUBLIC,
    "objectives:quarter-dashboard": Rule.PUBLIC,
    "objectives:board-pack": Rule.PUBLIC,
    "objectives:key-result-list": Rule.PUBLIC,
    "objectives:key-result-detail": Rule.PUBLIC,
    "objectives:key-result-csv": Rule.PUBLIC,
    "objectives:key-result-json": Rule.PUBLIC,
    "objectives:check-in-csv": Rule.PUBLIC,
    "objectives:borough-update-csv": Rule.PUBLIC,
    "objectives:plan-text": Rule.PUBLIC,
    "objectives:quarter-review": Rule.PUBLIC,
    "objectives:review-text": Rule.PUBLIC,
    "objectives:review-markdown": Rule.PUBLIC,
    "objectives:plan-markdown": Rule.PUBLIC,
    "objectives:plan-preview": Rule.STAFF,
    "objectives:key-result-history": Rule.STAFF,
    "objectives:workstream-list": Rule.PUBLIC,
    "objectives:workstream-detail": Rule.PUBLIC,
    "objectives:borough-list": Rule.PUBLIC,
    "objectives:borough-detail": Rule.PUBLIC,
    "objectives:partner-list": Rule.PUBLIC,
    "objectives:partner-detail": Rule.PUBLIC,
    "objectives:my-borough": Rule.OFFICER,
    "objectives:my-key-results": Rule.OWN_PAGE,
    "objectives:check-in-create": Rule.RECORDERS,
    "objectives:borough-update-create": Rule.OFFICER,
    "objectives:borough-update-correct": Rule.OFFICER,
    "objectives:borough-update-withdraw": Rule.OFFICER,
    "accounts:sign-in": Rule.SIGN_IN,
    "accounts:password-reset": Rule.OPEN,
    "accounts:password-reset-sent": Rule.OPEN,
    "accounts:set-password": Rule.LINK_IN_MESSAGE,
    "healthz": Rule.OPEN,
    "accounts:sign-out": Rule.SIGNED_IN,
    "notifications:account": Rule.OWN_PAGE,
    "notifications:unsubscribe": Rule.LINK_IN_MESSAGE,
}


def rule_for(resolver_match):
    if resolver_match.namespaces and resolver_match.namespaces[0] == "admin":
        return Rule.ADMIN
    return RULES.get(resolver_match.view_name)


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
        if rule in (Rule.ADMIN, Rule.SIGN_IN, Rule.OPEN, Rule.LINK_IN_MESSAGE):
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
