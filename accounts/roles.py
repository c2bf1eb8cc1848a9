"""The four kinds of people the site serves, and how to tell which one a user is.

Roles are Django groups (created by a data migration) plus one link from a borough officer's
account to their borough. The README has the permission table.
"""

import enum


class Role(enum.Enum):
    ANONYMOUS = "Anonymous visitor"
    NO_ROLE = "Signed in, given no role yet: reads like an anonymous visitor"
    OFFICER = "Borough officer"
    MANAGER = "Manager"
    STAFF = "LOTI staff"


OFFICERS_GROUP = "Borough officers"
MANAGERS_GROUP = "Managers"
STAFF_GROUP = "LOTI staff"
ROLE_GROUPS = (OFFICERS_GROUP, MANAGERS_GROUP, STAFF_GROUP)


def role_of(user):
    """The strongest role a user holds."""
    if not user.is_authenticated:
        return Role.ANONYMOUS
    if user.is_superuser or (user.is_staff and _in_group(user, STAFF_GROUP)):
        return Role.STAFF
    if _in_group(user, MANAGERS_GROUP):
        return Role.MANAGER
    if officer_borough(user) is not None:
        return Role.OFFICER
    return Role.NO_ROLE


def _in_group(user, name):
    if not hasattr(user, "_group_names"):
        # RoleAwareModelBackend sets this with the user; other users (tests) read their groups.
        user._group_names = {group.name for group in user.groups.all()}
    return name in user._group_names


def officer_borough(user):
    """The borough a signed-in officer speaks for, or None."""
    if not user.is_authenticated:
        return None
    link = getattr(user, "borough_link", None)
    return link.borough if link is not None and _in_group(user, OFFICERS_GROUP) else None


def can_see_internal_notes(user):
    """Managers and LOTI staff, whose groups hold objectives.view_internal_notes (decided from
    the role, which costs no query, rather than by loading every permission)."""
    return role_of(user) in (Role.MANAGER, Role.STAFF)
