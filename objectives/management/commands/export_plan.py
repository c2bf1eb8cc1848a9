from pathlib import Path

from django.core.management.base import CommandError

from core.commands import Command as PlainTextCommand
from objectives.models import Quarter
from objectives.plan_files import export_csv, export_yaml


class Command(PlainTextCommand):
    help = "Write a quarter's plan in the format import_plan reads (YAML by default, or CSV)."

    def add_arguments(self, parser):
        parser.add_argument("quarter", help="Quarter slug, e.g. y3-q2.")
        parser.add_argument("--format", choices=["yaml", "csv"], default="yaml")
        parser.add_argument("--output", "-o", help="File to write (default: standard output).")

    def handle(self, quarter, output=None, **options):
        found = Quarter.objects.filter(slug=quarter).first()
        if found is None:
            raise CommandError(f'There is no quarter "{quarter}".')
        text = export_csv(found) if options["format"] == "csv" else export_yaml(found)
        if output:
            Path(output).write_text(text, encoding="utf-8")
            self.stderr.write(f"Wrote {found} to {output}.")
        else:
            self.stdout.write(text, ending="")
