"""What the navigation's "My key results" link says to one person: whether they get it (anyone
but a borough officer, and an officer who owns a key result), and how many of theirs are due a
check-in. Read once a data version and day per person (one query), so a page the cache serves
costs a cache lookup for it, not a query."""

from dataclasses import dataclass

from django.core.cache import cache
from django.utils import timezone

from accounts.roles import officer_borough

from .models import KeyResult


@dataclass(frozen=True)
class MyWork:
    shows_link: bool
    due: int

    @property
    def label(self):
        return f"My key results ({self.due} due)" if self.due else "My key results"


def my_work(user, data_version=None, today=None):
    if not user.is_authenticated:
        return MyWork(shows_link=False, due=0)
    today = today or timezone.localdate()
    key = f"my-work:{data_version}:{today.isoformat()}:{user.pk}" if data_version else None
    counted = cache.get(key) if key else None
    if counted is None:
        counted = owned_and_due(user, today)
        if key:
            cache.set(key, counted, 24 * 60 * 60)
    owns, due = counted
    return MyWork(shows_link=owns or officer_borough(user) is None, due=due)


def owned_and_due(user, today):
    """(whether `user` owns a key result of a published quarter, how many of those are due)."""
    owned = list(
        KeyResult.objects.in_published_quarters()
        .filter(owners=user)
        .with_progress()
        .select_related("quarter")
    )
    return bool(owned), sum(1 for key_result in owned if key_result.is_due_on(today))
