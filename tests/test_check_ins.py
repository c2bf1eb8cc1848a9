"""Recording a check-in: one service holds the rules, and every way in (admin, commands) uses it."""

import datetime

import pytest

from objectives.models import CheckIn, KeyResult, Status
from objectives.services import MayNotRecordCheckIns, record_check_in

from .helpers import inline_post_data, text_of


def test_someone_without_the_right_cannot_record_a_check_in(q2_plan, role_users):
    kr = KeyResult.objects.get(quarter=q2_plan, number=17)
    for role in ("officer", "manager"):
        with pytest.raises(MayNotRecordCheckIns):
            record_check_in(
                key_result=kr,
                status=Status.ON_TRACK,
                progress=10,
                recorded_by=role_users[role],
                note="Moved on.",
            )
    assert not CheckIn.objects.exists()


def test_loti_staff_record_a_check_in_and_are_named_on_it(q2_plan, role_users):
    kr = KeyResult.objects.get(quarter=q2_plan, number=17)
    check_in = record_check_in(
        key_result=kr,
        status=Status.ON_TRACK,
        progress=10,
        recorded_by=role_users["staff"],
        note="Moved on.",
    )
    assert check_in.recorded_by == role_users["staff"]


def test_the_admins_check_in_form_records_through_the_service(client_as, q2_plan):
    kr = KeyResult.objects.get(quarter=q2_plan, number=17)
    client = client_as("staff")
    data = inline_post_data(
        kr, date="2021-11-01", status="on_track", progress=30, confidence="high", note="Going well"
    )
    response = client.post(f"/admin/objectives/keyresult/{kr.pk}/change/", data)
    assert response.status_code == 302
    check_in = kr.check_ins.get()
    assert (check_in.status, check_in.progress, check_in.note) == ("on_track", 30, "Going well")
    assert check_in.recorded_by.username == "loti-staff"


def test_a_check_in_added_on_the_admins_check_in_page_is_recorded_by_the_signed_in_person(
    client_as, q2_plan
):
    kr = KeyResult.objects.get(quarter=q2_plan, number=18)
    response = client_as("staff").post(
        "/admin/objectives/checkin/add/",
        {
            "key_result": kr.pk,
            "date": "2021-11-02",
            "status": "at_risk",
            "progress": 15,
            "confidence": "low",
            "note": "Waiting for data sharing agreements",
        },
    )
    assert response.status_code == 302
    check_in = CheckIn.objects.get()
    assert (check_in.key_result, check_in.status, check_in.progress) == (kr, "at_risk", 15)
    assert check_in.recorded_by.username == "loti-staff"
    assert response["Location"].startswith("/admin/objectives/checkin/")


def prefilled_form(client, kr):
    """The admin's key result page as a browser posts it back untouched: the check-in form's
    prefilled values included (the date, and the latest check-in's status and progress)."""
    page = client.get(f"/admin/objectives/keyresult/{kr.pk}/change/")
    data = inline_post_data(kr)
    form = page.context["inline_admin_formsets"][0].formset.forms[0]
    for name in ("date", "status", "progress", "confidence"):
        value = form.initial.get(name, form.fields[name].initial)
        if value is None:
            value = ""
        data[f"check_ins-0-{name}"] = value.isoformat() if hasattr(value, "isoformat") else value
    # The date's default is computed, so the page also carries it in a hidden "initial" input.
    data["initial-check_ins-0-date"] = data["check_ins-0-date"]
    data["check_ins-TOTAL_FORMS"] = 1
    return data


def test_two_staff_adding_check_ins_at_once_both_persist(client_as, q2_plan):
    kr = KeyResult.objects.get(quarter=q2_plan, number=20)
    client = client_as("staff")
    first_tab, second_tab = prefilled_form(client, kr), prefilled_form(client, kr)
    for tab, progress in ((first_tab, 20), (second_tab, 25)):
        tab.update(
            {
                "check_ins-0-status": "on_track",
                "check_ins-0-progress": progress,
                "check_ins-0-note": "On",
            }
        )
        tab["check_ins-0-record"] = "on"
        assert client.post(f"/admin/objectives/keyresult/{kr.pk}/change/", tab).status_code == 302
    assert sorted(kr.check_ins.values_list("progress", flat=True)) == [20, 25]


