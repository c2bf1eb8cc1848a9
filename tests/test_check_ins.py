"""Recording a check-in: one service holds the rules, and every way in (admin, commands) uses it."""

import pytest

from objectives.models import CheckIn, KeyResult, Status
from objectives.services import MayNotRecordCheckIns, record_check_in

from .helpers import inline_post_data


def test_someone_without_the_right_cannot_record_a_check_in(q2_plan, role_users):
    kr = KeyResult.objects.get(quarter=q2_plan, number=17)
    for role in ("officer", "manager"):
        with pytest.raises(MayNotRecordCheckIns):
            record_check_in(
                key_result=kr, status=Status.ON_TRACK, progress=10, recorded_by=role_users[role]
            )
    assert not CheckIn.objects.exists()


def test_loti_staff_record_a_check_in_and_are_named_on_it(q2_plan, role_users):
    kr = KeyResult.objects.get(quarter=q2_plan, number=17)
    check_in = record_check_in(
        key_result=kr, status=Status.ON_TRACK, progress=10, recorded_by=role_users["staff"]
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
        },
    )
    assert response.status_code == 302
    check_in = CheckIn.objects.get()
    assert (check_in.key_result, check_in.status, check_in.progress) == (kr, "at_risk", 15)
    assert check_in.recorded_by.username == "loti-staff"
    assert response["Location"].startswith("/admin/objectives/checkin/")
