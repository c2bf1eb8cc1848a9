"""Signing in with a council's Microsoft account, against real OpenID providers started for the
test session (tests/oidc_tenants.py): who comes in, who is refused and why, and what is
recorded. The tracker's side runs in Django's test client; its calls to the tenant (discovery,
token, keys) go over HTTP to the tenant's process, as they would to Entra."""

from urllib.parse import parse_qs, urlsplit, urlunsplit

import pytest
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model

from accounts.council_sign_in import save_set_up
from accounts.models import SignInRecord
from boroughs.models import Borough

from .factories import BoroughLinkFactory, UserFactory
from .oidc_tenants import sign_in_at_tenant

User = get_user_model()


def set_up(tenant, borough_slug, domains):
    borough = Borough.objects.get(slug=borough_slug) if borough_slug != "loti" else None
    return save_set_up(
        borough=borough,
        issuer=tenant.issuer,
        client_id=tenant.client_id,
        secret=tenant.client_secret,
        domains=domains,
    )


@pytest.fixture
def councils(db, tenants):
    """Camden's and Hackney's tenants and LOTI's own, set up as the admin would; Islington's
    sign-in is the tenant whose clock runs late."""
    return {
        "camden": set_up(tenants["camden"], "camden", "camden.gov.uk"),
        "hackney": set_up(tenants["hackney"], "hackney", "hackney.gov.uk"),
        "loti": set_up(tenants["loti"], "loti", "loti.london"),
        "islington": set_up(tenants["late"], "islington", "islington.gov.uk"),
    }


def officer(address, borough="camden", **fields):
    person = UserFactory(
        username=address, email=address, groups=["Borough officers"], password=None, **fields
    )
    BoroughLinkFactory(user=person, borough=Borough.objects.get(slug=borough))
    return person


def start(client, address, next_url=""):
    """The sign-in page's first step; the answer (a redirect to the tenant, for a council)."""
    return client.post("/sign-in/", {"username": address, "next": next_url})


def callback_path(url):
    parts = urlsplit(url)
    return urlunsplit(("", "", parts.path, parts.query, ""))


def sign_in(client, address, login=None):
    """The whole journey: the tracker's answer to the tenant's redirect back."""
    started = start(client, address)
    assert started.status_code == 302, started.content[:500]
    back = sign_in_at_tenant(started["Location"], login or address)
    return client.get(callback_path(back))


def test_an_invited_officer_signs_in_with_their_council_account(client, q2_plan, councils):
    alice = officer("alice.jones@camden.gov.uk", first_name="", last_name="")
    started = start(client, "Alice.Jones@camden.gov.uk")
    authorize = urlsplit(started["Location"])
    asked = parse_qs(authorize.query)
    assert started["Location"].startswith(councils["camden"].issuer + "/auth")
    assert asked["login_hint"] == ["Alice.Jones@camden.gov.uk"]
    assert asked["code_challenge_method"] == ["S256"]
    assert asked["state"]
    assert asked["redirect_uri"] == ["http://testserver/sign-in/council/camden/callback/"]

    back = client.get(callback_path(sign_in_at_tenant(started["Location"], alice.email)))
    assert back.status_code == 302
    assert back["Location"].startswith("/sign-in/done/")
    landed = client.get(back["Location"])
    assert landed["Location"] == "/my-borough/"  # their name came from the tenant's token
    assert client.session["_auth_user_id"] == str(alice.pk)
    alice.refresh_from_db()
    assert (alice.first_name, alice.last_name) == ("alice", "Tester")
    assert SocialAccount.objects.get(user=alice).provider == "camden"
    record = SignInRecord.objects.get(person=alice)
    assert (record.method, record.outcome, record.organisation) == (
        "council",
        "first_council_sign_in",
        "Camden",
    )

    client.logout()
    sign_in(client, alice.email)
    assert client.session["_auth_user_id"] == str(alice.pk)
    assert list(SignInRecord.objects.filter(person=alice).values_list("outcome", flat=True)) == [
        "signed_in",
        "first_council_sign_in",
    ]
    assert SocialAccount.objects.filter(user=alice).count() == 1


def test_an_unknown_address_is_refused_and_nothing_is_created(client, q2_plan, councils):
    people = User.objects.count()
    answer = sign_in(client, "stranger@camden.gov.uk")
    assert answer.status_code == 403
    assert "ask LOTI to invite you" in answer.content.decode()
    assert "_auth_user_id" not in client.session
    assert User.objects.count() == people
    assert not SocialAccount.objects.exists()
    refusal = SignInRecord.objects.get()
    assert (refusal.outcome, refusal.address, refusal.reason) == (
        "refused",
        "stranger@camden.gov.uk",
        "no account has this address",
    )


def test_another_tenant_claiming_a_councils_address_is_refused(client, q2_plan, councils):
    """nOAuth: Hackney's tenant says this is alice@camden.gov.uk; only Camden's may say so."""
    alice = officer("alice@camden.gov.uk")
    hackney_officer = officer("harry@hackney.gov.uk", borough="hackney")
    started = start(client, hackney_officer.email)
    assert started["Location"].startswith(councils["hackney"].issuer)
    answer = client.get(callback_path(sign_in_at_tenant(started["Location"], alice.email)))
    assert answer.status_code == 403
    assert "cannot sign in addresses at camden.gov.uk" in answer.content.decode()
    assert "_auth_user_id" not in client.session
    assert not SocialAccount.objects.filter(user=alice).exists()
    assert SignInRecord.objects.get().reason == "Hackney's tenant does not vouch for camden.gov.uk"


