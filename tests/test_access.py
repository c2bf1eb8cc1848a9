"""Walks every URL as every role and checks the answer against the permission table."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from accounts.access import Rule
from objectives.models import CheckIn, KeyResult

from .helpers import (
    SAMPLE_URLS,
    admin_urls,
    declared_rules,
    sample_borough_update,
    sample_review,
)

RULES = declared_rules()

ROLES = ["anonymous", "officer", "manager", "staff"]

SIGN_IN = "sign in"  # a redirect to the sign-in page
# The answer to a GET, by rule and role, with PUBLIC_READ on.
EXPECTED_GET = {
    Rule.PUBLIC: {"anonymous": 200, "officer": 200, "manager": 200, "staff": 200},
    Rule.OFFICER: {"anonymous": SIGN_IN, "officer": 200, "manager": 403, "staff": 403},
    Rule.STAFF: {"anonymous": SIGN_IN, "officer": 403, "manager": 403, "staff": 200},
    Rule.SIGN_IN: {"anonymous": 200, "officer": 302, "manager": 302, "staff": 302},
    Rule.OPEN: {"anonymous": 200, "officer": 200, "manager": 200, "staff": 200},
    Rule.OWN_PAGE: {"anonymous": SIGN_IN, "officer": 200, "manager": 200, "staff": 200},
    # Sample role users own nothing: only LOTI staff may record here.
    Rule.RECORDERS: {"anonymous": SIGN_IN, "officer": 403, "manager": 403, "staff": 200},
    # The view checks the link itself: the sample is not a valid link, whoever follows it.
    Rule.LINK_IN_MESSAGE: {"anonymous": 400, "officer": 400, "manager": 400, "staff": 400},
    # No council's sign-in is set up in the sample: the callback finds none (its checks are
    # pinned by tests/test_council_sign_in.py).
    Rule.COUNCIL_CALLBACK: {"anonymous": 404, "officer": 404, "manager": 404, "staff": 404},
    # Signing out is a POST; a GET is refused.
    Rule.SIGNED_IN: {"anonymous": SIGN_IN, "officer": 405, "manager": 405, "staff": 405},
}
OTHER_THAN_200 = {
    "objectives:quarter-switch": 302,
    "accounts:signed-in": 302,
    "tokens:revoke": 405,  # a POST from the tokens page's button
}


def named_urls(patterns=None, namespace=""):
    """Every named URL of the site, by "namespace:name", leaving the Django admin out."""
    names = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in ("admin", "api"):  # their own checks (tests/test_api.py)
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= named_urls(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def answer(response):
    if response.status_code == 302 and response["Location"].startswith("/sign-in/"):
        return SIGN_IN
    return response.status_code


def test_every_url_has_a_sample_address_and_declares_an_access_rule():
    assert named_urls() == set(SAMPLE_URLS), "add the new URL to SAMPLE_URLS in tests/helpers.py"
    undeclared = [name for name, rule in RULES.items() if rule is None]
    assert not undeclared, "say who may open these pages: access = Rule... on their views"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(SAMPLE_URLS))
def test_every_url_answers_every_role_as_the_table_says(client_as, q2_plan, role_users, name, role):
    sample_borough_update(role_users["officer"])
    sample_review(q2_plan)
    expected = EXPECTED_GET[RULES[name]][role]
    if expected == 200:
        expected = OTHER_THAN_200.get(name, 200)
    assert answer(client_as(role).get(SAMPLE_URLS[name])) == expected


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(n for n, rule in RULES.items() if rule is Rule.PUBLIC))
def test_without_public_read_every_page_needs_a_sign_in(client_as, q2_plan, settings, name, role):
    settings.PUBLIC_READ = False
    sample_review(q2_plan)
    expected = SIGN_IN if role == "anonymous" else OTHER_THAN_200.get(name, 200)
    assert answer(client_as(role).get(SAMPLE_URLS[name])) == expected


def test_without_public_read_the_sign_in_page_stays_open(client, q2_plan, settings):
    settings.PUBLIC_READ = False
    assert client.get("/sign-in/").status_code == 200
    assert client.get("/").url == "/sign-in/?next=/"


@pytest.mark.parametrize("role", ROLES)
def test_only_loti_staff_reach_the_admin(client_as, q2_plan, role):
    for url in admin_urls(q2_plan):
        response = client_as(role).get(url)
        if role == "staff":
            assert response.status_code == 200, url
        else:
            assert response.status_code == 302, url
            assert response["Location"].startswith("/admin/login/"), url


def test_staff_role_comes_from_the_group_not_from_being_a_superuser(role_users):
    staff = role_users["staff"]
    assert not staff.is_superuser
    assert staff.has_perm("objectives.add_checkin")
    assert staff.has_perm("objectives.change_keyresult")
    assert staff.has_perm("auth.change_user")
    manager = role_users["manager"]
    assert manager.has_perm("objectives.view_keyresult")
    assert manager.has_perm("objectives.view_internal_notes")
    assert not manager.has_perm("objectives.change_keyresult")
    officer = role_users["officer"]
    assert officer.has_perm("objectives.add_boroughupdate")
    assert not officer.has_perm("objectives.add_checkin")
    assert not officer.has_perm("objectives.view_internal_notes")


@pytest.mark.parametrize("role", ["anonymous", "officer", "manager"])
def test_no_role_but_staff_can_post_a_check_in_through_the_admin(client_as, q2_plan, role):
    kr = KeyResult.objects.get(quarter=q2_plan, number=17)
    client_as(role).post(
        "/admin/objectives/checkin/add/",
        {"key_result": kr.pk, "status": "on_track", "progress": 50, "confidence": "high"},
    )
    assert not CheckIn.objects.exists()
