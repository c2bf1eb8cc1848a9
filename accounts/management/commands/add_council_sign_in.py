"""`manage.py add_council_sign_in camden --issuer URL --client-id ID --client-secret SECRET
--domains camden.gov.uk`: sign-in through a council's Microsoft tenant (`loti` for LOTI's own);
run again to change it. Prints the redirect URI to register in the tenant's app registration."""

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from accounts.council_sign_in import redirect_uri, save_set_up
from accounts.models import CouncilSignIn
from boroughs.models import Borough
from core.commands import Command as BaseCommand

# Where each of `save_set_up`'s problems came from, in this command's words.
OPTION = {
    "borough": "BOROUGH",
    "issuer": "--issuer",
    "client_id": "--client-id",
    "secret": "--client-secret",
    "domains": "--domains",
}


class Command(BaseCommand):
    help = "Set up (or change) sign-in through a council's Microsoft tenant."

    def add_arguments(self, parser):
        parser.add_argument("borough", help="the borough's slug, e.g. camden; loti for LOTI")
        parser.add_argument(
            "--issuer", required=True, help="https://login.microsoftonline.com/TENANT-ID/v2.0"
        )
        parser.add_argument("--client-id", required=True, help="the application (client) ID")
        parser.add_argument(
            "--client-secret",
            default="",
            help="the client secret's value (needed the first time; empty keeps the stored one)",
        )
        parser.add_argument(
            "--domains", required=True, help="e-mail domains, comma-separated: camden.gov.uk"
        )

    def handle(self, *args, **options):
        slug = options["borough"].strip().lower()
        borough = None
        if slug != CouncilSignIn.LOTI:
            borough = Borough.objects.filter(slug=slug).first()
            if borough is None:
                known = ", ".join(Borough.objects.values_list("slug", flat=True)[:40])
                raise CommandError(f"No borough {slug!r}: one of {known}, or loti for LOTI.")
        council = CouncilSignIn.objects.filter(borough=borough).select_related("app").first()
        try:
            council = save_set_up(
                borough=borough,
                issuer=options["issuer"],
                client_id=options["client_id"],
                secret=options["client_secret"],
                domains=options["domains"],
                council=council,
            )
        except ValidationError as error:
            problems = "; ".join(
                f"{OPTION.get(field, field)}: {' '.join(messages)}"
                for field, messages in error.message_dict.items()
            )
            raise CommandError(problems) from error
        self.stdout.write(
            f"{council.organisation}'s Microsoft sign-in is set up for "
            f"{', '.join(council.domain_list)}.\n"
            f"Register this redirect URI (type Web) in the tenant's app registration:\n"
            f"{redirect_uri(council)}"
        )
