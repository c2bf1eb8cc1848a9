"""LOTI staff manage people but cannot make anyone a superuser, nor change a superuser's
account; changes to people's roles, groups and borough links are in the audit trail."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts.models import BoroughLink
from accounts.roles import role_code_of
from boroughs.models import Borough

from .factories import UserFactory


def user_form(user, **changes):
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "role": role_code_of(user),
        "borough": "",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2021-10-16",
        "date_joined_1": "09:00:00",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def test_loti_staff_cannot_make_themselves_superuser(client_as, role_users):
    staff = role_users["staff"]
    client = client_as("staff")
    page = client.get(f"/admin/auth/user/{staff.pk}/change/").content.decode()
    assert 'name="is_superuser"' not in page
    assert 'name="user_permissions"' not in page
    client.post(
        f"/admin/auth/user/{staff.pk}/change/",
        user_form(staff, is_superuser="on", user_permissions=[1, 2, 3]),
    )
    staff.refresh_from_db()
    assert not staff.is_superuser
    assert not staff.user_permissions.exists()


def test_only_a_superuser_changes_a_superusers_account(client_as, client, role_users):
    boss = UserFactory(username="boss", is_staff=True, is_superuser=True)
    staff_client = client_as("staff")
    staff_client.post(f"/admin/auth/user/{boss.pk}/change/", user_form(boss, email="x@evil.test"))
    response = staff_client.post(
        f"/admin/auth/user/{boss.pk}/password/",
        {"password1": "a-new-long-password-9", "password2": "a-new-long-password-9"},
    )
    assert response.status_code == 403
    boss.refresh_from_db()
    assert boss.email == "boss@example.org"
    assert boss.check_password("a-long-test-password")
    client.force_login(boss)
    page = client.get(f"/admin/auth/user/{boss.pk}/change/").content.decode()
    assert 'name="is_superuser"' in page


def test_changes_to_roles_groups_and_borough_links_are_in_the_audit_trail(client_as, role_users):
    person = UserFactory(username="new-officer")
    client = client_as("staff")
    officers = Group.objects.get(name="Borough officers")
    client.post(
        f"/admin/auth/user/{person.pk}/change/",
        user_form(person, role="officer", borough=Borough.objects.get(slug="hackney").pk),
    )
    assert BoroughLink.objects.get(user=person).borough.slug == "hackney"
    user_records = get_user_model().history.filter(id=person.pk)
    assert user_records.latest().history_username == "loti-staff"
    group_changes = user_records.latest().groups.all()
    assert [row.group for row in group_changes] == [officers]
    link_record = BoroughLink.history.get(user=person)
    assert (link_record.history_type, link_record.history_username) == ("+", "loti-staff")


def test_signing_in_adds_nothing_to_the_audit_trail(client, role_users):
    manager = role_users["manager"]
    before = get_user_model().history.filter(id=manager.pk).count()
    client.post("/sign-in/", {"username": "manager", "password": "a-long-test-password"})
    assert get_user_model().history.filter(id=manager.pk).count() == before
