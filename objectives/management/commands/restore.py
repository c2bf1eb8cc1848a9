from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test.utils import override_settings

from core.commands import Command as PlainTextCommand
from objectives.models import CheckIn, KeyResult, Quarter


class Command(PlainTextCommand):
    help = (
        "Load a file written by `manage.py backup` into an empty, migrated database, in one "
        "transaction. Refuses a database that already holds plans or users."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, file, **options):
        holds = [
            str(model._meta.verbose_name_plural)
            for model in (Quarter, KeyResult, CheckIn, get_user_model())
            if model.objects.exists()
        ]
        if holds:
            raise CommandError(
                f"This database already holds {', '.join(holds)}: restore only into an empty one "
                "(create a new database and run `manage.py migrate` first)."
            )
        # The backup holds the history as it was: loading must not add records of its own
        # (setting a user's groups would otherwise log a change).
        with transaction.atomic(), override_settings(SIMPLE_HISTORY_ENABLED=False):
            call_command("loaddata", file, verbosity=0)
        self.stdout.write(
            f"Restored {Quarter.objects.count()} quarters, {KeyResult.objects.count()} key "
            f"results and {CheckIn.objects.count()} check-ins from {file}."
        )
