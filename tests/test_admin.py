import pytest

from objectives.models import CheckIn, KeyResult, Status

from .factories import CheckInFactory
from .helpers import admin_urls, inline_post_data


def test_signed_in_non_staff_user_cannot_reach_the_admin(client, django_user_model, q2_plan):
    user = django_user_model.objects.create_user(username="officer", password="a-long-password-1")
    client.force_login(user)
    assert client.get("/admin/objectives/keyresult/").status_code == 302


def test_a_superuser_sees_every_admin_page(client, staff_user, q2_plan):
    client.force_login(staff_user)
    for url in admin_urls(q2_plan):
        assert client.get(url).status_code == 200, url


def test_key_result_list_shows_status_progress_and_last_check_in(client, staff_user, q2_plan):
    kr = KeyResult.objects.get(quarter=q2_plan, number=14)
    CheckInFactory(key_result=kr, date="2021-11-30", status=Status.AT_RISK, progress=35)
    client.force_login(staff_user)
    response = client.get("/admin/objectives/keyresult/?status=at_risk")
    html = response.content.decode()
    assert "Pilot pan-London IG resource" in html
    assert "At risk" in html
    assert "35%" in html
    assert "Nov. 30, 2021" in html or "30 Nov 2021" in html or "2021-11-30" in html
    assert "Launch air quality collaboration pilot" not in html


@pytest.mark.parametrize(
    "query", ["quarter__id__exact=1", "workstream__id__exact=1", "borough=camden", "q=dementia"]
)
def test_key_result_list_filters_and_search(client, staff_user, q2_plan, query):
    client.force_login(staff_user)
    assert client.get(f"/admin/objectives/keyresult/?{query}").status_code == 200


def test_borough_filter_narrows_the_admin_list(client, staff_user, q2_plan):
    client.force_login(staff_user)
    response = client.get("/admin/objectives/keyresult/?borough=ealing")
    assert response.context["cl"].result_count == 1


def test_staff_record_a_check_in_on_the_key_result_page(client, staff_user, q2_plan):
    kr = KeyResult.objects.get(quarter=q2_plan, number=17)
    client.force_login(staff_user)
    response = client.post(
        f"/admin/objectives/keyresult/{kr.pk}/change/",
        inline_post_data(
            kr,
            date="2021-11-15",
            status="on_track",
            progress="60",
            confidence="high",
            note="Halfway",
        ),
    )
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    check_in = CheckIn.objects.get(key_result=kr)
    assert (check_in.status, check_in.progress, check_in.note) == ("on_track", 60, "Halfway")
    assert check_in.recorded_by == staff_user
    page = client.get(kr.get_absolute_url()).content.decode()
    assert "Halfway" in page
    assert "60%" in page


def test_a_new_check_in_keeps_the_earlier_ones_unchanged(client, staff_user, q2_plan):
    kr = KeyResult.objects.get(quarter=q2_plan, number=18)
    first = CheckInFactory(key_result=kr, date="2021-11-01", status=Status.ON_TRACK, progress=20)
    client.force_login(staff_user)
    data = inline_post_data(
        kr, date="2021-12-01", status="at_risk", progress="25", confidence="low", note="Slipped"
    )
    data["check_ins-2-0-progress"] = "99"  # a tampered post cannot rewrite history
    response = client.post(f"/admin/objectives/keyresult/{kr.pk}/change/", data)
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.progress == 20
    assert kr.check_ins.count() == 2


def test_admin_refuses_progress_over_100_with_a_message(client, staff_user, q2_plan):
    kr = KeyResult.objects.get(quarter=q2_plan, number=1)
    client.force_login(staff_user)
    response = client.post(
        f"/admin/objectives/keyresult/{kr.pk}/change/",
        inline_post_data(
            kr, date="2021-11-15", status="on_track", progress="150", confidence="medium", note=""
        ),
    )
    assert response.status_code == 200
    assert "Ensure this value is less than or equal to 100" in response.content.decode()
    assert not CheckIn.objects.exists()


def test_check_ins_cannot_be_changed_or_deleted_in_the_admin(client, staff_user, q2_plan):
    check_in = CheckInFactory(key_result=KeyResult.objects.get(quarter=q2_plan, number=3))
    client.force_login(staff_user)
    response = client.post(f"/admin/objectives/checkin/{check_in.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert CheckIn.objects.filter(pk=check_in.pk).exists()
