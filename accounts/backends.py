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
    sql, borough_columns = _reader_query()
    users = list(User.objects.raw(sql, [*ROLE_GROUPS, user_id]))
    if not users:
        return None
    user = users[0]
    user._group_names = {
        name for index, name in enumerate(ROLE_GROUPS) if getattr(user, f"in_group_{index}")
    }
    if user.link_id is None:
        user._state.fields_cache["borough_link"] = None  # read: no link, no query later
    else:
        borough = Borough.from_db(
            user._state.db,
            [field.attname for field in Borough._meta.concrete_fields],
            [getattr(user, alias) for alias in borough_columns],
        )
        link = BoroughLink.from_db(
            user._state.db, ["id", "user_id", "borough_id"], [user.link_id, user.pk, borough.pk]
        )
        link._state.fields_cache["borough"] = borough
        link._state.fields_cache["user"] = user
        user._state.fields_cache["borough_link"] = link
    return user


@functools.cache
def _reader_query():
    """The SQL of `load_reader` (names from the models, so it follows their tables), and the
    aliases of the borough's columns in it."""
    User = get_user_model()
    quote = connection.ops.quote_name
    memberships = User.groups.through
    group_table = memberships._meta.get_field("group").related_model._meta.db_table
    user_columns = ", ".join(f"u.{quote(f.column)}" for f in User._meta.concrete_fields)
    borough_columns = [f"borough_{f.attname}" for f in Borough._meta.concrete_fields]
    borough_select = ", ".join(
        f"b.{quote(f.column)} AS {alias}"
        for f, alias in zip(Borough._meta.concrete_fields, borough_columns, strict=True)
    )
    in_groups = ", ".join(
        f"EXISTS (SELECT 1 FROM {quote(memberships._meta.db_table)} m"
        f" JOIN {quote(group_table)} g ON g.id = m.group_id"
        f" WHERE m.user_id = u.id AND g.name = %s) AS in_group_{index}"
        for index in range(len(ROLE_GROUPS))
    )
    sql = (
        f"SELECT {user_columns}, l.id AS link_id, {borough_select}, {in_groups}"
        f" FROM {quote(User._meta.db_table)} u"
        f" LEFT JOIN {quote(BoroughLink._meta.db_table)} l ON l.user_id = u.id"
        f" LEFT JOIN {quote(Borough._meta.db_table)} b ON b.id = l.borough_id"
        f" WHERE u.id = %s"
    )
    return sql, borough_columns
