"""Authentication: Django's model backend, loading a signed-in reader with what their role is
read from (the role group they are in, the borough their officer's link names) in the same
statement as the user, so a page learns the role and borough without more queries."""

import functools

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group

from boroughs.models import Borough

from .models import BoroughLink
from .roles import ROLE_GROUPS

# The officer's borough comes back as these columns, each named with the prefix.
BOROUGH_FIELDS = Borough._meta.concrete_fields
BOROUGH_PREFIX = "officer_borough__"


class RoleAwareModelBackend(ModelBackend):
    def get_user(self, user_id):
        people = get_user_model()._default_manager.raw(reader_sql(), [*ROLE_GROUPS, user_id])
        user = next(iter(people), None)
        if user is None or not self.user_can_authenticate(user):
            return None
        names = [field.attname for field in BOROUGH_FIELDS]
        values = [vars(user).pop(BOROUGH_PREFIX + name) for name in names]
        if user.officer_borough_id is not None:
            user.officer_borough_read = Borough.from_db(people.db, names, values)
        return user


@functools.cache
def reader_sql():
    """The reader with their role group (`role_group`) and their officer's borough
    (`officer_borough_id`, and its columns), as `accounts.roles` reads them: one statement.

    Every signed-in request runs it. It is written as SQL because building the ORM's form of it
    (a subquery annotation and two joins) was about half of what a signed-in page served from the
    cache cost (measured in docs/performance.md); the statement is the same."""
    user_model = get_user_model()
    names = ", ".join(["%s"] * len(ROLE_GROUPS))
    borough_columns = ", ".join(
        f"b.{field.column} AS {BOROUGH_PREFIX}{field.attname}" for field in BOROUGH_FIELDS
    )
    return (
        f"SELECT u.*, l.borough_id AS officer_borough_id, {borough_columns},"
        f" (SELECT g.name FROM {user_model.groups.through._meta.db_table} m"
        f" JOIN {Group._meta.db_table} g ON g.id = m.group_id"
        f" WHERE m.user_id = u.id AND g.name IN ({names}) LIMIT 1) AS role_group"
        f" FROM {user_model._meta.db_table} u"
        f" LEFT JOIN {BoroughLink._meta.db_table} l ON l.user_id = u.id"
        f" LEFT JOIN {Borough._meta.db_table} b ON b.id = l.borough_id"
        f" WHERE u.id = %s"
    )
