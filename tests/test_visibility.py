"""One rule decides who sees a quarter and what is in it (objectives.visibility): until it is
published, nothing of a draft exists for anyone but LOTI staff, owners of its key results
included; voided check-ins are LOTI staff's alone, on pages and in exports alike."""

import datetime

import pytest
from django.utils import timezone

from objectives.services import void_check_in

from .factories import (
    CheckInFactory,
    KeyResultFactory,
    PartnerFactory,
    PartnerInvolvementFactory,
    QuarterFactory,
    UserFactory,
    WorkstreamFactory,
)
from .helpers import text_of

TODAY = timezone.localdate()
NOT_STAFF = ["anonymous", "no role", "officer", "manager"]


@pytest.fixture
def draft(q2_plan):
    """A running draft quarter with KR 1 in a workstream and naming a partner that no published
    quarter uses."""
    quarter = QuarterFactory(
        year=9,
        slug="y9-q1",
        start_date=TODAY - datetime.timedelta(days=10),
        end_date=TODAY + datetime.timedelta(days=80),
        published_at=None,
    )
    workstream = WorkstreamFactory(name="Secret Sauce", slug="secret-sauce")
    key_result = KeyResultFactory(quarter=quarter, number=1, workstream=workstream)
    PartnerInvolvementFactory(
        key_result=key_result, partner=PartnerFactory(name="Hush Ltd", slug="hush")
    )
    return quarter


@pytest.fixture
def readers(role_users):
    return {**role_users, "no role": UserFactory(username="no-role")}


def as_reader(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("role", NOT_STAFF)
def test_a_drafts_check_in_form_is_404_for_its_owners_as_for_a_number_that_never_existed(
    client, draft, readers, role
):
    key_result = draft.key_results.get(number=1)
    if readers[role] is not None:
        key_result.owners.add(readers[role])
    client = as_reader(client, readers[role])
    for number in (1, 99):
        address = f"/quarters/y9-q1/key-results/{number}/check-ins/new/"
        expected = 302 if role == "anonymous" else 404  # anonymous: sign in first
        assert client.get(address).status_code == expected, address
        response = client.post(address, {"status": "on_track", "progress": 50, "note": "x"})
        assert response.status_code == expected, address
    assert not key_result.check_ins.exists()


def test_loti_staff_open_a_drafts_check_in_form(client_as, draft):
    response = client_as("staff").get("/quarters/y9-q1/key-results/1/check-ins/new/")
    assert response.status_code == 200


@pytest.mark.parametrize("role", NOT_STAFF)
def test_a_drafts_own_workstreams_and_partners_are_nowhere_but_for_staff(
    client, draft, readers, role
):
    client = as_reader(client, readers[role])
    assert client.get("/workstreams/secret-sauce/").status_code == 404
    assert client.get("/workstreams/never-was/").status_code == 404
    assert client.get("/partners/hush/").status_code == 404
    for address in ("/workstreams/", "/partners/", "/quarters/y3-q2/key-results/"):
        page = text_of(client.get(address))
        assert "Secret Sauce" not in page, address
        assert "Hush Ltd" not in page, address
    filtered = client.get("/quarters/y3-q2/key-results/?workstream=secret-sauce")
    assert filtered.status_code == 400  # not a choice: "Select a workstream from the list"


def test_loti_staff_see_a_drafts_workstreams_and_partners(client_as, draft):
    staff = client_as("staff")
    assert staff.get("/workstreams/secret-sauce/").status_code == 200
    assert staff.get("/partners/hush/").status_code == 200
    assert "Secret Sauce" in text_of(staff.get("/workstreams/"))


def test_a_workstream_shows_once_its_quarter_is_published(client, draft):
    from objectives.services import publish_quarter

    assert client.get("/workstreams/secret-sauce/").status_code == 404
    publish_quarter(draft)
    assert client.get("/workstreams/secret-sauce/").status_code == 200


@pytest.fixture
def voided(q2_plan, role_users):
    key_result = q2_plan.key_results.get(number=17)
    check_in = CheckInFactory(key_result=key_result, progress=40, note="Typed into the wrong KR")
    void_check_in(check_in, by=role_users["staff"], reason="Meant for KR 18")
    return check_in


@pytest.mark.parametrize("role", ["anonymous", "officer", "manager"])
def test_voided_check_ins_are_on_no_page_or_export_but_staffs(client_as, voided, role):
    client = client_as(role)
    assert "Typed into the wrong KR" not in text_of(client.get(voided.get_absolute_url()))
    export = client.get("/quarters/y3-q2/check-ins.csv").content.decode()
    assert "Typed into the wrong KR" not in export
    assert "Meant for KR 18" not in export


def test_loti_staff_see_voided_check_ins_with_the_reason(client_as, voided):
    client = client_as("staff")
    assert "Meant for KR 18" in text_of(client.get(voided.key_result.get_absolute_url()))
    assert "Meant for KR 18" in client.get("/quarters/y3-q2/check-ins.csv").content.decode()


def test_owners_are_named_alike_on_pages_and_in_exports(client, q2_plan):
    key_result = q2_plan.key_results.get(number=17)
    key_result.owners.add(
        UserFactory(first_name="Grace", last_name="Hopper"),
        UserFactory(first_name="Ada", last_name="Lovelace"),
    )
    names = "Ada Lovelace, Grace Hopper"
    assert names in text_of(client.get(key_result.get_absolute_url()))
    assert names in text_of(client.get("/quarters/y3-q2/"))
    records = client.get("/quarters/y3-q2/key-results.json").json()["key_results"]
    assert next(r for r in records if r["number"] == 17)["owners"] == [
        "Ada Lovelace",
        "Grace Hopper",
    ]
