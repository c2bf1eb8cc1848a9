"""Publish a draft quarter: its plan becomes public on every page and export."""

from django.core.management.base import CommandError

from core.commands import Command as PlainTextCommand
from objectives.models import Quarter
from objectives.services import publish_quarter


class Command(PlainTextCommand):
    help = "Publish a draft quarter (imported or rolled over), making its plan public."

    def add_arguments(self, parser):
        parser.add_argument("quarter", help="the quarter's slug, like y3-q3")

    def handle(self, *args, quarter, **options):
        found = Quarter.objects.filter(slug=quarter).first()
        if found is None:
            raise CommandError(f"No quarter has the slug {quarter!r}.")
        if found.is_published:
            self.stdout.write(f"{found} is already published.")
            return
        publish_quarter(found)
        self.stdout.write(f"Published {found}: anyone may now read it.")
