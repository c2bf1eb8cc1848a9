"""Remind each owner of key results due a check-in: one message each, at most once every
REMIND_EVERY_DAYS. Meant for cron, daily (see the README)."""

from core.commands import Command as PlainTextCommand
from notifications.batch import send_batch
from notifications.models import SentMessage
from notifications.reminders import outgoing_reminders


class Command(PlainTextCommand):
    help = "E-mail each owner the key results they own that are due a check-in."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Print who would get what; send nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        send_batch(
            self,
            outgoing_reminders(),
            kind=SentMessage.Kind.REMINDER,
            noun="reminder",
            dry_run=dry_run,
            verbs=("Would remind", "Reminded"),
        )
