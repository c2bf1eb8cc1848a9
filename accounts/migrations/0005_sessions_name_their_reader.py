"""Sessions move to a table that names each one's reader (loti_okr/sessions.py reads both in one
statement); the sessions open at the time move with them, so nobody is signed out."""

import django.db.models.deletion
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import migrations, models
from django.utils import timezone


def move_open_sessions(apps, schema_editor):
    old = apps.get_model("sessions", "Session")
    new = apps.get_model("accounts", "Session")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    people = set(User.objects.values_list("pk", flat=True))
    decode = SessionStore().decode  # signed with SECRET_KEY, as Django's engines sign them
    moved = []
    for session in old.objects.filter(expire_date__gt=timezone.now()).iterator():
        user_id = decode(session.session_data).get(SESSION_KEY)
        user_id = int(user_id) if user_id is not None and int(user_id) in people else None
        moved.append(
            new(
                session_key=session.session_key,
                session_data=session.session_data,
                expire_date=session.expire_date,
                user_id=user_id,
            )
        )
    new.objects.bulk_create(moved, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_email_addresses_are_unique"),
        ("sessions", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Session",
            fields=[
                (
                    "session_key",
                    models.CharField(
                        max_length=40, primary_key=True, serialize=False, verbose_name="session key"
                    ),
                ),
                ("session_data", models.TextField(verbose_name="session data")),
                ("expire_date", models.DateTimeField(db_index=True, verbose_name="expire date")),
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "session",
                "verbose_name_plural": "sessions",
                "db_table": "accounts_session",
                "abstract": False,
            },
        ),
        migrations.RunPython(move_open_sessions, migrations.RunPython.noop),
    ]
