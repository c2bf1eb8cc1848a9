"""Every admin view and action asks one rule: only a superuser acts on a superuser. The role
groups are read only, for everyone."""

from django.contrib.auth.models import Group

from .factories import UserFactory
from .helpers import text_of

PEOPLE = "/admin/auth/user/"


def test_staff_cannot_deactivate_a_superuser_with_the_bulk_action(client_as):
    boss = UserFactory(username="boss", is_staff=True, is_superuser=True)
    helper = UserFactory(username="helper")
    staff = client_as("staff")
    done = staff.post(
        PEOPLE,
        {"action": "deactivate", "_selected_action": [boss.pk, helper.pk]},
        follow=True,
    )
    assert "Only a superuser may deactivate a superuser" in text_of(done)
    boss.refresh_from_db()
    helper.refresh_from_db()
    assert boss.is_active
    assert not helper.is_active


def test_staff_cannot_delete_a_superuser_with_the_bulk_action(client_as):
    boss = UserFactory(username="boss", is_staff=True, is_superuser=True)
    data = {"action": "delete_selected", "_selected_action": [boss.pk]}
    staff = client_as("staff")
    assert "superuser (only a superuser may delete one)" in text_of(staff.post(PEOPLE, data))
    assert staff.post(PEOPLE, {**data, "post": "yes"}).status_code == 403
    boss.refresh_from_db()


def test_staff_cannot_resend_an_invitation_to_a_superuser(client_as, smtp_inbox):
    boss = UserFactory(username="boss", is_staff=True, is_superuser=True, last_login=None)
    done = client_as("staff").post(
        PEOPLE, {"action": "resend_invitation", "_selected_action": [boss.pk]}, follow=True
    )
    assert "Only a superuser may re-invite a superuser" in text_of(done)
    assert smtp_inbox.messages == []


def test_no_one_deactivates_themselves(client_as, role_users):
    staff = role_users["staff"]
    client_as("staff").post(PEOPLE, {"action": "deactivate", "_selected_action": [staff.pk]})
    staff.refresh_from_db()
    assert staff.is_active


def test_the_role_groups_cannot_be_renamed_deleted_or_added_to_by_anyone(client_as, client):
    managers = Group.objects.get(name="Managers")
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(root)
    for reader in (client_as("staff"), client):
        page = reader.get(f"/admin/auth/group/{managers.pk}/change/")
        assert page.status_code == 200  # to read
        assert 'name="name"' not in page.content.decode()
        renamed = reader.post(f"/admin/auth/group/{managers.pk}/change/", {"name": "Bosses"})
        assert renamed.status_code == 403
        deleted = reader.post(f"/admin/auth/group/{managers.pk}/delete/", {"post": "yes"})
        assert deleted.status_code == 403
        assert reader.get("/admin/auth/group/add/").status_code == 403
    assert Group.objects.get(pk=managers.pk).name == "Managers"


def test_loti_staff_hold_no_power_over_groups(db):
    staff = Group.objects.get(name="LOTI staff")
    codenames = set(
        staff.permissions.filter(content_type__model="group").values_list("codename", flat=True)
    )
    assert codenames == {"view_group"}
