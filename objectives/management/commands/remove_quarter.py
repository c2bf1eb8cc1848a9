"""Remove a quarter whole (a plan imported by mistake), while nobody has recorded anything on it."""

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from core.commands import Command as PlainTextCommand
from objectives.models import Quarter
from objectives.services import quarter_removal_summary, remove_quarter


class Command(PlainTextCommand):
    help = "Delete a quarter and its key results, refused once it has check-ins or updates."

    def add_arguments(self, parser):
        parser.add_argument("quarter", help="the quarter's slug, like y3-q3")
        parser.add_argument(
            "--yes", action="store_true", help="do not ask; remove it (for scripts)"
        )

    def handle(self, *args, quarter, yes=False, **options):
        found = Quarter.objects.filter(slug=quarter).first()
        if found is None:
            raise CommandError(f"No quarter has the slug {quarter!r}.")
        what = ", ".join(f"{n} {name}" for name, n in quarter_removal_summary(found).items())
        if not yes:
            answer = input(f"Remove {found} with {what}? Type the slug to confirm: ")
            if answer.strip() != found.slug:
                raise CommandError("Nothing removed.")
        try:
            remove_quarter(found)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"Removed {found} with {what}.")
