"""How people are named where others read: their full name, never their e-mail address or
username (which are how they sign in, not how colleagues know them)."""

UNNAMED = "Name not given"


def public_name(user):
    """A person's full name; "Name not given" until their account has one."""
    if user is None:
        return ""
    return user.get_full_name().strip() or UNNAMED


def public_names(users):
    """Several people's names, as exports write them: "Ada Lovelace; Grace Hopper"."""
    return "; ".join(sorted(public_name(user) for user in users))
