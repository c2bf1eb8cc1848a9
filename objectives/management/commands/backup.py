import bz2
import gzip
import lzma
import os
import tempfile
from collections import Counter
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS, connection, router, transaction

from core.commands import Command as PlainTextCommand

# Rebuilt by `migrate` (content types, permissions) or short-lived (sessions, sign-in attempts).
LEFT_OUT = ["contenttypes", "auth.permission", "sessions", "axes"]
OPENERS = {".json": open, ".json.gz": gzip.open, ".json.bz2": bz2.open, ".json.xz": lzma.open}


class Command(PlainTextCommand):
    help = (
        "Write every row that matters (plans, check-ins, updates, history, users and roles) to a "
        "JSON file (.json, or .json.gz to compress it); `manage.py restore FILE` reads it back. "
        "The file is written beside FILE, read back and counted, and only then put in FILE's "
        "place: a backup that fails leaves the previous one as it was."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="e.g. backup-2026-11-28.json.gz")

    def handle(self, file, **options):
        suffix = next((s for s in OPENERS if file.endswith(s)), None)
        if suffix is None:
            raise CommandError(
                "Name the backup .json, or .json.gz to compress it (older .xml backups still "
                "restore)."
            )
        target = Path(file)
        if not target.parent.is_dir():
            raise CommandError(f"There is no folder {target.parent} to write {target.name} in.")
        handle, partial = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=f".partial{suffix}", dir=target.parent
        )
        os.close(handle)
        try:
            rows = write(partial)
            read = read_back(partial, OPENERS[suffix])
            if read != rows:
                differ = sorted(label for label in rows | read if rows[label] != read[label])
                raise CommandError(f"The backup read back differs from the database: {differ}.")
            with open(partial, "rb") as written:
                os.fsync(written.fileno())
            os.replace(partial, target)
        except Exception as error:
            Path(partial).unlink(missing_ok=True)
            raise CommandError(
                f"The backup failed, and {target.name} was left as it was: {error}"
            ) from error
        total = sum(rows.values())
        self.stdout.write(f"Backed up {total:,} rows to {file}, and read them back.")


def write(path):
    """Dump into `path`; the rows of each model, counted in the same snapshot."""
    outermost = not connection.in_atomic_block  # else the caller's transaction decides
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":  # SQLite's is a snapshot already
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        call_command(
            "dumpdata",
            exclude=LEFT_OUT,
            natural_foreign=True,
            format="backup-json",
            output=path,
            verbosity=0,
        )
        return Counter(
            {
                model._meta.label: count
                for model in backed_up_models()
                if (count := model._default_manager.count())
            }
        )


def backed_up_models():
    for model in apps.get_models():
        meta = model._meta
        if meta.app_label in LEFT_OUT or meta.label in LEFT_OUT or meta.label_lower in LEFT_OUT:
            continue
        if not meta.proxy and router.allow_migrate_model(DEFAULT_DB_ALIAS, model):
            yield model


def read_back(path, opener):
    """The rows of each model in the file, as restore's own parser (Django's) reads them."""
    with opener(path, "rt", encoding="utf-8") as stream:
        objects = serializers.deserialize("json", stream, handle_forward_references=True)
        return Counter(item.object._meta.label for item in objects)
