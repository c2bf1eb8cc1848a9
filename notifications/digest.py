"""The weekly digest: what changed in the running quarter since the reader's last digest
(check-ins, key results newly at risk or off track, newly stale, borough updates), and the
quarter's progress against expected. Managers get it unless they opt out; anyone may opt in."""

import datetime
from dataclasses import dataclass, field
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from objectives.models import BoroughUpdate, CheckIn, KeyResult, Quarter, Status, current_of
from objectives.selectors import quarter_reading

from . import sending
from .batch import Outgoing, addressed
from .models import SentMessage, preferences_of

AT_RISK = (Status.AT_RISK, Status.OFF_TRACK)


@dataclass
class Changes:
    """What changed in `quarter` from `since` to `today`; the same for every reader with the
    same `since`."""

    quarter: object
    since: datetime.datetime
    today: datetime.date
    reading: object = None
    check_ins: list = field(default_factory=list)
    newly_at_risk: list = field(default_factory=list)
    newly_stale: list = field(default_factory=list)
    borough_updates: list = field(default_factory=list)

    @property
    def subject(self):
        return f"{self.quarter}: what changed since {timezone.localtime(self.since):%-d %B}"


def running_quarter(today):
    return current_of(Quarter.objects.published().running_on(today), today)


def statuses_at(quarter, moment):
    """{key result id: the status its latest check-in recorded by `moment` reported}."""
    statuses = {}
    recorded = (
        CheckIn.objects.counted()
        .filter(key_result__quarter=quarter, recorded_at__lte=moment)
        .latest_first()
        .values_list("key_result_id", "status")
    )
    for key_result_id, status in recorded:
        statuses.setdefault(key_result_id, status)
    return statuses


def changes_since(quarter, since, today):
    """Read what changed. Newly at risk: at risk or off track now, and not by the last digest
    (`since`, to the moment); staleness then is read as of the day of `since`."""
    then = timezone.localdate(since)
    reading = quarter_reading(quarter, today)
    before = {kr.pk: kr for kr in KeyResult.objects.for_quarter(quarter).for_listing(as_of=then)}
    status_then = statuses_at(quarter, since)
    newly_at_risk, newly_stale = [], []
    for key_result in reading.key_results:
        earlier = before[key_result.pk]
        was = status_then.get(key_result.pk, key_result.starting_status)
        if key_result.status in AT_RISK and was not in AT_RISK:
            newly_at_risk.append(key_result)
        stale_then = then >= quarter.start_date and earlier.is_due_on(then)
        if key_result.is_stale and not stale_then:
            newly_stale.append(key_result)
    check_ins = (
        CheckIn.objects.counted()
        .filter(key_result__quarter=quarter, recorded_at__gt=since)
        .select_related("key_result__quarter")
        .order_by("recorded_at", "pk")
    )
    updates = (
        BoroughUpdate.objects.shown()
        .filter(key_result__quarter=quarter, created_at__gt=since)
        .select_related("borough", "key_result__quarter")
        .order_by("created_at", "pk")
    )
    return Changes(
        quarter=quarter,
        since=since,
        today=today,
        reading=reading,
        check_ins=list(check_ins),
        newly_at_risk=newly_at_risk,
        newly_stale=newly_stale,
        borough_updates=list(updates),
    )


def readers():
    """Active people with an e-mail address who want the digest."""
    people = (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(email="")
        .select_related("email_preferences")
        .prefetch_related("groups")
        .order_by("pk")
    )
    return [person for person in people if preferences_of(person).wants_digest]


def since_for(reader, now):
    """From the reader's last digest, or DIGEST_EVERY_DAYS ago for a first one."""
    last = SentMessage.last_sent_at(reader, SentMessage.Kind.DIGEST)
    return last or now - datetime.timedelta(days=settings.DIGEST_EVERY_DAYS)


def digests_to_send(now=None):
    """[(reader, Changes)] for every reader due a digest; none while no quarter runs."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    quarter = running_quarter(today)
    if quarter is None:
        return []
    by_since = {}
    digests = []
    for reader in readers():
        if SentMessage.sent_recently(
            reader, SentMessage.Kind.DIGEST, days=settings.DIGEST_EVERY_DAYS, now=now
        ):
            continue
        since = since_for(reader, now)
        if since not in by_since:
            by_since[since] = changes_since(quarter, since, today)
        digests.append((reader, by_since[since]))
    return digests


def digest_message(reader, changes):
    """The digest for `reader`, as `sending.send` and `sending.compose` take it."""
    return {
        "recipient": reader,
        "kind": SentMessage.Kind.DIGEST,
        "subject": changes.subject,
        "template": "digest",
        "context": {
            "changes": changes,
            "overall": changes.reading.overall,
            "dashboard_url": sending.absolute_url(
                reverse("objectives:quarter-dashboard", args=[changes.quarter.slug])
            ),
        },
    }


def send_digest(reader, changes, *, connection=None):
    """Send one digest unless another run sent one meanwhile."""
    return sending.send_unless_sent_within(
        days=settings.DIGEST_EVERY_DAYS, **digest_message(reader, changes), connection=connection
    )


def outgoing_digests(now=None):
    """What a run would send now, each with how to send it (notifications.batch)."""
    return [
        Outgoing(
            recipient=reader,
            who=addressed(reader),
            what=changes.subject,
            send=partial(send_digest, reader, changes),
        )
        for reader, changes in digests_to_send(now)
    ]
