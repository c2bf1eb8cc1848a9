import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from core.commands import Command as PlainTextCommand
from objectives.models import KeyResult, Quarter
from objectives.services import (
    next_quarter_defaults,
    outcomes_changed_by_carrying,
    refuse_to_carry_into,
    roll_over,
)


class Command(PlainTextCommand):
    help = (
        "Carry unfinished key results of a quarter into the next one, creating it if needed. "
        "Each keeps its boroughs, partners and links and records which key result it continues."
    )

    def add_arguments(self, parser):
        parser.add_argument("quarter", help="The quarter to roll over, e.g. y3-q2.")
        parser.add_argument(
            "--key-results",
            help="Comma-separated numbers to carry over (default: every unfinished one the "
            "review does not call achieved or dropped).",
        )
        parser.add_argument("--into", help="Slug of the next quarter (default: y<year>-q<n>).")
        parser.add_argument("--start", type=datetime.date.fromisoformat, help="YYYY-MM-DD")
        parser.add_argument("--end", type=datetime.date.fromisoformat, help="YYYY-MM-DD")
        parser.add_argument("--dry-run", action="store_true", help="Say what would happen.")

    def handle(self, quarter, key_results, into, start, end, dry_run, **options):
        source = Quarter.objects.filter(slug=quarter).first()
        if source is None:
            raise CommandError(f'There is no quarter "{quarter}".')
        chosen = self.choose(source, key_results)
        new_quarter = next_quarter_defaults(source)
        if into:
            new_quarter["slug"] = into
        if start:
            new_quarter["start_date"] = start
        if end:
            new_quarter["end_date"] = end
        existing = Quarter.objects.filter(slug=new_quarter["slug"]).first()
        dates = f"{new_quarter['start_date']} to {new_quarter['end_date']}"
        target = existing or f"{new_quarter['slug']} ({dates}, new)"
        for key_result in chosen:
            self.stdout.write(f"{key_result.reference}: {key_result.title}")
        for key_result, was in outcomes_changed_by_carrying(chosen):
            self.stdout.write(
                f"The review's outcome of {key_result.reference} becomes Carried over "
                f"(it says {was})."
            )
        if dry_run:
            try:
                if existing:
                    refuse_to_carry_into(existing, chosen)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from None
            self.stdout.write(f"Would carry {len(chosen)} key results into {target}.")
            return
        try:
            into_quarter, carried = roll_over(key_results=chosen, into=existing, **new_quarter)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"Carried {len(carried)} key results into {into_quarter}.")

    def choose(self, source, numbers):
        key_results = (
            KeyResult.objects.for_quarter(source).with_progress().select_related("quarter")
        )
        if not numbers:
            return list(key_results.to_carry_over_unless_told().order_by("number"))
        try:
            wanted = sorted({int(number) for number in numbers.split(",") if number.strip()})
        except ValueError:
            raise CommandError(
                "--key-results takes numbers separated by commas, e.g. 14,17."
            ) from None
        found = {kr.number: kr for kr in key_results.filter(number__in=wanted)}
        missing = [str(number) for number in wanted if number not in found]
        if missing:
            raise CommandError(f"{source} has no key result numbered {', '.join(missing)}.")
        return [found[number] for number in wanted]
