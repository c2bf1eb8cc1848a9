from pathlib import Path

from django.core.management.base import CommandError

from core.commands import Command as PlainTextCommand
from objectives.plan_files import PlanFileError, create_plan, read_plan

FORMATS = {".yaml": "yaml", ".yml": "yaml", ".csv": "csv"}


class Command(PlainTextCommand):
    help = (
        "Load a new quarter's plan from a YAML or CSV file (format in the README). Every problem "
        "is reported with its line, and nothing is written unless the whole file is valid."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--format", choices=["yaml", "csv"], help="Default: from the name.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and say what it would create."
        )

    def handle(self, file, dry_run=False, **options):
        path = Path(file)
        file_format = options.get("format") or FORMATS.get(path.suffix.lower())
        if file_format is None:
            raise CommandError(f"{file}: name it .yaml, .yml or .csv, or pass --format.")
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{file}: cannot read it ({error.strerror}).") from None
        try:
            plan = read_plan(data, file_format)
        except PlanFileError as error:
            count = len(error.problems)
            lines = [f"{file}: {problem}" for problem in error.problems]
            raise CommandError(
                "\n".join(
                    [*lines, f"{count} problem{'s' if count != 1 else ''}; nothing was imported."]
                )
            ) from None
        for line in plan.summary_lines():
            self.stdout.write(line)
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
            return
        quarter = create_plan(plan)
        self.stdout.write(f"Imported {quarter} with {len(plan.key_results)} key results.")
