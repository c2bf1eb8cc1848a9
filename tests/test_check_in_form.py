"""The site's check-in form: LOTI staff and a key result's owners record check-ins there, with
the same rules as everywhere, starting from the latest values, and go back where they came from."""

import datetime

from django.test import Client

from objectives.models import CheckIn, KeyResult
from objectives.services import record_check_in

from .factories import UserFactory
from .helpers import text_of

URL = "/quarters/y3-q2/key-results/17/check-ins/new/"


def form_data(**changes):
    data = {"date": "2021-12-01", "status": "on_track", "progress": "40", "confidence": "high"}
    data.update(changes)
    return data


def test_an_owner_records_a_check_in_and_goes_back_where_they_came_from(client, q2_plan):
    owner = UserFactory(username="owner", first_name="Olu", last_name="Owner", groups=["Managers"])
    KeyResult.objects.get(quarter=q2_plan, number=17).owners.add(owner)
    client.force_login(owner)
    response = client.post(f"{URL}?next=/my-key-results/", form_data(note="Two sessions run"))
    assert (response.status_code, response["Location"]) == (302, "/my-key-results/")
    check_in = CheckIn.objects.get()
    assert (check_in.progress, check_in.note, check_in.recorded_by) == (
        40,
        "Two sessions run",
        owner,
    )
    page = text_of(client.get("/quarters/y3-q2/key-results/17/"))
    assert "Two sessions run" in page


def test_the_form_starts_from_the_latest_check_in(client_as, q2_plan):
    kr = KeyResult.objects.get(quarter=q2_plan, number=17)
    record_check_in(
        key_result=kr,
        status="at_risk",
        progress=25,
        date=datetime.date(2021, 11, 2),
        note="Moved on.",
    )
    form = client_as("staff").get(URL).context["form"]
    assert (form.initial["status"], form.initial["progress"]) == ("at_risk", 25)
    assert form.initial["date"] == datetime.date(2022, 1, 15)  # the quarter has ended


def test_bad_values_are_a_400_with_an_error_summary_and_nothing_saved(client_as, q2_plan):
    response = client_as("staff").post(URL, form_data(date="2201-12-01", status="complete"))
    assert response.status_code == 400
    page = text_of(response)
    assert "There is a problem" in page
    assert "Enter a date within Year 3 Q2" in page
    assert "A complete key result is at 100%" in page
    assert not CheckIn.objects.exists()


def test_only_staff_and_owners_may_record(client, client_as, q2_plan):
    assert client_as("manager").get(URL).status_code == 403
    assert client_as("officer").post(URL, form_data()).status_code == 403
    client.logout()
    assert client.get(URL)["Location"].startswith("/sign-in/")
    assert not CheckIn.objects.exists()


def test_two_people_recording_at_once_both_persist(client_as, q2_plan, role_users):
    owner = UserFactory(username="owner", groups=["Managers"])
    KeyResult.objects.get(quarter=q2_plan, number=17).owners.add(owner)
    first, second = Client(), Client()
    first.force_login(role_users["staff"])
    second.force_login(owner)
    first.get(URL), second.get(URL)  # both open the form
    assert first.post(URL, form_data(progress="41", note="Staff view")).status_code == 302
    assert second.post(URL, form_data(progress="42", note="Owner view")).status_code == 302
    assert sorted(CheckIn.objects.values_list("progress", flat=True)) == [41, 42]


def test_the_key_result_page_offers_the_form_to_those_who_may_use_it(client_as, q2_plan):
    assert "Record a check-in" in text_of(client_as("staff").get("/quarters/y3-q2/key-results/17/"))
    assert "Record a check-in" not in text_of(
        client_as("manager").get("/quarters/y3-q2/key-results/17/")
    )