def test_editing_a_title_never_records_a_check_in(client_as, q2_plan):
    kr = KeyResult.objects.get(quarter=q2_plan, number=21)
    client = client_as("staff")
    data = prefilled_form(client, kr)
    data["title"] = "A clearer title"
    response = client.post(f"/admin/objectives/keyresult/{kr.pk}/change/", data, follow=True)
    assert not kr.check_ins.exists()
    kr.refresh_from_db()
    assert kr.title == "A clearer title"
    assert "Check-in recorded" not in text_of(response)


def test_ticking_with_the_values_unchanged_records_a_no_change_check_in(client_as, q2_plan):
    kr = KeyResult.objects.get(quarter=q2_plan, number=22)
    record_check_in(
        key_result=kr,
        status="at_risk",
        progress=40,
        date=datetime.date(2021, 11, 1),
        note="Moved on.",
    )
    client = client_as("staff")
    data = prefilled_form(client, kr)
    data["check_ins-0-record"] = "on"
    response = client.post(f"/admin/objectives/keyresult/{kr.pk}/change/", data, follow=True)
    latest = kr.check_ins.latest_first().first()
    assert (latest.status, latest.progress, latest.date) == (
        "at_risk",
        40,
        datetime.date(2022, 1, 15),  # the earlier of today and the quarter's end
    )
    assert kr.check_ins.count() == 2
    assert "Check-in recorded for Year 3 Q2 KR 22" in text_of(response)
    kr.refresh_from_db()
    assert kr.version == 1  # the key result itself did not change


def test_saving_with_nothing_changed_says_no_check_in_was_recorded(client_as, q2_plan):
    kr = KeyResult.objects.get(quarter=q2_plan, number=23)
    client = client_as("staff")
    response = client.post(
        f"/admin/objectives/keyresult/{kr.pk}/change/", prefilled_form(client, kr), follow=True
    )
    assert "no check-in was recorded" in text_of(response)
    assert not kr.check_ins.exists()


def test_check_in_values_typed_without_the_tick_are_not_lost_silently(client_as, q2_plan):
    kr = KeyResult.objects.get(quarter=q2_plan, number=24)
    client = client_as("staff")
    data = prefilled_form(client, kr)
    data.update({"check_ins-0-status": "on_track", "check_ins-0-progress": 35})
    response = client.post(f"/admin/objectives/keyresult/{kr.pk}/change/", data)
    assert response.status_code == 200
    assert "Tick “Record this check-in” to record these values" in text_of(response)
    assert not kr.check_ins.exists()


def test_the_admin_form_refuses_a_date_outside_the_quarter_in_plain_words(client_as, q2_plan):
    kr = KeyResult.objects.get(quarter=q2_plan, number=25)
    client = client_as("staff")
    data = prefilled_form(client, kr)
    data.update(
        {
            "check_ins-0-date": "2201-12-01",
            "check_ins-0-status": "on_track",
            "check_ins-0-record": "on",
        }
    )
    response = client.post(f"/admin/objectives/keyresult/{kr.pk}/change/", data)
    assert "Enter a date within Year 3 Q2, from 16 October 2021 to 15 January 2022" in text_of(
        response
    )
    assert not kr.check_ins.exists()


def test_staff_void_a_check_in_from_the_admin_with_a_reason(client_as, q2_plan):
    kr = KeyResult.objects.get(quarter=q2_plan, number=19)
    wrong = record_check_in(
        key_result=kr,
        status="off_track",
        progress=2,
        date=datetime.date(2021, 12, 1),
        note="Moved on.",
    )
    client = client_as("staff")
    url = f"/admin/objectives/checkin/{wrong.pk}/void/"
    assert "Enter why this check-in is voided" in text_of(client.post(url, {"reason": ""}))
    response = client.post(url, {"reason": "Meant 20%"})
    assert response.status_code == 302
    wrong.refresh_from_db()
    assert wrong.void_reason == "Meant 20%"
    assert wrong.voided_by.username == "loti-staff"
    assert client_as("manager").post(url, {"reason": "x"}).status_code == 302  # to admin sign-in


def test_the_check_in_pages_add_form_refuses_a_date_outside_the_quarter(client_as, q2_plan):
    kr = KeyResult.objects.get(quarter=q2_plan, number=18)
    response = client_as("staff").post(
        "/admin/objectives/checkin/add/",
        {"key_result": kr.pk, "date": "2201-12-01", "status": "on_track", "progress": 10},
    )
    assert response.status_code == 200
    assert "Enter a date within Year 3 Q2" in text_of(response)
    assert not CheckIn.objects.exists()
