"""Load the 33 London local authorities, so that `migrate` alone gives every one of them."""

import csv
from pathlib import Path

from django.db import migrations
from django.utils.text import slugify

AUTHORITIES_CSV = Path(__file__).resolve().parent.parent / "data" / "london_authorities.csv"


def load_authorities(apps, schema_editor):
    Borough = apps.get_model("boroughs", "Borough")
    with AUTHORITIES_CSV.open(encoding="utf-8", newline="") as csv_file:
        for row in csv.DictReader(csv_file):
            Borough.objects.update_or_create(
                gss_code=row["gss_code"],
                defaults={
                    "official_name": row["official_name"],
                    "short_name": row["short_name"],
                    "slug": slugify(row["short_name"]),
                    "abbreviations": row["common_abbreviations"],
                    "area": row["inner_or_outer"],
                    "grid_row": int(row["grid_row"]),
                    "grid_col": int(row["grid_col"]),
                    "tile_label": row["london_squared_code"],
                },
            )


def remove_authorities(apps, schema_editor):
    apps.get_model("boroughs", "Borough").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("boroughs", "0001_initial")]

    operations = [migrations.RunPython(load_authorities, remove_authorities)]
