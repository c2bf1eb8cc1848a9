"""Inviting people in one step (admin or `manage.py invite`), the one role choice of the admin's
user page, and choosing or resetting a password by e-mail, through a real SMTP server."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.management import CommandError, call_command

from accounts.models import BoroughLink
from accounts.roles import Role, role_of
from boroughs.models import Borough
from notifications.models import SentMessage

from .factories import UserFactory
from .helpers import text_of
from .test_user_admin import user_form

User = get_user_model()


def link_in(delivery):
    """The set-password link of a message, as a path on this site."""
    [url] = re.findall(r"https://okr\.example\.org(/account/set-password/\S+/)", delivery.text)
    assert url in delivery.html
    return url


def invite(*args):
    out = io.StringIO()
    call_command("invite", *args, stdout=out)
    return out.getvalue()


def test_an_invited_officer_chooses_a_password_and_lands_on_my_borough(client, smtp_inbox, q2_plan):
    output = invite(
        "Nia.Okafor@Camden.gov.uk",
        "--role",
        "officer",
        "--borough",
        "camden",
        "--name",
        "Nia Okafor",
    )
    assert "Invited Nia.Okafor@camden.gov.uk as officer for Camden" in output  # domain lowered
    person = User.objects.get(email__iexact="Nia.Okafor@Camden.gov.uk")
    assert role_of(person) is Role.OFFICER
    assert person.borough_link.borough.slug == "camden"
    assert not person.has_usable_password()
    [delivery] = smtp_inbox.messages
    assert delivery.recipients == ["Nia.Okafor@camden.gov.uk"]
    assert delivery.subject == "You are invited to the LOTI OKR tracker"
    assert "Hello Nia Okafor," in delivery.text
    assert "Your role: Borough officer, " in delivery.text
    assert "Your username is nia.okafor@camden.gov.uk" in delivery.text
    assert "List-Unsubscribe" not in delivery.message  # sent once, on request

    form = client.get(link_in(delivery), follow=True)
    assert "Choose a password" in text_of(form)
    response = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a-new-long-password-7", "new_password2": "a-new-long-password-7"},
    )
    assert response["Location"] == "/my-borough/"
    assert "Your password is set" in text_of(client.get("/my-borough/"))
    person.refresh_from_db()
    assert person.check_password("a-new-long-password-7")
    client.logout()
    used = client.get(link_in(delivery), follow=True)
    assert used.status_code == 400
    assert "This link does not work" in text_of(used)


def test_an_invitation_link_expires(client, smtp_inbox, q2_plan, settings):
    invite("late@example.org", "--role", "manager")
    person = User.objects.get(email="late@example.org")
    generator = default_token_generator
    old = generator._num_seconds(generator._now()) - settings.PASSWORD_RESET_TIMEOUT - 60
    token = generator._make_token_with_timestamp(person, old, generator.secret)
    uid = link_in(smtp_inbox.messages[0]).split("/")[3]
    response = client.get(f"/account/set-password/{uid}/{token}/")
    assert response.status_code == 400
    assert "The link has expired" in text_of(response)


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["TAKEN@example.org", "--role", "manager"], "already has an account with this e-mail"),
        (["not-an-address", "--role", "manager"], "Enter an e-mail address in the correct format"),
        (["new@example.org", "--role", "officer"], "Choose the borough this officer speaks for"),
        (["new@example.org", "--role", "manager", "--borough", "camden"], "Only a borough officer"),
        (["new@example.org", "--role", "officer", "--borough", "atlantis"], "No borough has"),
    ],
)
def test_the_invite_command_refuses_with_a_clear_message(smtp_inbox, q2_plan, args, problem):
    UserFactory(username="taken", email="taken@example.org")
    with pytest.raises(CommandError, match=problem):
        invite(*args)
    assert not User.objects.filter(email__iexact="new@example.org").exists()
    assert smtp_inbox.messages == []


def test_loti_staff_invite_from_the_admin_and_resend_the_invitation(
    client_as, smtp_inbox, q2_plan, role_users
):
    client = client_as("staff")
    assert "Invite a person" in text_of(client.get("/admin/auth/user/"))
    response = client.post(
        "/admin/auth/user/invite/",
        {"email": "grace@example.org", "name": "Grace Hopper", "role": "manager", "borough": ""},
        follow=True,
    )
    assert "Invited grace@example.org" in text_of(response)
    grace = User.objects.get(email="grace@example.org")
    assert role_of(grace) is Role.MANAGER
    assert (grace.first_name, grace.last_name) == ("Grace", "Hopper")
    assert "Loti" not in smtp_inbox.messages[0].text  # invited_by has no name: not "by ''"
    client.post(
        "/admin/auth/user/",
        {"action": "resend_invitation", "_selected_action": [grace.pk, role_users["staff"].pk]},
    )  # LOTI staff have signed in: they use "Forgot your password?" instead
    assert len(smtp_inbox.messages) == 2
    assert SentMessage.objects.filter(recipient=grace, kind="invitation").count() == 2


def test_the_admin_invite_page_refuses_a_taken_address_and_a_borough_without_an_officer(
    client_as, smtp_inbox, q2_plan, role_users
):
    client = client_as("staff")
    taken = client.post(
        "/admin/auth/user/invite/",
        {"email": "MANAGER@example.org", "role": "manager", "borough": ""},
    )
    assert "Someone already has an account with this e-mail address" in text_of(taken)
    camden = Borough.objects.get(slug="camden").pk
    mixed = client.post(
        "/admin/auth/user/invite/", {"email": "x@example.org", "role": "staff", "borough": camden}
    )
    assert "Only a borough officer speaks for a borough" in text_of(mixed)
    assert smtp_inbox.messages == []


def test_the_user_page_sets_role_and_borough_together(client_as, role_users):
    person = UserFactory(username="moving")
    client = client_as("staff")
    hackney = Borough.objects.get(slug="hackney")
    client.post(
        f"/admin/auth/user/{person.pk}/change/",
        user_form(person, role="officer", borough=hackney.pk),
    )
    person = User.objects.get(pk=person.pk)
    assert role_of(person) is Role.OFFICER
    assert person.borough_link.borough == hackney
    client.post(f"/admin/auth/user/{person.pk}/change/", user_form(person, role="staff"))
    person = User.objects.get(pk=person.pk)
    assert role_of(person) is Role.STAFF
    assert person.is_staff  # may use the admin
    assert not BoroughLink.objects.filter(user=person).exists()
    assert [g.name for g in person.groups.all()] == ["LOTI staff"]


@pytest.mark.parametrize(
    ("role", "borough", "problem"),
    [
        ("officer", None, "Choose the borough this officer speaks for"),
        ("manager", "camden", "Only a borough officer speaks for a borough"),
    ],
)
def test_the_user_page_refuses_an_officer_without_a_borough_and_the_reverse(
    client_as, role_users, role, borough, problem
):
    person = UserFactory(username="someone")
    borough_pk = Borough.objects.get(slug=borough).pk if borough else ""
    response = client_as("staff").post(
        f"/admin/auth/user/{person.pk}/change/", user_form(person, role=role, borough=borough_pk)
    )
    assert response.status_code == 200
    assert problem in text_of(response)
    assert role_of(User.objects.get(pk=person.pk)) is Role.NO_ROLE


def test_forgot_password_sends_a_link_and_reveals_nothing(client, smtp_inbox, role_users):
    password_step = client.post("/sign-in/", {"username": "manager@example.org"})
    assert 'href="/forgot-password/"' in password_step.content.decode()
    known = client.post("/forgot-password/", {"email": "Manager@Example.org"}, follow=True)
    unknown = client.post("/forgot-password/", {"email": "nobody@example.org"}, follow=True)
    assert text_of(known) == text_of(unknown)
    assert "If an account has that address" in text_of(known)
    [delivery] = smtp_inbox.messages
    assert delivery.recipients == ["manager@example.org"]
    assert delivery.subject == "Reset your LOTI OKR tracker password"
    response = client.get(link_in(delivery), follow=True)
    client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "another-long-pass-3", "new_password2": "another-long-pass-3"},
    )
    assert User.objects.get(username="manager").check_password("another-long-pass-3")


def test_forgot_password_checks_the_address_and_does_not_flood_an_inbox(
    client, smtp_inbox, role_users
):
    response = client.post("/forgot-password/", {"email": "not an address"})
    assert response.status_code == 200
    assert "Enter an e-mail address in the correct format" in text_of(response)
    for _ in range(3):
        client.post("/forgot-password/", {"email": "manager@example.org"})
    assert len(smtp_inbox.messages) == 1


def test_a_new_password_is_checked_by_djangos_validators(client, smtp_inbox, role_users):
    client.post("/forgot-password/", {"email": "manager@example.org"})
    response = client.get(link_in(smtp_inbox.messages[0]), follow=True)
    refused = client.post(
        response.redirect_chain[-1][0], {"new_password1": "12345678", "new_password2": "12345678"}
    )
    assert "There is a problem" in text_of(refused)
    assert "too common" in text_of(refused)
    assert User.objects.get(username="manager").check_password("a-long-test-password")
