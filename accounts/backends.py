"""Authentication that loads a signed-in reader with their role and borough in one query."""

import functools

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db import connection

from boroughs.models import Borough

from .models import BoroughLink
from .roles import ROLE_GROUPS


class RoleAwareModelBackend(ModelBackend):
    """Django's model backend, loading a signed-in user with their borough link and whether
    they are in each role's group, so a page learns their role in the same query as the user.

    Every signed-in request runs it, page-cache hits too, so it is one plain SQL statement
    made once per process: the ORM's query with three EXISTS annotations and two joins cost
    1.8 ms to compile and run, this 0.3 ms (docs/performance.md)."""

    def get_user(self, user_id):
        user = load_reader(user_id)
        if user is None or not self.user_can_authenticate(user):
            return None
        return user


def load_reader(user_id):
    """The user `user_id` with `borough_link` (and its borough) read, and `_group_names` (the
    role groups they are in) set, as `roles.role_of` reads them; None if there is none."""
    User = get_user_model()
    query = _reader_query()
    with connection.cursor() as cursor:
        cursor.execute(query.sql, [*ROLE_GROUPS, user_id])
        row = cursor.fetchone()
    if row is None:
        return None
    row = [query.convert(index, value) for index, value in enumerate(row)]
    users, link_id, boroughs, groups = query.split(row)
    user = User.from_db(connection.alias, query.user_fields, users)
    [bits] = groups
    user._group_names = {name for index, name in enumerate(ROLE_GROUPS) if int(bits) >> index & 1}
    if link_id is None:
        user._state.fields_cache["borough_link"] = None  # read: no link, no query later
    else:
        borough = Borough.from_db(connection.alias, query.borough_fields, boroughs)
        link = BoroughLink.from_db(
            connection.alias, ["id", "user_id", "borough_id"], [link_id, user.pk, borough.pk]
        )
        link._state.fields_cache["borough"] = borough
        link._state.fields_cache["user"] = user
        user._state.fields_cache["borough_link"] = link
    return user


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
        self.sql = (
            f"SELECT {', '.join(f'u.{quote(f.column)}' for f in users)}, l.id,"
            f" {', '.join(f'b.{quote(f.column)}' for f in boroughs)}, {in_groups}"
            f" FROM {quote(User._meta.db_table)} u"
            f" LEFT JOIN {quote(BoroughLink._meta.db_table)} l ON l.user_id = u.id"
            f" LEFT JOIN {quote(Borough._meta.db_table)} b ON b.id = l.borough_id"
            f" WHERE u.id = %s"
        )
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

    def split(self, row):
        """(the user's values, the link's id, the borough's values, [the role groups' bits])"""
        n_user, n_borough = len(self.user_fields), len(self.borough_fields)
        borough_end = n_user + 1 + n_borough
        return row[:n_user], row[n_user], row[n_user + 1 : borough_end], row[borough_end:]


@functools.cache
def _reader_query():
    return ReaderQuery()
