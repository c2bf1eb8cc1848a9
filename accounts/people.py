"""How people are named where others read: their full name, never their e-mail address or
username (which are how they sign in, not how colleagues know them)."""

UNNAMED = "Name not given"


def public_name(user):
    """A person's full name; "Name not given" until their account has one."""
    if user is None:
        return ""
    return name_from(user.first_name, user.last_name)


def name_from(first_name, last_name):
    """`public_name` from the two fields, for pages that read only those."""
    return f"{first_name} {last_name}".strip() or UNNAMED
