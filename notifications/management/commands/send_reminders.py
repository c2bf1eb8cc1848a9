"""Remind each owner of key results due a check-in: one message each, at most once every
REMIND_EVERY_DAYS. Meant for cron, daily (see the README)."""

from functools import partial

from accounts.people import public_name
from core.commands import Command as PlainTextCommand
from notifications.batch import send_batch
from notifications.reminders import reminders_to_send, send_reminder


class Command(PlainTextCommand):
    help = "E-mail each owner the key results they own that are due a check-in."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Print who would get what; send nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        messages = [
            (
                f"{public_name(reminder.owner)} <{reminder.owner.email}>",
                ", ".join(kr.reference for kr in reminder.key_results),
                partial(send_reminder, reminder),
            )
            for reminder in reminders_to_send()
        ]
        send_batch(
            self, messages, noun="reminder", dry_run=dry_run, verbs=("Would remind", "Reminded")
        )
