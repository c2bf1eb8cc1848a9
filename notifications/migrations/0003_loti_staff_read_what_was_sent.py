"""LOTI staff read what was sent, what failed and people's e-mail choices in the admin (the
sending page links there); they change none of it."""

import importlib

from django.db import migrations

roles = importlib.import_module("accounts.migrations.0002_roles")
READ = ["view_sentmessage", "view_failedmessage", "view_preferences"]


def let_staff_read(apps, schema_editor):
    roles.ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    readable = Permission.objects.filter(content_type__app_label="notifications", codename__in=READ)
    for staff in Group.objects.filter(name="LOTI staff"):  # none in a database emptied by hand
        staff.permissions.add(*readable)


def stop_staff_reading(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    readable = Permission.objects.filter(content_type__app_label="notifications", codename__in=READ)
    for staff in Group.objects.filter(name="LOTI staff"):
        staff.permissions.remove(*readable)


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0002_failed_messages_kept"),
        ("accounts", "0007_role_groups_are_set_by_migrations"),
    ]

    operations = [migrations.RunPython(let_staff_read, stop_staff_reading)]
