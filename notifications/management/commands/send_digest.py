"""The weekly digest to managers and to anyone who opted in: what changed in the running quarter
since their last digest. Meant for cron, weekly (see the README)."""

from functools import partial

from accounts.people import public_name
from core.commands import Command as PlainTextCommand
from notifications.batch import send_batch
from notifications.digest import digests_to_send, send_digest


class Command(PlainTextCommand):
    help = "E-mail the weekly digest of the running quarter to those who get it."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Print who would get it; send nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        messages = [
            (
                f"{public_name(reader)} <{reader.email}>",
                changes.subject,
                partial(send_digest, reader, changes),
            )
            for reader, changes in digests_to_send()
        ]
        send_batch(self, messages, noun="digest", dry_run=dry_run)
