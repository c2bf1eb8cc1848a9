"""Personal API tokens: each person makes, names and revokes their own (read-only, or read and
write), with an expiry; only a hash of the token is kept, so it is shown once, when made."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

PREFIX = "loti_"


def digest_of(token):
    return hashlib.sha256(token.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def working(self):
        """Tokens that open the API now: not revoked, not expired, their person active."""
        return self.filter(
            revoked_at__isnull=True, expires_at__gt=timezone.now(), user__is_active=True
        )


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=80, help_text="What it is for, e.g. Power BI board pack.")
    can_write = models.BooleanField(
        default=False, help_text="Record check-ins and borough updates, not only read."
    )
    digest = models.CharField(max_length=64, unique=True, editable=False)
    shown_start = models.CharField(
        max_length=12, editable=False, help_text="The token's first characters, to tell it apart."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "API token"

    def __str__(self):
        return f"{self.name} ({self.shown_start}…)"

    @classmethod
    def make(cls, *, user, name, can_write=False, days=90):
        """A new token for `user`: the record, and the token itself (shown once, never kept)."""
        token = PREFIX + secrets.token_urlsafe(32)
        record = cls(
            user=user,
            name=name.strip(),
            can_write=can_write,
            digest=digest_of(token),
            shown_start=token[: len(PREFIX) + 4],
            expires_at=timezone.now() + datetime.timedelta(days=days),
        )
        record.full_clean()
        record.save()
        return record, token

    @property
    def is_working(self):
        return self.revoked_at is None and self.expires_at > timezone.now() and self.user.is_active

    @property
    def access(self):
        return "Read and write" if self.can_write else "Read only"

    def revoke(self):
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])
