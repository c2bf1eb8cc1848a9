"""The parts of a page that belong to one person, cut out of the copy the page cache shares
with everyone of the same audience, and put back for each request.

A public page depends on its reader's audience (`accounts.roles.audience_of`) and, in three
places only, on the person:

- the account block in the header (their name, the sign-out form: includes/account.html),
  between `<!--account-->` and `<!--/account-->` in base.html, and the navigation's "My key
  results" with how many of theirs are due (includes/my_work_link.html), between
  `<!--my-work-->` and `<!--/my-work-->`;
- the CSRF token of every POST form (one per request; the header's sign-out form has one);
- what only some people see, such as the "Record a check-in" button a key result's owners get:
  `{% only_for people %}...{% endonly_for %}` marks it with their ids
  (`<!--only-for:3,7-->...<!--/only-for-->`) while the page cache shares the page, and
  `personalise` keeps it for those people and drops it for everyone else.

Each marker starts with `<`, which the templates escape in anything people type, so no note or
title can forge one.
"""

import contextlib
import re

from django.core.cache import cache
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

ACCOUNT_BLOCK = re.compile(rb"<!--account-->.*?<!--/account-->", re.S)
ACCOUNT_HOLE = b"<!--account-->"
MY_WORK_BLOCK = re.compile(rb"<!--my-work-->.*?<!--/my-work-->", re.S)
MY_WORK_HOLE = b"<!--my-work-->"
CSRF_VALUE = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
CSRF_HOLE = b"<!--csrf-->"
ONLY_FOR = re.compile(rb"<!--only-for:([\d,]*)-->(.*?)<!--/only-for-->", re.S)


def shareable(content):
    """A page rendered for one person, as everyone of their audience may be given it."""
    content = ACCOUNT_BLOCK.sub(ACCOUNT_HOLE, content, count=1)
    content = MY_WORK_BLOCK.sub(MY_WORK_HOLE, content, count=1)
    return CSRF_VALUE.sub(rb"\1" + CSRF_HOLE + rb"\2", content)


def is_whole(content):
    """Whether a shared page needs nothing of its reader but what `for_reader` decides."""
    return all(hole not in content for hole in (ACCOUNT_HOLE, MY_WORK_HOLE, CSRF_HOLE))


def personalise(content, request):
    """A shared page (see `shareable`) made out for the person who asked for it."""
    user = request.user
    token = get_token(request) if ACCOUNT_HOLE in content or CSRF_HOLE in content else None
    if ACCOUNT_HOLE in content:
        account = account_block(user, token)
        content = content.replace(
            ACCOUNT_HOLE, b"<!--account-->" + account.encode() + b"<!--/account-->", 1
        )
    if MY_WORK_HOLE in content:
        my_work = kept_for_the_day(request, "my-work", lambda: my_work_link(request))
        content = content.replace(
            MY_WORK_HOLE, b"<!--my-work-->" + my_work.encode() + b"<!--/my-work-->", 1
        )
    if CSRF_HOLE in content:
        content = content.replace(CSRF_HOLE, token.encode())
    return for_reader(content, request)


def my_work_link(request):
    """The navigation's "My key results" for the reader (includes/my_work_link.html)."""
    context = {"user": request.user, "request": request, "nav_section": ""}
    return render_to_string("includes/my_work_link.html", context)


def kept_for_the_day(request, name, render):
    """A personal part as `render` makes it, kept in the cache for this reader, data version
    and day (what it shows changes with nothing else), so a page the cache serves does not
    render it again. With no version read, or the cache away, it is rendered."""
    version = getattr(request, "data_version", None)
    if version is None:
        return render()
    key = f"part:{name}:{version}:{timezone.localdate().isoformat()}:{request.user.pk}"
    try:
        part = cache.get(key)
    except Exception:  # the cache is away (loti_okr/page_cache.py logs it): render instead
        return render()
    if part is None:
        part = render()
        with contextlib.suppress(Exception):
            cache.set(key, part, 24 * 60 * 60)
    return part


def account_block(user, csrf_token):
    """The header's account block for `user`, as base.html shows it."""
    return render_to_string("includes/account.html", {"user": user, "csrf_token": csrf_token})


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
    if getattr(request, "page_is_shared", False):  # set by loti_okr.page_cache
        ids = ",".join(str(pk) for pk in sorted(people))
        return mark_safe(f"<!--only-for:{ids}-->{content}<!--/only-for-->")
    user = getattr(request, "user", None)
    return content if user is not None and user.pk in people else ""
