"""My key results: what a person owns in the current quarter, due ones first, "no change" for
several at once; and where each kind of person lands after signing in."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from objectives.models import CheckIn
from objectives.services import record_check_in

from .factories import KeyResultFactory, QuarterFactory, UserFactory
from .helpers import text_of

PASSWORD = "a-long-test-password"


@pytest.fixture
def running(q2_plan):
    """A quarter running today, with two key results owned by a manager, one of them due."""
    today = timezone.localdate()
    quarter = QuarterFactory(
        start_date=today - datetime.timedelta(days=40), end_date=today + datetime.timedelta(50)
    )
    owner = UserFactory(username="owner", first_name="Olu", last_name="Owner", groups=["Managers"])
    fresh = KeyResultFactory(quarter=quarter, number=1, title="Checked in last week")
    due = KeyResultFactory(quarter=quarter, number=2, title="Nobody has checked in")
    for key_result in (fresh, due):
        key_result.owners.add(owner)
    record_check_in(
        key_result=fresh,
        status="on_track",
        progress=30,
        date=today - datetime.timedelta(days=7),
        note="Moved on.",
    )
    return {"owner": owner, "fresh": fresh, "due": due, "quarter": quarter}


def test_owners_see_their_key_results_due_ones_first(client, running):
    client.force_login(running["owner"])
    response = client.get("/my-key-results/")
    assert [kr.number for kr in response.context["owned"]] == [2, 1]
    page = text_of(response)
    assert "1 is due a check-in" in page
    assert page.index("Nobody has checked in") < page.index("Checked in last week")


def test_no_change_on_several_key_results_at_once_clears_due(client, running):
    client.force_login(running["owner"])
    response = client.post(
        "/my-key-results/", {"key_result": [running["due"].pk, running["fresh"].pk]}, follow=True
    )
    assert "Recorded “no change” on KR 2, 1." in text_of(response)
    assert CheckIn.objects.filter(recorded_by=running["owner"]).count() == 2
    assert response.context["due"] == []


def test_no_one_records_on_a_key_result_they_do_not_own(client, running, q2_plan):
    stranger = UserFactory(username="stranger", groups=["Managers"])
    client.force_login(stranger)
    response = client.post("/my-key-results/", {"key_result": [running["due"].pk]})
    assert response.status_code == 403
    assert not running["due"].check_ins.exists()


@pytest.mark.parametrize(
    ("username", "lands_on"),
    [
        ("camden-officer", "/my-borough/"),
        ("loti-staff", "/my-key-results/"),
        ("owner", "/my-key-results/"),
        ("manager", "/"),
    ],
)
def test_each_kind_of_person_lands_on_their_own_page(running, role_users, username, lands_on):
    response = Client().post("/sign-in/", {"username": username, "password": PASSWORD})
    assert response["Location"] == lands_on


def test_next_wins_over_the_landing_page(running):
    response = Client().post(
        "/sign-in/?next=/boroughs/", {"username": "owner", "password": PASSWORD}
    )
    assert response["Location"] == "/boroughs/"
