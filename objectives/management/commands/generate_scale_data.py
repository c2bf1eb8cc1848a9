from django.core.management.base import CommandError

from core.commands import Command as PlainTextCommand
from objectives import scale_data
from objectives.models import Quarter


class Command(PlainTextCommand):
    help = (
        "Add a large illustrative data set for benchmarks (past quarters, key results, sample "
        "check-ins) beside the real plan; --remove deletes exactly it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--quarters", type=int, default=100)
        parser.add_argument("--key-results", type=int, default=2500)
        parser.add_argument("--check-ins", type=int, default=50000)
        parser.add_argument("--seed", type=int, default=2021)
        parser.add_argument("--remove", action="store_true")

    def handle(self, *args, quarters, key_results, check_ins, seed, remove, **options):
        if remove:
            self.stdout.write(f"Removed {scale_data.remove()} generated key results.")
            return
        if Quarter.objects.filter(slug__startswith=scale_data.SLUG_PREFIX).exists():
            raise CommandError("Generated data is already there: run with --remove first.")
        if quarters < 1 or key_results < 0 or check_ins < 0 or quarters > 400:
            raise CommandError("Use 1 to 400 quarters and no negative sizes.")
        counts = scale_data.generate(
            quarters=quarters, key_results=key_results, check_ins=check_ins, seed=seed
        )
        self.stdout.write(
            "Generated " + ", ".join(f"{n:,} {what}" for what, n in counts.items()) + "."
        )
