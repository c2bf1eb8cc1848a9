"""The data version: one number every write bumps, which the page cache keys on."""

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import F


class DataVersion(models.Model):
    """One number that goes up at every write to the plans and their progress: cached pages are
    stored under it, so a write makes every cached page stale at once, in every app server."""

    number = models.BigIntegerField(default=0)

    def __str__(self):
        return f"data version {self.number}"

    @classmethod
    def current(cls):
        """The number now, or None before the migration made its row. Every request for a
        public page reads it, hit or miss, so it is one plain statement through Django's cursor:
        the ORM's compiling would be most of an anonymous hit's own work (docs/performance.md)."""
        with connection.cursor() as cursor:
            cursor.execute(cls.number_sql())
            row = cursor.fetchone()
        return None if row is None else row[0]

    @classmethod
    def number_sql(cls):
        """The statement that reads the number, for callers that read it along with more."""
        return f"SELECT number FROM {cls._meta.db_table} WHERE id = 1"

    @classmethod
    def bump(cls):
        """Bump now. Writers call `bump_after_commit` instead."""
        cls.objects.filter(pk=1).update(number=F("number") + 1)

    @classmethod
    def bump_after_commit(cls):
        """Bump once when the current transaction commits (at once outside one; never if it
        rolls back). Bumping inside the transaction would lock the one version row until the
        commit, so every other write would queue behind the slowest; after the commit, pages
        cached meanwhile under the old number were rendered from data no newer than the old
        number's, so the cache is still never stale.

        Tests whose transaction never commits set DATA_VERSION_BUMPS_AT_ONCE (tests/conftest.py).
        """
        connection = transaction.get_connection()
        if not connection.in_atomic_block or getattr(settings, "DATA_VERSION_BUMPS_AT_ONCE", False):
            cls.bump()
        elif not any(callback is _bump for _, callback, _ in connection.run_on_commit):
            transaction.on_commit(_bump)


def _bump():
    DataVersion.bump()
