"""Every account has a name: createsuperuser asks for it, and anyone signing in without one is
asked first; what a nameless admin recorded before never reads "Name not given"."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from objectives.models import KeyResult
from objectives.services import record_check_in

from .app_server import PASSWORD
from .factories import UserFactory
from .helpers import text_of

User = get_user_model()


def test_createsuperuser_takes_the_name(db):
    call_command(
        "createsuperuser",
        username="root",
        email="root@example.org",
        name="Ada King Lovelace",
        interactive=False,
        stdout=io.StringIO(),
    )
    root = User.objects.get(username="root")
    assert (root.first_name, root.last_name, root.is_superuser) == ("Ada", "King Lovelace", True)


def test_createsuperuser_without_a_name_is_refused(db):
    with pytest.raises(CommandError, match="full name"):
        call_command("createsuperuser", username="root", email="r@example.org", interactive=False)
    assert not User.objects.exists()


def test_a_first_sign_in_without_a_name_asks_for_it_then_goes_on(client, q2_plan):
    UserFactory(
        username="new@example.org",
        email="new@example.org",
        first_name="",
        last_name="",
        password=PASSWORD,
    )
    signed_in = client.post(
        "/sign-in/?next=/quarters/y3-q2/", {"username": "new@example.org", "password": PASSWORD}
    )
    assert signed_in["Location"] == "/account/name/?next=%2Fquarters%2Fy3-q2%2F"
    page = client.get(signed_in["Location"])
    assert "What is your name?" in text_of(page)
    refused = client.post("/account/name/", {"first_name": "Ada", "last_name": "", "next": "/"})
    assert "Enter your last name" in text_of(refused)
    done = client.post(
        "/account/name/",
        {"first_name": "Ada", "last_name": "Lovelace", "next": "/quarters/y3-q2/"},
    )
    assert done["Location"] == "/quarters/y3-q2/"
    assert User.objects.get(username="new@example.org").get_full_name() == "Ada Lovelace"
    client.post("/sign-out/")
    again = client.post("/sign-in/", {"username": "new@example.org", "password": PASSWORD})
    assert "/account/name/" not in again["Location"]


def test_the_name_page_never_sends_anyone_to_another_site(client_as, q2_plan):
    client = client_as("manager")
    done = client.post(
        "/account/name/",
        {"first_name": "Mo", "last_name": "Manager", "next": "https://evil.example/"},
    )
    assert done["Location"].startswith("/")


def test_a_nameless_admins_check_ins_read_loti_staff(client, q2_plan):
    admin = UserFactory(
        username="admin", first_name="", last_name="", is_staff=True, groups=["LOTI staff"]
    )
    kr = KeyResult.objects.get(quarter=q2_plan, number=3)
    record_check_in(key_result=kr, status="on_track", progress=5, note="Go", recorded_by=admin)
    page = text_of(client.get(kr.get_absolute_url()))
    assert "Name not given" not in page
    assert "LOTI staff" in page
    csv_text = client.get("/quarters/y3-q2/check-ins.csv").content.decode("utf-8-sig")
    assert "Name not given" not in csv_text
    assert ",LOTI staff," in csv_text
