"""Sending a batch of messages (reminders, the digest), from a command or the admin: one that
cannot be sent is logged, kept as a FailedMessage and counted, and the run goes on to everyone
else; a command then exits non-zero."""

import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.mail import get_connection
from django.core.management.base import CommandError

from accounts.people import public_name

from .models import FailedMessage
from .sending import SENDING_FAILURES, reason

logger = logging.getLogger(__name__)


def addressed(person):
    """A person as a run names them: "Ada Lovelace <ada@example.org>"."""
    return f"{public_name(person)} <{person.email}>"


@dataclass
class Outgoing:
    """One message a run would send: to whom, what it is about, and how to send it
    (send(connection=...) returns its record, or None when another run sent it meanwhile)."""

    recipient: object
    who: str
    what: str
    send: Callable


@dataclass
class Run:
    sent: list = field(default_factory=list)  # who
    failed: list = field(default_factory=list)  # (who, why)


def send_each(outgoing, kind):
    """Send every message over one connection; a failure is kept and the run goes on."""
    run = Run()
    connection = get_connection()
    try:
        for item in outgoing:
            try:
                record = item.send(connection=connection)
            except SENDING_FAILURES as error:
                why = reason(error)
                logger.warning("A %s to %s could not be sent: %s", kind, item.who, error)
                FailedMessage.objects.create(recipient=item.recipient, kind=kind, reason=why[:300])
                run.failed.append((item.who, why))
                continue
            if record is not None:
                run.sent.append(item.who)
    finally:
        with contextlib.suppress(*SENDING_FAILURES):  # the server went away: nothing to close
            connection.close()
    return run


def send_batch(command, outgoing, *, kind, noun, dry_run, verbs=("Would send", "Sent")):
    """`send_each` for a command, saying each on its output (`verbs`: for a dry run, and once
    sent); CommandError at the end if any failed."""
    if dry_run:
        for item in outgoing:
            command.stdout.write(f"{verbs[0]} {item.who}: {item.what}")
        command.stdout.write(
            f"{len(outgoing)} {noun}{'' if len(outgoing) == 1 else 's'} would be sent."
        )
        return
    what_of = {item.who: item.what for item in outgoing}
    run = send_each(outgoing, kind)
    for who in run.sent:
        command.stdout.write(f"{verbs[1]} {who}: {what_of[who]}")
    for who, why in run.failed:
        command.stderr.write(f"Could not send {who}: {why}")
    count = len(run.sent)
    command.stdout.write(f"{count} {noun}{'' if count == 1 else 's'} sent.")
    if run.failed:
        failed = len(run.failed)
        raise CommandError(
            f"{failed} {noun}{'' if failed == 1 else 's'} could not be sent (see above); "
            "the rest were sent. The next run tries them again."
        )
