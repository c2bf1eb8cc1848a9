"""The weekly digest to managers and to anyone who opted in: what changed in the running quarter
since their last digest. Meant for cron, weekly (see the README)."""

from core.commands import Command as PlainTextCommand
from notifications.batch import send_batch
from notifications.digest import outgoing_digests
from notifications.models import SentMessage


class Command(PlainTextCommand):
    help = "E-mail the weekly digest of the running quarter to those who get it."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Print who would get it; send nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        send_batch(
            self,
            outgoing_digests(),
            kind=SentMessage.Kind.DIGEST,
            noun="digest",
            dry_run=dry_run,
        )
