"""The parts of a page that belong to one person, cut out of the copy the page cache shares
with everyone of the same audience, and put back for each request.

A public page depends on its reader's audience (`accounts.roles.audience_of`) and, in three
places only, on the person:

- the account block in the header (their name, the sign-out form: `account_block`), between
  `<!--account-->` and `<!--/account-->` in base.html;
- the CSRF token of every POST form (one per request; the header's sign-out form has one);
- what only some people see, such as the "Record a check-in" button a key result's owners get:
  `{% only_for people %}...{% endonly_for %}` marks it with their ids
  (`<!--only-for:3,7-->...<!--/only-for-->`) while the page cache shares the page, and
  `personalise` keeps it for those people and drops it for everyone else.

Each marker starts with `<`, which the templates escape in anything people type, so no note or
title can forge one.
"""

import re
from html import escape

from django.middleware.csrf import get_token
from django.utils.safestring import mark_safe

from .addresses import address

ACCOUNT_BLOCK = re.compile(rb"<!--account-->.*?<!--/account-->", re.S)
ACCOUNT_HOLE = b"<!--account-->"
CSRF_VALUE = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
CSRF_HOLE = b"<!--csrf-->"
ONLY_FOR = re.compile(rb"<!--only-for:([\d,]*)-->(.*?)<!--/only-for-->", re.S)
# Set on a request whose page the cache may share: `only_for` then marks instead of deciding.
SHARING = "page_cache_shares_this_page"


def shareable(content):
    """A page rendered for one person, as everyone of their audience may be given it."""
    content = ACCOUNT_BLOCK.sub(ACCOUNT_HOLE, content, count=1)
    return CSRF_VALUE.sub(rb"\1" + CSRF_HOLE + rb"\2", content)


def personalise(content, request):
    """A shared page (see `shareable`) made out for the person who asked for it."""
    user = request.user
    token = get_token(request) if ACCOUNT_HOLE in content or CSRF_HOLE in content else None
    if ACCOUNT_HOLE in content:
        account = account_block(user, token)
        content = content.replace(
            ACCOUNT_HOLE, b"<!--account-->" + account.encode() + b"<!--/account-->", 1
        )
    if CSRF_HOLE in content:
        content = content.replace(CSRF_HOLE, token.encode())
    return for_reader(content, request)


def account_block(user, csrf_token):
    """The header's account block: the reader's name, leading to their account page, and the
    sign-out form. Written here, not in a template: every signed-in page-cache hit puts it in,
    and the template engine spent two thirds of that hit's own work on it."""
    name = escape(user.get_full_name() or user.get_username())
    return (
        '<span class="app-account__name">Signed in as <a class="app-account__link" '
        f'href="{address("notifications:account")}">{name}'
        '<span class="govuk-visually-hidden">: your account</span></a></span>\n'
        f'<form method="post" action="{address("accounts:sign-out")}" class="app-account__form">\n'
        f'  <input type="hidden" name="csrfmiddlewaretoken" value="{escape(str(csrf_token))}">\n'
        '  <button type="submit" class="app-account__button">Sign out</button>\n'
        "</form>"
    )


def for_reader(content, request):
    """A page with what only some people see kept for its reader and dropped for everyone
    else: all a page rendered for its reader needs before it goes."""
    if b"<!--only-for:" not in content:
        return content
    reader = str(request.user.pk).encode()
    return ONLY_FOR.sub(lambda part: part[2] if reader in part[1].split(b",") else b"", content)


def only_for(request, people, content):
    """`content` for the people whose ids are in `people` (None: everyone reading the page)."""
    if people is None:
        return content
    if getattr(request, SHARING, False):
        ids = ",".join(str(pk) for pk in sorted(people))
        return mark_safe(f"<!--only-for:{ids}-->{content}<!--/only-for-->")
    user = getattr(request, "user", None)
    return content if user is not None and user.pk in people else ""
