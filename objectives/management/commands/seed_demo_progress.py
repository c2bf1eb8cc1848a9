import datetime

from django.core.management.base import CommandError
from django.utils import timezone

from core.commands import Command as PlainTextCommand
from objectives.models import Quarter
from objectives.sample_data import remove_sample_check_ins, seed_sample_check_ins


class Command(PlainTextCommand):
    help = (
        "Add illustrative check-ins (marked as sample data on every page) so the dashboard's "
        "pictures have something to show; --remove deletes exactly those check-ins."
    )

    def add_arguments(self, parser):
        parser.add_argument("--quarter", help="Quarter slug, e.g. y3-q2 (default: the current).")
        parser.add_argument(
            "--until",
            type=datetime.date.fromisoformat,
            help="Last day to make check-ins for, YYYY-MM-DD (default: today, or the quarter's "
            "end if it has ended).",
        )
        parser.add_argument("--every", type=int, default=14, help="Days between check-ins.")
        parser.add_argument("--seed", type=int, default=2021, help="Random seed (repeatable).")
        parser.add_argument("--remove", action="store_true", help="Delete all sample check-ins.")

    def handle(self, *args, quarter=None, until=None, every, seed, remove, **options):
        if remove:
            count = remove_sample_check_ins()
            self.stdout.write(f"Removed {count} sample check-in{'s' if count != 1 else ''}.")
            return
        if every < 1:
            raise CommandError("--every must be at least 1 day.")
        chosen = (
            Quarter.objects.filter(slug=quarter).first() if quarter else Quarter.objects.current()
        )
        if chosen is None:
            raise CommandError(
                f'There is no quarter "{quarter}".' if quarter else "No quarter yet."
            )
        count = seed_sample_check_ins(
            quarter=chosen, until=until or timezone.localdate(), every_days=every, seed=seed
        )
        self.stdout.write(
            f"Added {count} sample check-ins to {chosen}. Every page now says it shows sample "
            "data; remove them with: manage.py seed_demo_progress --remove"
        )
