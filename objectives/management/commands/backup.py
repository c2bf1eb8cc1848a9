from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

# Rebuilt by `migrate` (content types, permissions) or short-lived (sessions, sign-in attempts).
LEFT_OUT = ["contenttypes", "auth.permission", "sessions", "axes"]


class Command(BaseCommand):
    help = (
        "Write every row that matters (plans, check-ins, updates, history, users and roles) to an "
        "XML file (.xml, or .xml.gz to compress it); `manage.py restore FILE` reads it back. XML "
        "keeps timestamps to the microsecond, where Django's JSON keeps milliseconds."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="e.g. backup-2026-11-28.xml.gz")

    def handle(self, file, **options):
        if not file.endswith((".xml", ".xml.gz", ".xml.bz2", ".xml.xz")):
            raise CommandError("Name the backup .xml, or .xml.gz to compress it.")
        call_command(
            "dumpdata",
            exclude=LEFT_OUT,
            natural_foreign=True,
            format="backup-xml",
            output=file,
            verbosity=0,
        )
        self.stdout.write(f"Backed up to {file}.")
