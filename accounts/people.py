"""How people are named where others read: their full name, never their e-mail address or
username (which are how they sign in, not how colleagues know them)."""

from django.contrib.auth import get_user_model

UNNAMED = "Name not given"


def public_name(user):
    """A person's full name; until their account has one (sign-in asks for it), "LOTI staff"
    for an admin account (the first superuser's check-ins), else "Name not given"."""
    if user is None:
        return ""
    name = name_from(user.first_name, user.last_name)
    return "LOTI staff" if name == UNNAMED and user.is_staff else name


def name_from(first_name, last_name):
    """`public_name` from the two fields, for pages that read only those."""
    return f"{first_name} {last_name}".strip() or UNNAMED


def email_taken(email, *, exclude=None):
    """Whether someone else has this address, in any letter case."""
    people = get_user_model().objects.filter(email__iexact=email)
    if exclude is not None:
        people = people.exclude(pk=exclude.pk)
    return people.exists()


def may_manage(actor, person):
    """Whether `actor` may change, deactivate, delete or re-invite `person` in the admin: only a
    superuser acts on a superuser (every admin view and action asks this one rule)."""
    return actor.is_superuser or not person.is_superuser
