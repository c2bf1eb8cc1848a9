"""Signed-in readers get their audience's cached copy of a public page, with what belongs to
them alone (their name, CSRF tokens, their owner's buttons) put in for each request, and
nothing of another audience or person."""

import itertools
import re

import pytest
from django.core.cache import cache
from django.test import Client

from accounts.models import BoroughLink
from boroughs.models import Borough
from objectives.models import KeyResult
from objectives.services import record_check_in

from .factories import UserFactory
from .helpers import text_of

INTERNAL_NOTE = "Budget worry for managers only"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.fixture
def readers(role_users):
    """A reader of each audience, two officers of different boroughs among them."""
    hackney_officer = UserFactory(
        username="hackney-officer", first_name="Hal", groups=["Borough officers"]
    )
    BoroughLink.objects.create(user=hackney_officer, borough=Borough.objects.get(slug="hackney"))
    return {
        "anonymous": None,
        "no role": UserFactory(username="no-role", first_name="Nell"),
        "camden officer": role_users["officer"],
        "hackney officer": hackney_officer,
        "manager": role_users["manager"],
        "staff": role_users["staff"],
    }


@pytest.fixture
def camden_only(q2_plan):
    """A key result naming Camden and not Hackney, with an internal note."""
    key_result = next(
        kr
        for kr in KeyResult.objects.filter(quarter=q2_plan).order_by("number")
        if kr.names_borough(Borough.objects.get(slug="camden"))
        and not kr.names_borough(Borough.objects.get(slug="hackney"))
    )
    record_check_in(
        key_result=key_result, status="at_risk", progress=20, note=INTERNAL_NOTE, is_internal=True
    )
    return key_result


def page_for(user, path):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.get(path)


def comparable(response):
    """A page as its reader sees it, but for the CSRF token, which is new on every answer."""
    return CSRF.sub('name="csrfmiddlewaretoken" value="?"', response.content.decode())


def test_a_signed_in_reader_gets_their_audiences_copy_with_their_own_name(q2_plan):
    ada = UserFactory(username="ada", first_name="Ada", last_name="Byron", groups=["Managers"])
    bob = UserFactory(username="bob", first_name="Bob", last_name="Stone", groups=["Managers"])
    first = page_for(ada, "/quarters/y3-q2/")
    assert "X-Page-Cache" not in first
    assert "Signed in as Ada Byron" in text_of(first)

    second = page_for(bob, "/quarters/y3-q2/")
    assert second["X-Page-Cache"] == "hit"
    assert "Signed in as Bob Stone" in text_of(second)
    assert "Ada Byron" not in text_of(second)
    assert comparable(second) == comparable(first).replace("Ada Byron", "Bob Stone")


def test_the_csrf_token_on_a_cached_page_is_the_readers_own_and_works(q2_plan, role_users):
    other_manager = UserFactory(username="other-manager", groups=["Managers"])
    page_for(role_users["manager"], "/quarters/y3-q2/")  # fills the managers' copy
    client = Client(enforce_csrf_checks=True)
    client.force_login(other_manager)
    page = client.get("/quarters/y3-q2/")
    assert page["X-Page-Cache"] == "hit"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    assert "<!--" not in token
    assert client.post("/sign-out/", {"csrfmiddlewaretoken": token}).status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "path",
    ["/quarters/y3-q2/", "{key_result}", "/boroughs/camden/", "/quarters/y3-q2/key-results.csv"],
)
def test_no_audience_is_given_another_audiences_page(readers, camden_only, path):
    """For every ordered pair of audiences: after the first has filled the cache, the second
    gets exactly what a fresh render would give them."""
    path = path.format(key_result=camden_only.get_absolute_url())
    fresh = {}
    for name, user in readers.items():
        cache.clear()
        fresh[name] = comparable(page_for(user, path))
    for first, second in itertools.permutations(readers, 2):
        cache.clear()
        page_for(readers[first], path)
        answer = page_for(readers[second], path)
        assert comparable(answer) == fresh[second], f"{second} after {first} on {path}"


def test_internal_notes_and_update_forms_stay_with_their_audiences(readers, camden_only):
    path = camden_only.get_absolute_url()
    seen = {}
    for name in ["staff", "manager", "camden officer", "hackney officer", "no role", "anonymous"]:
        seen[name] = text_of(page_for(readers[name], path))  # each after the one before
    assert INTERNAL_NOTE in seen["staff"]
    assert INTERNAL_NOTE in seen["manager"]
    for name in ["camden officer", "hackney officer", "no role", "anonymous"]:
        assert INTERNAL_NOTE not in seen[name], name
    assert "Post an update for Camden" in seen["camden officer"]
    for name in ["staff", "manager", "hackney officer", "no role", "anonymous"]:
        assert "Post an update" not in seen[name], name


def test_each_owner_sees_the_check_in_button_of_their_own_key_results_only(q2_plan):
    kr3, kr4 = KeyResult.objects.filter(quarter=q2_plan, number__in=[3, 4]).order_by("number")
    ada, grace = UserFactory(username="ada"), UserFactory(username="grace")
    kr3.owners.set([ada])
    kr4.owners.set([grace])
    button = "Record a check-in"
    assert button in text_of(page_for(ada, kr3.get_absolute_url()))
    on_kr3 = page_for(grace, kr3.get_absolute_url())
    assert on_kr3["X-Page-Cache"] == "hit"
    assert button not in text_of(on_kr3)
    assert "only-for" not in on_kr3.content.decode()  # no owner's id reaches the page
    assert button in text_of(page_for(grace, kr4.get_absolute_url()))
    on_kr4 = page_for(ada, kr4.get_absolute_url())
    assert on_kr4["X-Page-Cache"] == "hit"
    assert button not in text_of(on_kr4)
    assert button not in text_of(page_for(None, kr3.get_absolute_url()))
    assert button in text_of(
        page_for(UserFactory(groups=["LOTI staff"], is_staff=True), kr4.get_absolute_url())
    )


def test_a_message_is_shown_on_a_fresh_page_then_the_cache_serves_again(q2_plan, role_users):
    staff = Client()
    staff.force_login(role_users["staff"])
    staff.get("/quarters/y3-q2/key-results/3/")
    kr3 = KeyResult.objects.get(quarter=q2_plan, number=3)
    response = staff.post(
        f"{kr3.get_absolute_url()}check-ins/new/",
        {
            "date": "2021-12-01",
            "status": "on_track",
            "progress": "30",
            "confidence": "high",
            "note": "Going well",
        },
        follow=True,
    )
    assert "X-Page-Cache" not in response
    assert "Success" in text_of(response)
    again = staff.get(kr3.get_absolute_url())
    assert "Success" not in text_of(again)
    assert staff.get(kr3.get_absolute_url())["X-Page-Cache"] == "hit"


def test_a_role_change_gives_the_new_audiences_page_at_once(q2_plan, role_users, camden_only):
    from accounts.roles import give_role

    person = UserFactory(username="promoted")
    client = Client()
    client.force_login(person)
    path = camden_only.get_absolute_url()
    assert INTERNAL_NOTE not in text_of(client.get(path))
    give_role(person, "manager")
    assert INTERNAL_NOTE in text_of(client.get(path))
