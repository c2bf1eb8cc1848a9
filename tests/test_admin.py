import pytest

from objectives.models import CheckIn, KeyResult, Status

from .factories import CheckInFactory

ADMIN_PAGES = [
    "/admin/",
    "/admin/objectives/keyresult/",
    "/admin/objectives/quarter/",
    "/admin/objectives/checkin/",
    "/admin/workstreams/workstream/",
    "/admin/boroughs/borough/",
    "/admin/partners/partner/",
]


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_anonymous_visitors_are_sent_to_log_in(client, q2_plan, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_signed_in_non_staff_user_cannot_reach_the_admin(client, django_user_model, q2_plan):
    user = django_user_model.objects.create_user(username="officer", password="a-long-password-1")
    client.force_login(user)
    assert client.get("/admin/objectives/keyresult/").status_code == 302


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_staff_see_every_admin_list(client, staff_user, q2_plan, url):
    client.force_login(staff_user)
    assert client.get(url).status_code == 200


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


def inline_post_data(key_result, **check_in):
    """The change form of a key result as the browser posts it, with one new check-in."""
    data = {
        "quarter": key_result.quarter_id,
        "workstream": key_result.workstream_id,
        "number": key_result.number,
        "title": key_result.title,
        "description": key_result.description,
        "starting_status": key_result.starting_status,
        "named_people": key_result.named_people,
        "dependencies": key_result.dependencies,
        "expected_version": key_result.version,
    }
    # The "Record a check-in" form comes first, then earlier check-ins (read-only), updates,
    # boroughs, partners and links.
    formsets = {
        "check_ins": [],
        "check_ins-2": list(key_result.check_ins.all()),
        "borough_updates": list(key_result.borough_updates.all()),
        "participations": list(key_result.participations.all()),
        "involvements": list(key_result.involvements.all()),
        "links": list(key_result.links.all()),
    }
    for prefix, rows in formsets.items():
        adds_one = prefix == "check_ins" and bool(check_in)
        data[f"{prefix}-TOTAL_FORMS"] = len(rows) + (1 if adds_one else 0)
        data[f"{prefix}-INITIAL_FORMS"] = len(rows)
        data[f"{prefix}-MIN_NUM_FORMS"] = 0
        data[f"{prefix}-MAX_NUM_FORMS"] = 1000
        for index, row in enumerate(rows):
            data[f"{prefix}-{index}-id"] = row.pk
            data[f"{prefix}-{index}-key_result"] = key_result.pk
            if prefix == "participations":
                data[f"{prefix}-{index}-borough"] = row.borough_id
                data[f"{prefix}-{index}-role"] = row.role
            elif prefix == "involvements":
                data[f"{prefix}-{index}-partner"] = row.partner_id
                data[f"{prefix}-{index}-role"] = row.role
            elif prefix == "links":
                data[f"{prefix}-{index}-label"] = row.label
                data[f"{prefix}-{index}-url"] = row.url
                data[f"{prefix}-{index}-position"] = row.position
    for field, value in check_in.items():
        data[f"check_ins-0-{field}"] = value
    if check_in:
        data["check_ins-0-key_result"] = key_result.pk
    return data


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
        kr, date="2021-12-01", status="at_risk", progress="25", confidence="low", note=""
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
