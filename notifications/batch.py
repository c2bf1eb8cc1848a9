"""Sending a batch of messages from a command (reminders, the digest): one that cannot be sent is
logged and counted and the run goes on to everyone else; the command then exits non-zero."""

import contextlib
import logging

from django.core.mail import get_connection
from django.core.management.base import CommandError

from .sending import SENDING_FAILURES, reason

logger = logging.getLogger(__name__)


def send_batch(command, messages, *, noun, dry_run, verbs=("Would send", "Sent")):
    """`messages`: (who, what, send) for each, where send(connection=...) sends one and returns
    its record, or None when it went lately. Says each on the command's output (`verbs`: for a
    dry run, and once sent); CommandError at the end if any failed."""
    sent, failed = 0, 0
    connection = get_connection()
    try:
        for who, what, send in messages:
            if dry_run:
                command.stdout.write(f"{verbs[0]} {who}: {what}")
                continue
            try:
                record = send(connection=connection)
            except SENDING_FAILURES as error:
                failed += 1
                logger.warning("A %s to %s could not be sent: %s", noun, who, error)
                command.stderr.write(f"Could not send {who}: {reason(error)}")
                continue
            if record is not None:
                sent += 1
                command.stdout.write(f"{verbs[1]} {who}: {what}")
    finally:
        with contextlib.suppress(*SENDING_FAILURES):  # the server went away: nothing to close
            connection.close()
    count = len(messages) if dry_run else sent
    verb = "would be sent" if dry_run else "sent"
    command.stdout.write(f"{count} {noun}{'' if count == 1 else 's'} {verb}.")
    if failed:
        raise CommandError(
            f"{failed} {noun}{'' if failed == 1 else 's'} could not be sent (see above); "
            "the rest were sent. The next run tries them again."
        )
