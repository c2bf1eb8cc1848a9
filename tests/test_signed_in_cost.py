"""What every signed-in request reads (its session, the reader with their role and borough,
the data version) is read in one plain SQL statement, and reads the same as the ORM."""

import datetime
import importlib

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.backends import RoleAwareModelBackend, load_reader
from accounts.models import Session
from accounts.roles import audience_of, officer_borough, role_of
from loti_okr.sessions import SessionStore
from objectives.models import DataVersion

from .factories import UserFactory


def described(user):
    """What a page learns of its reader."""
    return (
        role_of(user),
        officer_borough(user),
        audience_of(user),
        user.username,
        user.date_joined,
        user.is_active,
    )


def signed_in_session(user):
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session.create()
    return session.session_key


@pytest.mark.parametrize("role", ["officer", "manager", "staff"])
def test_the_reader_comes_with_role_and_borough_in_one_query(role_users, role):
    expected = get_user_model().objects.get(pk=role_users[role].pk)
    expected_description = described(expected)
    with CaptureQueriesContext(connection) as queries:
        reader = load_reader(expected.pk)
        assert described(reader) == expected_description
    assert len(queries) == 1
    assert isinstance(reader.date_joined, datetime.datetime)


@pytest.mark.parametrize("role", ["officer", "manager", "staff"])
def test_a_session_comes_with_its_reader_and_the_data_version_in_one_query(role_users, role):
    expected = get_user_model().objects.get(pk=role_users[role].pk)
    expected_description, version = described(expected), DataVersion.current()
    key = signed_in_session(expected)
    with CaptureQueriesContext(connection) as queries:
        session = SessionStore(key)
        assert session.load() == {"_auth_user_id": str(expected.pk)}
        assert described(session.reader_for(expected.pk)) == expected_description
    assert len(queries) == 1
    assert session.data_version == version


def test_a_session_names_its_reader_once_signed_in_and_none_once_signed_out(client, role_users):
    manager = role_users["manager"]
    client.post("/sign-in/", {"username": manager.username, "password": "a-long-test-password"})
    key = client.cookies["sessionid"].value
    assert Session.objects.get(session_key=key).user_id == manager.pk
    client.post("/sign-out/")
    assert not Session.objects.filter(session_key=key).exists()
    assert not Session.objects.filter(user_id=manager.pk).exists()


def test_a_reader_is_taken_from_the_session_only_when_it_is_the_one_asked_for(role_users):
    manager, officer = role_users["manager"], role_users["officer"]
    session = SessionStore(signed_in_session(manager))
    session.load()
    assert session.reader_for(officer.pk) is None
    assert session.reader_for(manager.pk).pk == manager.pk
    anonymous = SessionStore()
    anonymous["note"] = "no one signed in"
    anonymous.create()
    unsigned = SessionStore(anonymous.session_key)
    assert unsigned.load() == {"note": "no one signed in"}
    assert unsigned.reader_for(manager.pk) is None


def test_a_role_taken_away_or_an_account_closed_counts_at_the_next_request(client_as, role_users):
    client = client_as("manager")
    assert role_of(client.get("/quarters/y3-q2/").wsgi_request.user).name == "MANAGER"
    role_users["manager"].groups.clear()
    assert role_of(client.get("/quarters/y3-q2/").wsgi_request.user).name == "NO_ROLE"
    get_user_model().objects.filter(pk=role_users["manager"].pk).update(is_active=False)
    assert not client.get("/quarters/y3-q2/").wsgi_request.user.is_authenticated


def test_a_reader_with_no_role_and_one_who_left(db):
    nobody = UserFactory(username="nobody")
    left = UserFactory(username="left", is_active=False, groups=["Managers"])
    assert role_of(load_reader(nobody.pk)).name == "NO_ROLE"
    assert RoleAwareModelBackend().get_user(left.pk) is None
    assert load_reader(10**9) is None


def test_a_session_ends_when_it_expires(db):
    user = UserFactory()
    key = signed_in_session(user)
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    expired = SessionStore(key)
    assert expired.load() == {}
    assert expired.session_key is None
    assert expired.reader_for(user.pk) is None


def test_the_data_version_reads_the_number_every_write_moves(db):
    before = DataVersion.current()
    DataVersion.bump()
    assert DataVersion.current() == before + 1


def test_upgrading_moves_open_sessions_with_their_reader(role_users):
    from django.apps import apps
    from django.contrib.sessions.backends import db as django_db

    upgrade = importlib.import_module("accounts.migrations.0005_sessions_name_their_reader")
    manager = role_users["manager"]
    open_before = django_db.SessionStore()
    open_before["_auth_user_id"] = str(manager.pk)
    open_before.create()
    ended = django_db.SessionStore()
    ended.create()
    django_db.SessionStore.get_model_class().objects.filter(session_key=ended.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )

    upgrade.move_open_sessions(apps, None)

    moved = SessionStore(open_before.session_key)
    assert moved.load() == {"_auth_user_id": str(manager.pk)}
    assert moved.reader_for(manager.pk).pk == manager.pk
    assert not Session.objects.filter(session_key=ended.session_key).exists()
