"""The session engine: Django's database sessions, read together with what every signed-in
request needs next, in one SQL statement.

A signed-in request needs its session, its reader with their role and borough, and the data
version the page cache keys on (loti_okr/page_cache.py). Each must be read afresh from the
database for the guarantees to hold: signing out ends a session everywhere at once, a role taken
away or an account deactivated counts at the next request, and no cached page is ever stale.
Read one by one, they cost three round trips (docs/performance.md). The session row names its
reader (`accounts.Session.user`), so one statement reads all three; `accounts.backends` takes
the reader from here, and the page cache the version. Writing, expiry and signing out stay
Django's own: only the read is replaced. It lives in loti_okr/ because it reads two apps'
tables (accounts' sessions and people, objectives' data version).
"""

import datetime
import functools
import logging

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends import db
from django.core.exceptions import SuspiciousOperation
from django.db import connections, router
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from accounts.backends import reader_query
from accounts.models import Session
from objectives.models import DataVersion


class SessionStore(db.SessionStore):
    # What the statement read besides the session: the data version and the reader's row.
    data_version = None
    _reader_row = None

    @classmethod
    def get_model_class(cls):
        return Session

    def create_model_instance(self, data):
        session = super().create_model_instance(data)
        user_id = data.get(SESSION_KEY)
        session.user_id = int(user_id) if user_id is not None else None
        return session

    def _get_session_from_db(self):
        connection = connections[router.db_for_read(Session)]
        statement = session_statement()
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        try:
            with connection.cursor() as cursor:
                cursor.execute(statement.sql, [*statement.params, self.session_key, now])
                row = cursor.fetchone()
        except SuspiciousOperation as error:
            logger = logging.getLogger(f"django.security.{error.__class__.__name__}")
            logger.warning(str(error))
            row = None
        if row is None:
            self._session_key = None
            return None
        session_data, expire_date, self.data_version, *self._reader_row = row
        return Session(
            session_key=self.session_key,
            session_data=session_data,
            expire_date=_moment(expire_date),
        )

    def reader_for(self, user_id):
        """The reader read with this session, if it is user `user_id`; else None."""
        if self._reader_row is None:
            return None
        reader = reader_query().reader_from(self._reader_row)
        return reader if reader is not None and reader.pk == user_id else None


class SessionStatement:
    def __init__(self):
        reader = reader_query()
        connection = connections[router.db_for_read(Session)]
        quote = connection.ops.quote_name
        versions = quote(DataVersion._meta.db_table)
        version = f"(SELECT {quote('number')} FROM {versions} WHERE id = 1)"
        self.params = reader.params
        self.sql = (
            f"SELECT s.{quote('session_data')}, s.{quote('expire_date')}, {version},"
            f" {reader.columns}"
            f" FROM {quote(Session._meta.db_table)} s"
            f" LEFT JOIN {reader.user_table} u ON u.id = s.{quote('user_id')} {reader.joins}"
            f" WHERE s.{quote('session_key')} = %s AND s.{quote('expire_date')} > %s"
        )


@functools.cache
def session_statement():
    return SessionStatement()


def _moment(value):
    """A datetime column as the ORM would give it (SQLite hands back text)."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if timezone.is_naive(value):
        value = value.replace(tzinfo=datetime.UTC)
    return value
