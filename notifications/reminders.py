"""Check-in reminders: each owner of key results due a check-in gets one message listing them,
at most once every REMIND_EVERY_DAYS. "Due" is `KeyResult.is_due_on`, the rule the stale flag
and My key results use; only quarters running today have key results due."""

from collections import defaultdict
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from objectives.models import KeyResult, Quarter

from . import sending
from .batch import Outgoing, addressed
from .models import SentMessage, preferences_of


@dataclass
class Reminder:
    owner: object
    key_results: list

    @property
    def subject(self):
        count = len(self.key_results)
        if count == 1:
            return f"KR {self.key_results[0].number} is due a check-in"
        return f"{count} key results are due a check-in"


def due_by_owner(today):
    """{owner: [key results due]} for every active owner with an e-mail address."""
    owned = KeyResult.owners.through.objects.values("keyresult")
    key_results = (
        KeyResult.objects.in_published_quarters()
        .filter(pk__in=owned, quarter__in=Quarter.objects.running_on(today))
        .for_listing()
        .order_by("quarter__start_date", "number")
    )
    due = defaultdict(list)
    for key_result in key_results:
        if key_result.is_due_on(today):
            for owner in key_result.owners.all():  # active owners only (prefetched)
                if owner.email:
                    due[owner].append(key_result)
    return due


def reminders_to_send(today=None):
    """The reminders a run would send today: owners who want them and had none lately."""
    today = today or timezone.localdate()
    reminders = []
    for owner, key_results in sorted(due_by_owner(today).items(), key=lambda item: item[0].pk):
        if not preferences_of(owner).reminders:
            continue
        if SentMessage.sent_recently(
            owner, SentMessage.Kind.REMINDER, days=settings.REMIND_EVERY_DAYS
        ):
            continue
        reminders.append(Reminder(owner, key_results))
    return reminders


def check_in_url(key_result):
    path = reverse("objectives:check-in-create", args=[key_result.quarter.slug, key_result.number])
    return sending.absolute_url(f"{path}?next={reverse('objectives:my-key-results')}")


def reminder_message(reminder):
    """The message for `reminder`, as `sending.send` and `sending.compose` take it."""
    return {
        "recipient": reminder.owner,
        "kind": SentMessage.Kind.REMINDER,
        "subject": reminder.subject,
        "template": "reminder",
        "context": {
            "items": [(kr, check_in_url(kr)) for kr in reminder.key_results],
            "my_key_results_url": sending.absolute_url(reverse("objectives:my-key-results")),
            "stale_after_days": settings.STALE_AFTER_DAYS,
        },
        "key_results": reminder.key_results,
    }


def send_reminder(reminder, *, connection=None):
    """Send one reminder unless another run sent one meanwhile."""
    return sending.send_unless_sent_within(
        days=settings.REMIND_EVERY_DAYS, **reminder_message(reminder), connection=connection
    )


def outgoing_reminders(today=None):
    """What a run would send today, each with how to send it (notifications.batch)."""
    return [
        Outgoing(
            recipient=reminder.owner,
            who=addressed(reminder.owner),
            what=", ".join(kr.reference for kr in reminder.key_results),
            send=partial(send_reminder, reminder),
        )
        for reminder in reminders_to_send(today)
    ]
