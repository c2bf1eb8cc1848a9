"""Sessions go back to Django's own table and engine (django.contrib.sessions.backends.db); the
sessions open at the time move with them, so nobody is signed out."""

from django.db import migrations
from django.utils import timezone


def move_open_sessions(apps, schema_editor, source="accounts", target="sessions"):
    old = apps.get_model(source, "Session")
    new = apps.get_model(target, "Session")
    new.objects.bulk_create(
        [
            new(
                session_key=session.session_key,
                session_data=session.session_data,
                expire_date=session.expire_date,
            )
            for session in old.objects.filter(expire_date__gt=timezone.now()).iterator()
        ],
        batch_size=500,
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_sessions_name_their_reader"),
        ("sessions", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(move_open_sessions, migrations.RunPython.noop),
        migrations.DeleteModel(name="Session"),
    ]
