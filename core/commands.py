"""The base of the project's management commands."""

from django.core.management.base import BaseCommand, CommandError

from .text import problem_with


class Command(BaseCommand):
    """A command whose text arguments follow core/text.py's rule, from the shell or from
    `call_command`: one holding a control character is refused with a message, not a traceback."""

    def execute(self, *args, **options):
        for value in [*args, *options.values()]:
            if isinstance(value, str) and (problem := problem_with(value, "An argument")):
                raise CommandError(f"{problem}.")
        return super().execute(*args, **options)
