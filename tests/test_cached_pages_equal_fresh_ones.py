"""The guard of the page cache's shared copies: every public page, read by two different people
of each audience, is the same from the cache as rendered afresh for the second of them (CSRF
tokens aside, which differ on every request by design)."""

import re

import pytest
from django.core.cache import cache
from django.test import Client

from accounts.access import Rule
from accounts.models import BoroughLink
from boroughs.models import Borough
from objectives.models import KeyResult

from .factories import UserFactory
from .helpers import SAMPLE_URLS, declared_rules, sample_review

CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')
PUBLIC = sorted(name for name, rule in declared_rules().items() if rule is Rule.PUBLIC)


def officer(name):
    person = UserFactory(username=name, first_name=name.title(), groups=["Borough officers"])
    BoroughLink.objects.create(user=person, borough=Borough.objects.get(slug="camden"))
    return person


@pytest.fixture
def pairs(q2_plan):
    """Two people of each audience; the first of each owns KR 17, the second does not."""
    people = {
        "anonymous": (None, None),
        "no role": (UserFactory(username="nell"), UserFactory(username="noah")),
        "camden officers": (officer("olive"), officer("otto")),
        "managers": (
            UserFactory(username="mia", groups=["Managers"]),
            UserFactory(username="max", groups=["Managers"]),
        ),
        "staff": (
            UserFactory(username="sam", is_staff=True, groups=["LOTI staff"]),
            UserFactory(username="sue", is_staff=True, groups=["LOTI staff"]),
        ),
    }
    kr17 = KeyResult.objects.get(quarter=q2_plan, number=17)
    kr17.owners.add(*[first for first, _ in people.values() if first is not None])
    sample_review(q2_plan)
    return people


def read(person, address):
    client = Client()
    if person is not None:
        client.force_login(person)
    response = client.get(address)
    assert response.status_code in (200, 302), address
    return response


@pytest.mark.parametrize("name", PUBLIC)
def test_every_public_page_from_the_cache_equals_a_fresh_render(pairs, name):
    address = SAMPLE_URLS[name]
    for audience, (first, second) in pairs.items():
        cache.clear()
        read(first, address)
        cached = read(second, address)
        if cached.status_code != 200:
            continue  # the quarter switcher redirects: nothing is stored
        assert cached["X-Page-Cache"] == "hit", (name, audience)
        cache.clear()
        fresh = read(second, address)
        assert "X-Page-Cache" not in fresh
        assert CSRF.sub(b"", cached.content) == CSRF.sub(b"", fresh.content), (name, audience)
