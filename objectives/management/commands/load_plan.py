import json
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from core.commands import Command as PlainTextCommand
from objectives.models import BoroughUpdate, CheckIn, KeyResult, Quarter


class Command(PlainTextCommand):
    help = (
        "Load a quarter's plan fixture (default: the Year 3 Q2 plan) unless that quarter is "
        "already in the database, so that edits made since are never overwritten."
    )

    def add_arguments(self, parser):
        parser.add_argument("fixture", nargs="?", default="loti-year3-q2")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even if the quarter exists: resets the plan's own fields to the fixture, "
            "but only while nobody has changed or checked in on it since it was loaded.",
        )

    def handle(self, fixture, force, **options):
        path = self.find_fixture(fixture)
        objects = json.loads(path.read_text(encoding="utf-8"))
        slugs = [obj["fields"]["slug"] for obj in objects if obj["model"] == "objectives.quarter"]
        existing = list(Quarter.objects.filter(slug__in=slugs))
        if existing and not force:
            names = ", ".join(str(quarter) for quarter in existing)
            self.stdout.write(
                f"{names} is already loaded; nothing changed (use --force to reload)."
            )
            return
        for quarter in existing:
            self.refuse_if_changed(quarter)
        call_command("loaddata", str(path), verbosity=options["verbosity"])
        # Loading a fixture leaves no history; give each row its first historical record.
        call_command("populate_history", auto=True, verbosity=0)

    def refuse_if_changed(self, quarter):
        """Reloading writes the fixture's rows over the database's with no history and turns
        version numbers back: allowed only while the quarter is as the fixture left it."""
        key_results = KeyResult.objects.for_quarter(quarter)
        changes = (
            KeyResult.history.filter(quarter_id=quarter.pk).exclude(history_type="+").count()
            + CheckIn.objects.filter(key_result__in=key_results).count()
            + BoroughUpdate.objects.filter(key_result__in=key_results).count()
            + sum(kr.version - 1 for kr in key_results)
        )
        if changes:
            raise CommandError(
                f"{quarter} has been changed since it was loaded (changes, check-ins or "
                "updates): --force would overwrite them with no history. Edit it in the admin "
                "instead, or export it with `manage.py export_plan` to compare."
            )

    def find_fixture(self, name):
        for folder in settings.FIXTURE_DIRS:
            for candidate in (Path(folder) / name, Path(folder) / f"{name}.json"):
                if candidate.is_file():
                    return candidate
        raise CommandError(f'No plan fixture called "{name}" in {settings.FIXTURE_DIRS}.')
