"""What every signed-in request reads (its session, the reader with their role and borough,
the data version) is read in plain SQL, one statement each, and reads the same as the ORM."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.backends import RoleAwareModelBackend, load_reader
from accounts.roles import audience_of, officer_borough, role_of
from accounts.sessions.db import SessionStore
from objectives.models import DataVersion

from .factories import UserFactory


@pytest.mark.parametrize("role", ["officer", "manager", "staff"])
def test_the_reader_comes_with_role_and_borough_in_one_query(role_users, role):
    expected = get_user_model().objects.get(pk=role_users[role].pk)
    with CaptureQueriesContext(connection) as queries:
        reader = load_reader(expected.pk)
        role_and_borough = (role_of(reader), officer_borough(reader), audience_of(reader))
    assert len(queries) == 1
    assert role_and_borough == (role_of(expected), officer_borough(expected), audience_of(expected))
    assert (reader.username, reader.date_joined, reader.is_active) == (
        expected.username,
        expected.date_joined,
        expected.is_active,
    )
    assert isinstance(reader.date_joined, datetime.datetime)


def test_a_reader_with_no_role_and_one_who_left(db):
    nobody = UserFactory(username="nobody")
    left = UserFactory(username="left", is_active=False, groups=["Managers"])
    assert role_of(load_reader(nobody.pk)).name == "NO_ROLE"
    assert RoleAwareModelBackend().get_user(left.pk) is None
    assert load_reader(10**9) is None


def test_a_session_reads_the_same_in_plain_sql_and_ends_when_it_expires(db):
    session = SessionStore()
    session["_auth_user_id"] = "7"
    session.create()
    with CaptureQueriesContext(connection) as queries:
        assert SessionStore(session.session_key).load() == {"_auth_user_id": "7"}
    assert len(queries) == 1
    from django.contrib.sessions.models import Session

    Session.objects.filter(session_key=session.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    expired = SessionStore(session.session_key)
    assert expired.load() == {}
    assert expired.session_key is None


def test_the_data_version_reads_the_number_every_write_moves(db):
    before = DataVersion.current()
    DataVersion.bump()
    assert DataVersion.current() == before + 1
