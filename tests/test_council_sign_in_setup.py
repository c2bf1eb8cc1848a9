"""Setting up a council's Microsoft sign-in (the admin, superusers only, and
`add_council_sign_in`), and what people see of it: their invitation, their account page, the
people list. No tenant is needed here: nothing signs in."""

import io

import pytest
from allauth.socialaccount.models import SocialApp
from django.core.management import CommandError, call_command

from accounts.models import CouncilSignIn
from boroughs.models import Borough

from .factories import CouncilSignInFactory, UserFactory
from .helpers import text_of

ISSUER = "https://login.microsoftonline.com/0f1e2d3c/v2.0"


def add(*args):
    out = io.StringIO()
    call_command("add_council_sign_in", *args, stdout=out)
    return out.getvalue()


def test_the_command_sets_up_a_council_and_prints_the_redirect_uri(q2_plan, settings):
    settings.SITE_URL = "https://okr.example.org"
    printed = add(
        "camden",
        f"--issuer={ISSUER}/",
        "--client-id=app-id",
        "--client-secret=the-secret",
        "--domains=Camden.gov.uk, camden.org.uk",
    )
    assert "https://okr.example.org/sign-in/council/camden/callback/" in printed
    assert "the-secret" not in printed
    council = CouncilSignIn.objects.get(borough__slug="camden")
    assert council.domain_list == ["camden.gov.uk", "camden.org.uk"]
    assert council.issuer == ISSUER
    assert (council.app.client_id, council.app.secret) == ("app-id", "the-secret")

    add("camden", f"--issuer={ISSUER}", "--client-id=new-id", "--domains=camden.gov.uk")
    council.app.refresh_from_db()
    assert (council.app.client_id, council.app.secret) == ("new-id", "the-secret")  # kept
    assert CouncilSignIn.objects.count() == 1


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["nowhere"], "No borough 'nowhere'"),
        (["hackney", "--issuer=http://login.example.org/x"], "https"),
        (["hackney", "--domains=not a domain"], "not a domain name"),
        (["hackney", "--client-secret="], "client secret"),
        (["hackney", "--domains=camden.gov.uk"], "camden.gov.uk is Camden's already"),
    ],
)
def test_the_command_refuses_with_a_clear_message(q2_plan, args, problem):
    CouncilSignInFactory(domains="camden.gov.uk")
    given = {arg.split("=")[0] for arg in args}
    defaults = {
        "--issuer": ISSUER,
        "--client-id": "app-id",
        "--client-secret": "s",
        "--domains": "hackney.gov.uk",
    }
    rest = [f"{k}={v}" for k, v in defaults.items() if k not in given]
    with pytest.raises(CommandError, match=problem):
        add(*args, *rest)
    assert CouncilSignIn.objects.count() == 1


def test_only_superusers_see_council_sign_ins_in_the_admin(client, client_as, q2_plan):
    council = CouncilSignInFactory()
    staff = client_as("staff")
    assert staff.get("/admin/accounts/councilsignin/").status_code == 403
    assert staff.get(f"/admin/accounts/councilsignin/{council.pk}/change/").status_code == 403
    assert staff.get("/admin/socialaccount/socialapp/").status_code == 404  # not mounted
    assert "Council sign-ins" not in text_of(staff.get("/admin/"))


def test_a_superuser_adds_one_in_the_admin_and_its_secret_is_never_shown(client, q2_plan):
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(root)
    hackney = Borough.objects.get(slug="hackney")
    form = {
        "borough": hackney.pk,
        "issuer": ISSUER,
        "client_id": "app-id",
        "secret": "very-secret-value",
        "domains": "hackney.gov.uk",
    }
    added = client.post("/admin/accounts/councilsignin/add/", form)
    assert added.status_code == 302, text_of(added)
    council = CouncilSignIn.objects.get(borough=hackney)
    assert council.app.secret == "very-secret-value"
    page = client.get(f"/admin/accounts/councilsignin/{council.pk}/change/").content.decode()
    assert "very-secret-value" not in page
    assert "/sign-in/council/hackney/callback/" in page

    client.post(
        f"/admin/accounts/councilsignin/{council.pk}/change/",
        {**form, "secret": "", "domains": "hackney.gov.uk,learning-trust.co.uk"},
    )
    council.refresh_from_db()
    council.app.refresh_from_db()
    assert council.app.secret == "very-secret-value"
    assert council.domain_list == ["hackney.gov.uk", "learning-trust.co.uk"]

    refused = client.post("/admin/accounts/councilsignin/add/", {**form, "domains": "x.org"})
    assert refused.status_code == 200
    assert "Hackney has a Microsoft sign-in already" in text_of(refused)

    client.post(f"/admin/accounts/councilsignin/{council.pk}/delete/", {"post": "yes"})
    assert not CouncilSignIn.objects.exists()
    assert not SocialApp.objects.exists()


def test_an_invitation_to_a_council_address_needs_no_password(smtp_inbox, q2_plan, settings):
    settings.SITE_URL = "https://okr.example.org"
    CouncilSignInFactory()
    out = io.StringIO()
    call_command(
        "invite", "nia@camden.gov.uk", "--role", "officer", "--borough", "camden", stdout=out
    )
    call_command("invite", "pat@example.org", "--role", "manager", stdout=out)
    council, other = smtp_inbox.messages
    assert "Sign in with your council account" in council.text
    assert "https://okr.example.org/sign-in/" in council.text
    assert "Camden Microsoft account" in council.text
    assert "set-password" not in council.text + council.html
    assert "Choose a password to start" in other.text


def test_a_council_address_gets_no_password_reset(client, smtp_inbox, q2_plan):
    CouncilSignInFactory()
    UserFactory(username="nia", email="nia@camden.gov.uk")
    client.post("/forgot-password/", {"email": "nia@camden.gov.uk"})
    assert smtp_inbox.messages == []


def test_the_account_page_and_the_people_list_say_how_each_person_signs_in(
    client, client_as, q2_plan, role_users
):
    CouncilSignInFactory(domains="example.org")  # the role users' addresses
    UserFactory(username="root", email="root@example.org", is_staff=True, is_superuser=True)
    assert "With your Camden Microsoft account" in text_of(client_as("officer").get("/account/"))
    CouncilSignIn.objects.all().delete()
    assert "With your e-mail address and a password" in text_of(
        client_as("officer").get("/account/")
    )

    CouncilSignInFactory(domains="example.org")
    people = text_of(client_as("staff").get("/admin/auth/user/"))
    assert "Camden Microsoft account" in people
    assert "Password" in people  # the superuser keeps theirs
