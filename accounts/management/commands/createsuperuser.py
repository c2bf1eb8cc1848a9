"""Django's createsuperuser, asking also for the person's name: check-ins and updates show who
recorded them, and an account without a name would read "Name not given" there."""

from django.contrib.auth.management.commands import createsuperuser
from django.core.management.base import CommandError
from django.db.models.signals import post_save

from core.text import problem_with


class Command(createsuperuser.Command):
    help = "Create a superuser, with their full name (asked, or given with --name)."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--name", help='their full name, "Ada Lovelace"')

    def handle(self, *args, **options):
        name = (options.get("name") or "").strip()
        while not name and options["interactive"]:
            name = input("Full name (shown on what they record): ").strip()
        if not name:
            raise CommandError('Give the person\'s full name: --name "Ada Lovelace".')
        if problem := problem_with(name, "The name", one_line=True):
            raise CommandError(f"{problem}.")
        first_name, _, last_name = name.partition(" ")

        def give_name(sender, instance, created, **kwargs):
            if created:
                sender.objects.filter(pk=instance.pk).update(
                    first_name=first_name[:150], last_name=last_name.strip()[:150]
                )

        post_save.connect(give_name, sender=self.UserModel, weak=False, dispatch_uid="superuser")
        try:
            return super().handle(*args, **options)
        finally:
            post_save.disconnect(sender=self.UserModel, dispatch_uid="superuser")
