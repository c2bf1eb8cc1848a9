"""The weekly digest to managers and to anyone who opted in: what changed in the running quarter
since their last digest. Meant for cron, weekly (see the README)."""

from django.core.mail import get_connection
from django.core.management.base import BaseCommand

from accounts.people import public_name
from notifications.digest import digests_to_send, send_digest


class Command(BaseCommand):
    help = "E-mail the weekly digest of the running quarter to those who get it."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Print who would get it; send nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        digests = digests_to_send()
        sent = 0
        with get_connection() as connection:
            for reader, changes in digests:
                who = f"{public_name(reader)} <{reader.email}>"
                if dry_run:
                    self.stdout.write(f"Would send {who}: {changes.subject}")
                elif send_digest(reader, changes, connection=connection):
                    sent += 1
                    self.stdout.write(f"Sent {who}: {changes.subject}")
        count = len(digests) if dry_run else sent
        verb = "would be sent" if dry_run else "sent"
        self.stdout.write(f"{count} digest{'' if count == 1 else 's'} {verb}.")
