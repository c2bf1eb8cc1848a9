"""Who is calling: a personal token sent as `Authorization: Bearer ...`, checked on every call
(revoked, expired, or its person switched off: refused at once), its last use recorded, and
its calls limited per minute."""

import time

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from ninja.security import HttpBearer

from accounts.backends import RoleAwareModelBackend

from .models import ApiToken, digest_of


class TooManyCalls(Exception):
    def __init__(self, retry_after):
        self.retry_after = retry_after


class NeedsWriteToken(Exception):
    pass


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        found = ApiToken.objects.working().filter(digest=digest_of(token)).first()
        # The person as a signed-in reader is loaded: with their role and borough in one query.
        person = RoleAwareModelBackend().get_user(found.user_id) if found else None
        if person is None:
            return None
        limit_calls(found)
        now = timezone.now()
        if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        found.user = person
        request.user = person
        request.api_token = found
        return found


def limit_calls(token):
    """At most API_CALLS_PER_MINUTE calls a token in each clock minute (counted in the cache:
    shared by every worker with Redis, per worker with the default cache)."""
    minute = int(time.time() // 60)
    key = f"api-calls:{token.pk}:{minute}"
    cache.add(key, 0, timeout=120)
    try:
        calls = cache.incr(key)
    except ValueError:  # the entry was culled between add and incr
        calls = 1
    if calls > settings.API_CALLS_PER_MINUTE:
        raise TooManyCalls(retry_after=60 - int(time.time()) % 60)


def require_write(request):
    if not request.api_token.can_write:
        raise NeedsWriteToken()
