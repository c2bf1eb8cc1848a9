"""The data version: one number every write bumps, which the page cache keys on."""

from django.db import models
from django.db.models import F


class DataVersion(models.Model):
    """One number that goes up at every write to the plans and their progress: cached pages are
    stored under it, so a write makes every cached page stale at once, in every app server."""

    number = models.BigIntegerField(default=0)

    def __str__(self):
        return f"data version {self.number}"

    @classmethod
    def current(cls):
        return cls.objects.filter(pk=1).values_list("number", flat=True).first()

    @classmethod
    def bump(cls):
        cls.objects.filter(pk=1).update(number=F("number") + 1)
