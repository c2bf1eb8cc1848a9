"""Invite a person: their account, role and borough in one step, and an e-mail with a link to
choose a password."""

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from boroughs.models import Borough
from core.commands import Command as PlainTextCommand
from notifications.invitations import InvitationNotSent, invite


class Command(PlainTextCommand):
    help = "Create a person's account with a role and e-mail them a link to choose a password."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--role", required=True, choices=["staff", "manager", "officer"])
        parser.add_argument("--borough", help="the borough's slug, for an officer (camden)")
        parser.add_argument("--name", default="", help='their full name, "Ada Lovelace"')

    def handle(self, *args, email, role, borough=None, name="", **options):
        linked = None
        if borough:
            linked = Borough.objects.filter(slug=borough).first()
            if linked is None:
                raise CommandError(f"No borough has the slug {borough!r} (see /boroughs/).")
        try:
            person = invite(email=email, role=role, borough=linked, name=name)
        except ValidationError as error:
            problems = "; ".join(
                f"{field}: {' '.join(m)}" for field, m in error.message_dict.items()
            )
            raise CommandError(problems) from None
        except InvitationNotSent as not_sent:
            raise CommandError(str(not_sent)) from None
        self.stdout.write(
            f"Invited {person.email} as {role}{f' for {linked}' if linked else ''}: "
            f"they sign in as {person.get_username()} once they have chosen a password."
        )
