"""Key results have owners: people named on pages and in exports by their names (never their
e-mail addresses or usernames), given in plan files by e-mail address, carried on roll-over."""

import csv
import io

import pytest

from objectives.models import KeyResult
from objectives.plan_files import PlanFileError, create_plan, export_yaml, read_plan
from objectives.services import next_quarter_defaults, record_check_in, roll_over

from .factories import UserFactory
from .helpers import ONE_KEY_RESULT_PLAN, text_of


@pytest.fixture
def owned(q2_plan):
    ada = UserFactory(
        username="ada", first_name="Ada", last_name="Lovelace", is_staff=True, groups=["LOTI staff"]
    )
    grace = UserFactory(
        username="grace", first_name="Grace", last_name="Hopper", groups=["Managers"]
    )
    kr = KeyResult.objects.get(quarter=q2_plan, number=14)
    kr.owners.set([ada, grace])
    return kr


def test_a_key_results_page_names_its_owners_never_their_addresses(client, owned):
    page = text_of(client.get(owned.get_absolute_url()))
    assert "Owners Ada Lovelace, Grace Hopper" in page
    assert "ada@example.org" not in page


def test_exports_name_owners_and_who_recorded_each_check_in(client, owned):
    ada = owned.owners.get(username="ada")
    record_check_in(
        key_result=owned, status="on_track", progress=10, recorded_by=ada, note="Moved on."
    )
    rows = csv.DictReader(
        io.StringIO(client.get("/quarters/y3-q2/key-results.csv").content.decode().lstrip("\ufeff"))
    )
    row = next(r for r in rows if r["number"] == "14")
    assert row["owners"] == "Ada Lovelace; Grace Hopper"
    check_ins = client.get("/quarters/y3-q2/check-ins.csv").content.decode()
    assert "Ada Lovelace" in check_ins
    assert ",ada," not in check_ins
    data = client.get("/quarters/y3-q2/key-results.json").json()
    assert next(k for k in data["key_results"] if k["number"] == 14)["owners"] == [
        "Ada Lovelace",
        "Grace Hopper",
    ]


PLAN = (
    ONE_KEY_RESULT_PLAN.format(title="A")
    + "        owners: [ADA@example.org, nobody@example.org]\n"
)


def test_plan_files_give_owners_by_e_mail_address(owned):
    with pytest.raises(PlanFileError) as error:
        read_plan(PLAN.encode(), "yaml")
    assert [str(p) for p in error.value.problems] == [
        'line 11: no one with an account has the e-mail address "nobody@example.org"'
    ]
    quarter = create_plan(read_plan(PLAN.replace(", nobody@example.org", "").encode(), "yaml"))
    assert [o.username for o in KeyResult.objects.get(quarter=quarter).owners.all()] == ["ada"]
    assert "owners:\n    - ada@example.org" in export_yaml(quarter).replace("      ", "  ")


def test_a_carried_key_result_keeps_its_owners(owned, q2_plan):
    _, (carried,) = roll_over(key_results=[owned], **next_quarter_defaults(q2_plan))
    assert set(carried.owners.values_list("username", flat=True)) == {"ada", "grace"}


def test_changing_owners_is_in_the_audit_trail(owned):
    assert owned.history.latest().owners.count() == 2


def test_loti_staff_choose_owners_in_the_admin_among_staff_and_managers(client_as, q2_plan):
    from .helpers import inline_post_data

    ada = UserFactory(
        username="ada", first_name="Ada", last_name="Lovelace", is_staff=True, groups=["LOTI staff"]
    )
    kr = KeyResult.objects.get(quarter=q2_plan, number=16)
    client = client_as("staff")
    page = client.get(f"/admin/objectives/keyresult/{kr.pk}/change/")
    choices = {str(user) for user in page.context["adminform"].form.fields["owners"].queryset}
    assert "ada" in choices
    assert "camden-officer" not in choices  # an officer cannot own a key result
    data = inline_post_data(kr)
    data["owners"] = [ada.pk]
    assert client.post(f"/admin/objectives/keyresult/{kr.pk}/change/", data).status_code == 302
    assert list(kr.owners.all()) == [ada]


def test_an_e_mail_address_belongs_to_one_person_whatever_its_case(client_as, role_users):
    from django.db import IntegrityError, transaction

    from .test_user_admin import user_form

    taken = role_users["manager"].email
    newcomer = UserFactory(username="newcomer")
    response = client_as("staff").post(
        f"/admin/auth/user/{newcomer.pk}/change/", user_form(newcomer, email=taken.upper())
    )
    assert "Someone else already has this e-mail address" in text_of(response)
    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(username="twin", email=taken.upper())


def test_lists_the_dashboard_and_the_board_pack_name_active_owners_only(client, owned):
    grace = owned.owners.get(username="grace")
    grace.is_active = False  # left LOTI: deactivated
    grace.save()
    for url in ("/quarters/y3-q2/key-results/", "/quarters/y3-q2/", "/quarters/y3-q2/report/"):
        page = text_of(client.get(url))
        assert "Ada Lovelace" in page, url
        assert "Grace Hopper" not in page, url


def test_a_deactivated_owner_is_left_out_of_an_exported_plan(owned):
    grace = owned.owners.get(username="grace")
    grace.is_active = False
    grace.save()
    exported = export_yaml(owned.quarter)
    assert "ada@example.org" in exported
    assert "grace@example.org" not in exported


def test_when_every_owner_leaves_the_key_result_is_listed_as_left_without_an_owner(
    client, client_as, owned, role_users
):
    never_owned = KeyResult.objects.get(quarter=owned.quarter, number=15)
    for person in owned.owners.all():
        person.is_active = False
        person.save()
    response = client.get("/quarters/y3-q2/")
    reasons = {item.key_result: item.reasons for item in response.context["overall"].attention}
    assert "left without an owner" in reasons[owned]
    assert "left without an owner" not in reasons.get(never_owned, [])
    assert "Left without an owner" in text_of(response)
    staff_page = client_as("staff").get("/my-key-results/")
    assert f"Choose an owner for KR 14: {owned.title}" in text_of(staff_page)
    assert "Left without an owner" not in text_of(client_as("manager").get("/my-key-results/"))

    owned.owners.add(role_users["staff"])  # someone takes it
    assert "Left without an owner" not in text_of(client.get("/quarters/y3-q2/"))
    assert "Left without an owner" not in text_of(client_as("staff").get("/my-key-results/"))


def test_a_finished_key_result_whose_owners_left_needs_no_new_owner(client, owned):
    record_check_in(key_result=owned, status="complete", progress=100, note="Done")
    for person in owned.owners.all():
        person.is_active = False
        person.save()
    assert "Left without an owner" not in text_of(client.get("/quarters/y3-q2/"))
