"""E-mail addresses are unique among people, whatever their letter case (blank ones aside):
plans name owners by address, and invitations and reminders go to it."""

from django.db import migrations

CREATE = (
    "CREATE UNIQUE INDEX accounts_user_email_unique_any_case "
    "ON auth_user (LOWER(email)) WHERE email <> ''"
)
DROP = "DROP INDEX accounts_user_email_unique_any_case"


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_audit_trail_of_people"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunSQL(CREATE, DROP)]
