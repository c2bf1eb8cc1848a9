"""`manage.py create_api_token USERNAME --name NAME [--write] [--days N]`: make a token for a
person and print it, once (only its hash is kept)."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from api.models import ApiToken
from core.commands import Command as BaseCommand


class Command(BaseCommand):
    help = "Make an API token for a person and print it once."

    def add_arguments(self, parser):
        parser.add_argument("username", help="the person's username or e-mail address")
        parser.add_argument("--name", required=True, help='what it is for, "Power BI"')
        parser.add_argument("--write", action="store_true", help="may record, not only read")
        parser.add_argument("--days", type=int, default=90, help="days it works (1-366)")

    def handle(self, *args, username, name, write, days, **options):
        people = get_user_model().objects.filter(is_active=True)
        person = (
            people.filter(username=username).first()
            or people.filter(email__iexact=username).exclude(email="").first()
        )
        if person is None:
            raise CommandError(f"No active person {username!r}.")
        if not 1 <= days <= 366:
            raise CommandError("--days: between 1 and 366.")
        try:
            record, token = ApiToken.make(user=person, name=name, can_write=write, days=days)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(
            f"{record.access} token “{record.name}” for {person.get_username()}, working until "
            f"{record.expires_at:%d %B %Y}. It is shown only now:\n{token}"
        )
