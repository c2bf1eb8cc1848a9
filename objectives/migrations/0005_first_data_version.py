from django.db import migrations


def create(apps, schema_editor):
    apps.get_model("objectives", "DataVersion").objects.get_or_create(pk=1)


def remove(apps, schema_editor):
    apps.get_model("objectives", "DataVersion").objects.filter(pk=1).delete()


class Migration(migrations.Migration):
    dependencies = [("objectives", "0004_data_version")]

    operations = [migrations.RunPython(create, remove)]
