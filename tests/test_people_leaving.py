"""People who leave are deactivated, not erased from the record: who recorded or changed what
stays known, and the admin refuses to delete anyone with a record, offering deactivation."""

import pytest
from django.contrib.auth import get_user_model
from django.db.models import ProtectedError

from objectives.models import CheckIn, KeyResult
from objectives.services import post_borough_update, record_check_in

from .factories import UserFactory
from .helpers import text_of


@pytest.fixture
def leaver(q2_plan, role_users):
    """A LOTI staff member who recorded a check-in and edited a title."""
    person = UserFactory(username="leaving-staff", is_staff=True, groups=["LOTI staff"])
    kr = KeyResult.objects.get(quarter=q2_plan, number=14)
    record_check_in(
        key_result=kr, status="on_track", progress=20, recorded_by=person, note="Moved on."
    )
    kr._history_user = person
    kr.title = "A title the leaver set"
    kr.save()
    return person


def test_someone_who_recorded_a_check_in_cannot_be_deleted(leaver):
    with pytest.raises(ProtectedError):
        leaver.delete()
    assert CheckIn.objects.get(recorded_by=leaver)


def test_an_officer_who_posted_an_update_cannot_be_deleted(q2_plan, role_users):
    officer = role_users["officer"]
    kr = KeyResult.objects.get(quarter=q2_plan, number=17)
    post_borough_update(
        key_result=kr, author=officer, borough=officer.borough_link.borough, text="Done"
    )
    with pytest.raises(ProtectedError):
        officer.delete()


def test_history_keeps_who_made_a_change_after_the_account_is_removed(client_as, q2_plan):
    editor = UserFactory(username="short-contract", is_staff=True, groups=["LOTI staff"])
    kr = KeyResult.objects.get(quarter=q2_plan, number=15)
    kr._history_user = editor
    kr.title = "Renamed by a short contract"
    kr.save()
    get_user_model().objects.filter(pk=editor.pk).delete()  # removed by other means
    record = kr.history.latest()
    assert record.history_username == "short-contract"
    page = text_of(client_as("staff").get(f"{kr.get_absolute_url()}history/"))
    assert "short-contract" in page


def test_the_admin_refuses_to_delete_a_person_with_a_record_and_offers_deactivation(
    client_as, leaver
):
    client = client_as("staff")
    page = client.get(f"/admin/auth/user/{leaver.pk}/delete/")
    text = text_of(page)
    assert "Deactivate" in text
    assert "cannot be deleted" in text
    client.post(f"/admin/auth/user/{leaver.pk}/delete/", {"post": "yes"})
    assert get_user_model().objects.filter(pk=leaver.pk).exists()


def test_the_admin_deactivates_people_who_leave(client_as, leaver):
    response = client_as("staff").post(
        "/admin/auth/user/",
        {"action": "deactivate", "_selected_action": [leaver.pk]},
    )
    assert response.status_code == 302
    leaver.refresh_from_db()
    assert not leaver.is_active
    assert CheckIn.objects.get(recorded_by=leaver)


def test_someone_with_no_record_can_still_be_deleted(client_as, q2_plan):
    newcomer = UserFactory(username="created-by-mistake")
    client_as("staff").post(f"/admin/auth/user/{newcomer.pk}/delete/", {"post": "yes"})
    assert not get_user_model().objects.filter(pk=newcomer.pk).exists()
