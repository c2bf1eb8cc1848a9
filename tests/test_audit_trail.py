from objectives.models import BoroughParticipation, CheckIn, KeyResult, Quarter
from objectives.services import post_borough_update, record_check_in

from .helpers import inline_post_data, text_of


def test_admin_edit_records_who_when_and_the_fields_before_and_after(
    client_as, q2_plan, role_users
):
    kr = KeyResult.objects.get(quarter=q2_plan, number=2)
    data = inline_post_data(kr)
    data["title"] = "Publish a guide to recruiting for hard-to-fill digital roles"
    client = client_as("staff")
    assert client.post(f"/admin/objectives/keyresult/{kr.pk}/change/", data).status_code == 302
    record = kr.history.latest()
    assert record.history_user == role_users["staff"]
    assert record.history_type == "~"
    change = next(c for c in record.diff_against(record.prev_record).changes if c.field == "title")
    assert change.old == "Publish a guide to recruiting for hard-to-fill roles"
    assert change.new == "Publish a guide to recruiting for hard-to-fill digital roles"


def test_every_kind_of_change_is_recorded(q2_plan, role_users):
    staff = role_users["staff"]
    kr = KeyResult.objects.get(quarter=q2_plan, number=3)
    check_in = record_check_in(
        key_result=kr, status="on_track", progress=10, recorded_by=staff, note="Moved on."
    )
    assert check_in.history.get().history_type == "+"
    update = post_borough_update(
        key_result=kr,
        author=role_users["officer"],
        borough=kr.boroughs.get(slug="camden"),
        text="Hi",
    )
    assert update.history.get().history_type == "+"
    participation = BoroughParticipation.objects.get(key_result=kr, borough__slug="barnet")
    participation_id = participation.id
    participation.delete()
    assert BoroughParticipation.history.filter(id=participation_id).latest().history_type == "-"
    q2_plan.end_date = q2_plan.end_date.replace(day=14)
    q2_plan.save()
    assert Quarter.history.filter(id=q2_plan.id).latest().history_type == "~"


def test_staff_see_a_key_results_history_from_its_page(client_as, q2_plan):
    kr = KeyResult.objects.get(quarter=q2_plan, number=2)
    data = inline_post_data(
        kr, date="2021-11-15", status="on_track", progress="20", confidence="high", note="Begun"
    )
    data["title"] = "A clearer title"
    client_as("staff").post(f"/admin/objectives/keyresult/{kr.pk}/change/", data)
    history = f"{kr.get_absolute_url()}history/"
    staff = client_as("staff")
    assert f'href="{history}"' in staff.get(kr.get_absolute_url()).content.decode()
    page = text_of(staff.get(history))
    assert "Change history" in page
    assert (
        "Title: “Publish a guide to recruiting for hard-to-fill roles” → “A clearer title”" in page
    )
    assert "Check-in: 2021-11-15, On track, 20% added" in page
    assert "loti-staff" in page
    for role in ["anonymous", "officer", "manager"]:
        client = client_as(role)
        assert "Change history" not in text_of(client.get(kr.get_absolute_url()))
        assert client.get(history).status_code in (302, 403)
    assert client_as("staff").get("/quarters/y3-q2/key-results/99/history/").status_code == 404


def test_staff_see_history_in_the_admin(client_as, q2_plan):
    kr = KeyResult.objects.get(quarter=q2_plan, number=2)
    record_check_in(key_result=kr, status="on_track", progress=10, note="Moved on.")
    check_in = CheckIn.objects.get()
    response = client_as("staff").get(f"/admin/objectives/checkin/{check_in.pk}/history/")
    assert response.status_code == 200
    assert "Added" in response.content.decode() or "Created" in response.content.decode()
