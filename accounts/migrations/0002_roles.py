"""Create the three roles as groups with their permissions (the README has the table)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

OUR_APPS = ["objectives", "workstreams", "boroughs", "partners", "accounts"]


def ensure_permissions(apps):
    """Permissions are normally made after `migrate`; roles need them now, on a new database."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_roles(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    ours = Permission.objects.filter(content_type__app_label__in=OUR_APPS)
    staff, _ = Group.objects.get_or_create(name="LOTI staff")
    staff.permissions.set(
        ours
        | Permission.objects.filter(
            content_type__app_label="auth", content_type__model__in=["user", "group"]
        )
    )
    managers, _ = Group.objects.get_or_create(name="Managers")
    managers.permissions.set(ours.filter(codename__startswith="view_"))
    officers, _ = Group.objects.get_or_create(name="Borough officers")
    officers.permissions.set(ours.filter(codename__in=["add_boroughupdate", "view_boroughupdate"]))


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["LOTI staff", "Managers", "Borough officers"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("objectives", "0003_internal_notes_borough_updates_versions_and_history"),
        ("workstreams", "0001_initial"),
        ("boroughs", "0002_london_authorities"),
        ("partners", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]


def staff_permissions(app_label, codenames):
    """For a later migration: RunPython that gives the LOTI staff group these permissions of
    `app_label` (and takes them back when migrated backwards)."""

    def chosen(apps):
        Permission = apps.get_model("auth", "Permission")
        return Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)

    def staff_groups(apps):
        return apps.get_model("auth", "Group").objects.filter(name="LOTI staff")

    def give(apps, schema_editor):
        ensure_permissions(apps)
        for staff in staff_groups(apps):  # none in a database emptied by hand
            staff.permissions.add(*chosen(apps))

    def take_back(apps, schema_editor):
        for staff in staff_groups(apps):
            staff.permissions.remove(*chosen(apps))

    return migrations.RunPython(give, take_back)