def test_a_deactivated_person_is_refused(client, q2_plan, councils):
    officer("gone@camden.gov.uk", is_active=False)
    answer = sign_in(client, "gone@camden.gov.uk")
    assert answer.status_code == 403
    assert "switched off" in answer.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_officer_may_not_come_through_another_councils_tenant(client, q2_plan, councils):
    """A Camden officer whose address is at hackney.gov.uk (shared services, say) is refused by
    Hackney's tenant; a manager with such an address comes in through it."""
    officer("shared@hackney.gov.uk", borough="camden")
    answer = sign_in(client, "shared@hackney.gov.uk")
    assert answer.status_code == 403
    assert "Microsoft account (Camden)." in answer.content.decode()
    assert "_auth_user_id" not in client.session

    manager = UserFactory(username="m", email="mo@hackney.gov.uk", groups=["Managers"])
    sign_in(client, manager.email)
    assert client.session["_auth_user_id"] == str(manager.pk)


def test_loti_staff_sign_in_through_lotis_own_tenant(client, q2_plan, councils):
    staff = UserFactory(
        username="sam", email="sam@loti.london", is_staff=True, groups=["LOTI staff"]
    )
    started = start(client, staff.email)
    assert started["Location"].startswith(councils["loti"].issuer)
    client.get(callback_path(sign_in_at_tenant(started["Location"], staff.email)))
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_a_tampered_state_is_refused(client, q2_plan, councils):
    officer("alice@camden.gov.uk")
    back = sign_in_at_tenant(
        start(client, "alice@camden.gov.uk")["Location"], "alice@camden.gov.uk"
    )
    parts = urlsplit(back)
    query = parse_qs(parts.query)
    query["state"] = ["x" + query["state"][0][1:]]
    tampered = urlunsplit(
        ("", "", parts.path, "&".join(f"{k}={v[0]}" for k, v in query.items()), "")
    )
    answer = client.get(tampered)
    assert answer.status_code == 400
    assert "Start again" in answer.content.decode()
    assert "_auth_user_id" not in client.session
    assert SignInRecord.objects.get().outcome == "refused"


def test_a_replayed_code_is_refused(client, q2_plan, councils):
    officer("alice@camden.gov.uk")
    first = sign_in_at_tenant(
        start(client, "alice@camden.gov.uk")["Location"], "alice@camden.gov.uk"
    )
    client.get(callback_path(first))
    assert "_auth_user_id" in client.session
    client.logout()
    # A new sign-in's state, with the code the tenant already gave (and the tracker used).
    second = sign_in_at_tenant(
        start(client, "alice@camden.gov.uk")["Location"], "alice@camden.gov.uk"
    )
    used_code = parse_qs(urlsplit(first).query)["code"][0]
    state = parse_qs(urlsplit(second).query)["state"][0]
    answer = client.get(f"{urlsplit(second).path}?code={used_code}&state={state}")
    assert answer.status_code == 400
    assert "_auth_user_id" not in client.session
    # And the same callback twice: its state is spent.
    replay = client.get(callback_path(first))
    assert replay.status_code == 400
    assert "_auth_user_id" not in client.session


def test_an_expired_id_token_is_refused(client, q2_plan, councils):
    """Islington's tenant's clock runs ten minutes late: its one-minute tokens have expired."""
    officer("ivy@islington.gov.uk", borough="islington")
    answer = sign_in(client, "ivy@islington.gov.uk")
    assert answer.status_code == 400
    assert "_auth_user_id" not in client.session
    assert "Invalid id_token" in SignInRecord.objects.get().reason


def test_a_council_address_is_not_asked_for_a_password(client, q2_plan, councils):
    alice = officer("alice@camden.gov.uk")
    alice.set_password("a-long-test-password")
    alice.save()
    answer = client.post("/sign-in/", {"username": alice.email, "password": "a-long-test-password"})
    assert answer.status_code == 200
    assert "Sign in with your Camden Microsoft account" in answer.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_superuser_keeps_a_password_as_the_way_back_in(client, q2_plan, councils):
    UserFactory(username="root", email="root@loti.london", is_staff=True, is_superuser=True)
    asked = start(client, "root@loti.london")
    assert asked.status_code == 200
    assert 'name="password"' in asked.content.decode()
    answer = client.post(
        "/sign-in/", {"username": "root@loti.london", "password": "a-long-test-password"}
    )
    assert answer.status_code == 302
    assert "_auth_user_id" in client.session
    assert SignInRecord.objects.get().method == "password"


def test_other_addresses_are_asked_for_their_password_on_the_next_page(client, q2_plan, councils):
    person = UserFactory(username="pat", email="pat@example.org", groups=["Managers"])
    first = client.get("/sign-in/").content.decode()
    assert 'name="password"' not in first
    assert "Continue" in first
    asked = start(client, person.email).content.decode()
    assert 'name="password"' in asked
    assert 'value="pat@example.org"' in asked
    signed = client.post(
        "/sign-in/", {"username": person.email, "password": "a-long-test-password"}
    )
    assert signed.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)


def test_an_empty_address_is_asked_again(client, q2_plan):
    answer = client.post("/sign-in/", {"username": ""})
    assert answer.status_code == 200
    assert "Enter your email address" in answer.content.decode()


def test_where_a_council_sign_in_comes_back_to_keeps_next(client, q2_plan, councils):
    alice = officer("alice@camden.gov.uk")
    started = start(client, alice.email, next_url="/quarters/y3-q2/")
    back = client.get(callback_path(sign_in_at_tenant(started["Location"], alice.email)))
    assert client.get(back["Location"])["Location"] == "/quarters/y3-q2/"
    client.logout()
    started = start(client, alice.email, next_url="https://elsewhere.example/")
    back = client.get(callback_path(sign_in_at_tenant(started["Location"], alice.email)))
    assert client.get(back["Location"])["Location"] == "/my-borough/"
