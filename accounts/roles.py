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
    if officer_borough_id(user) is not None:
        return Role.OFFICER
    return Role.NO_ROLE


def _in_group(user, name):
    """Whether `user` is in the group: from `role_group` where the user was read with it
    (accounts.backends; until `give_role` changes it), else from their groups."""
    role_group = getattr(user, "role_group", "")
    if role_group != "":
        return role_group == name
    return user.groups.filter(name=name).exists()


def officer_borough_id(user):
    """The id of the borough a signed-in officer speaks for, or None: from `officer_borough_id`
    where the user was read with it (accounts.backends; until `give_role` changes it), else
    from their borough link."""
    if not user.is_authenticated:
        return None
    if hasattr(user, "officer_borough_id"):
        borough_id = user.officer_borough_id
    else:
        link = getattr(user, "borough_link", None)
        borough_id = link.borough_id if link is not None else None
    return borough_id if borough_id is not None and _in_group(user, OFFICERS_GROUP) else None


def officer_borough(user):
    """The borough a signed-in officer speaks for, or None: as the backend read it with the
    reader (`officer_borough_read`), else through their borough link."""
    borough_id = officer_borough_id(user)
    if borough_id is None:
        return None
    read = getattr(user, "officer_borough_read", None)
    return read if read is not None and read.pk == borough_id else user.borough_link.borough


def audience_of(user):
    """Who a public page is made for, as far as it differs between readers: anonymous
    visitors, people signed in with no role, the officers of one borough, managers, LOTI staff.
    Pages show drafts, internal notes, update forms and navigation by audience; what belongs to
    one person (their name, a key result's owners' buttons) is put in per request
    (loti_okr/personal_parts.py)."""
    role = role_of(user)
    if role is Role.OFFICER:
        return f"officer-{officer_borough_id(user)}"
    return AUDIENCES[role]


AUDIENCES = {
    Role.ANONYMOUS: "anonymous",
    Role.NO_ROLE: "signed-in",
    Role.MANAGER: "manager",
    Role.STAFF: "staff",
}


def can_see_internal_notes(user):
    """Managers and LOTI staff, whose groups hold objectives.view_internal_notes (decided from
    the role, which costs no query, rather than by loading every permission)."""
    return role_of(user) in (Role.MANAGER, Role.STAFF)


# The roles LOTI staff give people, as one choice: (code, label, the group it puts them in).
ROLE_CHOICES = [
    ("staff", "LOTI staff", STAFF_GROUP),
    ("manager", "Manager", MANAGERS_GROUP),
    ("officer", "Borough officer", OFFICERS_GROUP),
    ("", "No role (reads like an anonymous visitor)", None),
]
ROLE_CODES = {Role.STAFF: "staff", Role.MANAGER: "manager", Role.OFFICER: "officer"}


def role_problems(role, borough):
    """What is wrong with giving this role (a code of ROLE_CHOICES) and borough, by field."""
    if role not in {code for code, _, _ in ROLE_CHOICES}:
        return {"role": "Choose LOTI staff, manager or borough officer"}
    if role == "officer" and borough is None:
        return {"borough": "Choose the borough this officer speaks for"}
    if role != "officer" and borough is not None:
        return {"borough": "Only a borough officer speaks for a borough: remove the borough"}
    return {}


def give_role(user, role, borough=None):
    """Give `user` one role: its group (and no other role group), the admin for LOTI staff,
    and the borough link for an officer, all together. The caller checks `role_problems`."""
    from django.contrib.auth.models import Group

    from .models import BoroughLink

    group_name = next(group for code, _, group in ROLE_CHOICES if code == role)
    user.groups.remove(*Group.objects.filter(name__in=ROLE_GROUPS).exclude(name=group_name))
    for read_with_the_user in ("role_group", "officer_borough_id"):  # read afresh from now on
        if hasattr(user, read_with_the_user):
            delattr(user, read_with_the_user)
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    is_staff = role == "staff" or user.is_superuser
    if user.is_staff != is_staff:
        user.is_staff = is_staff
        user.save(update_fields=["is_staff"])
    if role == "officer":
        BoroughLink.objects.update_or_create(user=user, defaults={"borough": borough})
    else:
        BoroughLink.objects.filter(user=user).delete()


def role_code_of(user):
    """The ROLE_CHOICES code of a user's role ("" for none)."""
    return ROLE_CODES.get(role_of(user), "")


def role_label_of(user):
    """A role as the admin and messages say it: "Borough officer, Camden", "Manager"."""
    label = {code: label for code, label, _ in ROLE_CHOICES}[role_code_of(user)]
    borough = officer_borough(user)
    return f"{label}, {borough}" if borough else label
