"""Remind each owner of key results due a check-in: one message each, at most once every
REMIND_EVERY_DAYS. Meant for cron, daily (see the README)."""

from django.core.mail import get_connection
from django.core.management.base import BaseCommand

from accounts.people import public_name
from notifications.reminders import reminders_to_send, send_reminder


class Command(BaseCommand):
    help = "E-mail each owner the key results they own that are due a check-in."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Print who would get what; send nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        reminders = reminders_to_send()
        sent = 0
        with get_connection() as connection:
            for reminder in reminders:
                numbers = ", ".join(kr.reference for kr in reminder.key_results)
                who = f"{public_name(reminder.owner)} <{reminder.owner.email}>"
                if dry_run:
                    self.stdout.write(f"Would remind {who}: {numbers}")
                elif send_reminder(reminder, connection=connection):
                    sent += 1
                    self.stdout.write(f"Reminded {who}: {numbers}")
        verb = "would be sent" if dry_run else "sent"
        count = len(reminders) if dry_run else sent
        self.stdout.write(f"{count} reminder{'' if count == 1 else 's'} {verb}.")
