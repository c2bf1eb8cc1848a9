"""Authentication that loads a signed-in reader with their role and borough in one query, or
in none, when their session was read with them."""

import contextvars
import functools

from django.contrib import auth
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.db import connection
from django.utils.functional import SimpleLazyObject

from boroughs.models import Borough

from .models import BoroughLink
from .roles import ROLE_GROUPS


class RoleAwareModelBackend(ModelBackend):
    """Django's model backend, loading a signed-in user with their borough link and whether
    they are in each role's group, so a page learns their role in the same query as the user.

    Every signed-in request runs it, page-cache hits too, so it is one plain SQL statement
    made once per process: the ORM's query with three EXISTS annotations and two joins cost
    1.8 ms to compile and run, this 0.3 ms (docs/performance.md). When the request's session
    was read together with its reader (loti_okr/sessions.py), that reader is taken instead:
    no query at all."""

    def get_user(self, user_id):
        session = SESSION_BEING_READ.get()
        user = session.reader_for(user_id) if session is not None else None
        if user is None:
            user = load_reader(user_id)
        if user is None or not self.user_can_authenticate(user):
            return None
        return user


# The session of the request whose reader Django's `auth.get_user` is loading (set only while
# it runs, by `reader_of`), for a session engine that read the reader with the session.
SESSION_BEING_READ = contextvars.ContextVar("session_being_read", default=None)


def reader_of(request):
    """The request's user, as Django's authentication middleware gives it, taking the reader
    the session read with itself where there is one."""
    if not hasattr(request, "_cached_user"):
        token = SESSION_BEING_READ.set(request.session)
        try:
            request._cached_user = auth.get_user(request)
        finally:
            SESSION_BEING_READ.reset(token)
    return request._cached_user


class ReaderMiddleware(AuthenticationMiddleware):
    """Django's authentication middleware, with `request.user` read by `reader_of`."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: reader_of(request))


def load_reader(user_id):
    """The user `user_id` with `borough_link` (and its borough) read, and `_group_names` (the
    role groups they are in) set, as `roles.role_of` reads them; None if there is none."""
    query = reader_query()
    with connection.cursor() as cursor:
        cursor.execute(query.sql, [*query.params, user_id])
        row = cursor.fetchone()
    return None if row is None else query.reader_from(row)


class ReaderQuery:
    """The SQL of `load_reader` (names from the models, so it follows their tables), and how
    to read its row: the database's own converters for each model field (SQLite hands back
    text for a date and a number for a boolean), as the ORM applies them."""

    def __init__(self):
        User = get_user_model()
        quote = connection.ops.quote_name
        memberships = User.groups.through
        group_table = memberships._meta.get_field("group").related_model._meta.db_table
        users, boroughs = User._meta.concrete_fields, Borough._meta.concrete_fields
        self.user_fields = [field.attname for field in users]
        self.borough_fields = [field.attname for field in boroughs]
        # One number for the role groups a user is in, a bit each: one subquery, not one a
        # group, which PostgreSQL plans in a third of the time.
        bits = " ".join(f"WHEN %s THEN {2**index}" for index in range(len(ROLE_GROUPS)))
        in_groups = (
            f"(SELECT COALESCE(SUM(CASE g.name {bits} ELSE 0 END), 0)"
            f" FROM {quote(memberships._meta.db_table)} m"
            f" JOIN {quote(group_table)} g ON g.id = m.group_id WHERE m.user_id = u.id)"
        )
        self.params = list(ROLE_GROUPS)
        # What a statement selecting a reader as `u` selects, and joins, at the end of its own.
        self.columns = (
            f"{', '.join(f'u.{quote(f.column)}' for f in users)}, l.id,"
            f" {', '.join(f'b.{quote(f.column)}' for f in boroughs)}, {in_groups}"
        )
        self.joins = (
            f"LEFT JOIN {quote(BoroughLink._meta.db_table)} l ON l.user_id = u.id"
            f" LEFT JOIN {quote(Borough._meta.db_table)} b ON b.id = l.borough_id"
        )
        self.user_table = quote(User._meta.db_table)
        self.sql = f"SELECT {self.columns} FROM {self.user_table} u {self.joins} WHERE u.id = %s"
        columns = [*(f.get_col("u") for f in users), None, *(f.get_col("b") for f in boroughs)]
        self.converters = [
            []
            if column is None
            else [
                (converter, column)
                for converter in connection.ops.get_db_converters(column)
                + column.output_field.get_db_converters(connection)
            ]
            for column in columns
        ]

    def convert(self, index, value):
        for converter, column in self.converters[index] if index < len(self.converters) else ():
            value = converter(value, column, connection)
        return value

    def reader_from(self, row):
        """The reader a row of `columns` describes, or None for a row of nulls (no user)."""
        User = get_user_model()
        row = [self.convert(index, value) for index, value in enumerate(row)]
        users, link_id, boroughs, groups = self.split(row)
        if users[self.user_fields.index("id")] is None:
            return None
        user = User.from_db(connection.alias, self.user_fields, users)
        [bits] = groups
        user._group_names = {
            name for index, name in enumerate(ROLE_GROUPS) if int(bits) >> index & 1
        }
        if link_id is None:
            user._state.fields_cache["borough_link"] = None  # read: no link, no query later
        else:
            borough = Borough.from_db(connection.alias, self.borough_fields, boroughs)
            link = BoroughLink.from_db(
                connection.alias, ["id", "user_id", "borough_id"], [link_id, user.pk, borough.pk]
            )
            link._state.fields_cache["borough"] = borough
            link._state.fields_cache["user"] = user
            user._state.fields_cache["borough_link"] = link
        return user

    def split(self, row):
        """(the user's values, the link's id, the borough's values, [the role groups' bits])"""
        n_user, n_borough = len(self.user_fields), len(self.borough_fields)
        borough_end = n_user + 1 + n_borough
        return row[:n_user], row[n_user], row[n_user + 1 : borough_end], row[borough_end:]


@functools.cache
def reader_query():
    return ReaderQuery()
