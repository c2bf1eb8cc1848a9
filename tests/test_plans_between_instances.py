"""A plan exported here imports into a fresh instance (migrated, nothing loaded) and, once
published, gives the same key results, workstreams, boroughs, partners, owners and links."""

import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection

from objectives.models import KeyResult, Quarter
from objectives.services import create_key_result
from partners.models import Partner
from workstreams.models import Workstream


def become_a_fresh_instance():
    """Empty, then migrated from nothing: the boroughs and roles migrations make, no more."""
    call_command("flush", interactive=False, verbosity=0)
    for app in ["accounts", "objectives", "partners", "workstreams", "boroughs"]:
        call_command("migrate", app, "zero", verbosity=0)
    call_command("migrate", verbosity=0)


def what_readers_see(slug):
    key_results = (
        KeyResult.objects.filter(quarter__slug=slug)
        .select_related("workstream")
        .prefetch_related("participations__borough", "involvements__partner", "links", "owners")
        .order_by("number")
    )
    return [
        (
            kr.number,
            kr.title,
            kr.description,
            kr.starting_status,
            kr.open_to_all_boroughs,
            kr.named_people,
            kr.dependencies,
            (kr.workstream.name, kr.workstream.description),
            sorted((p.borough.short_name, p.role) for p in kr.participations.all()),
            sorted(
                (i.partner.name, i.partner.acronym, i.partner.kind, i.role)
                for i in kr.involvements.all()
            ),
            [(link.label, link.url) for link in kr.links.all()],
            sorted(owner.email for owner in kr.owners.all()),
        )
        for kr in key_results
    ]


def extend_the_plan():
    """What staff add: a new workstream, a new partner, an owner."""
    # Rows put back by an earlier test's serialized rollback leave PostgreSQL's sequences behind.
    models = apps.get_models()
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)
    q2 = Quarter.objects.get(slug="y3-q2")
    workstream = Workstream.objects.create(
        name="Cyber Resilience", slug="cyber", position=99, description="Keeping services up."
    )
    partner = Partner.objects.create(name="Cyber Trust", slug="cyber-trust", acronym="CT")
    owner = get_user_model().objects.create(username="ada", email="ada@example.org")
    create_key_result(
        quarter=q2,
        workstream=workstream,
        number=26,
        title="Run a joint exercise",
        partners=[(partner, "exercise lead")],
        links=[("Exercise plan", "https://example.org/plan")],
        owners=[owner],
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("file_format", ["yaml", "csv"])
def test_an_exported_plan_imports_into_a_fresh_instance_as_it_was(tmp_path, file_format):
    call_command("load_plan", verbosity=0)
    extend_the_plan()
    before = what_readers_see("y3-q2")
    path = tmp_path / f"plan.{file_format}"
    call_command("export_plan", "y3-q2", format=file_format, output=str(path), stderr=io.StringIO())
    become_a_fresh_instance()
    assert not Workstream.objects.exists()
    assert not Partner.objects.exists()
    get_user_model().objects.create(username="ada", email="ada@example.org")  # invited first
    call_command("import_plan", str(path), stdout=io.StringIO())
    call_command("publish_quarter", "y3-q2", stdout=io.StringIO())
    assert what_readers_see("y3-q2") == before


def test_an_exported_plan_imports_again_where_its_workstreams_and_partners_are(q2_plan, tmp_path):
    """Exported from here and imported here under another slug: nothing is created twice."""
    path = tmp_path / "plan.yaml"
    call_command("export_plan", "y3-q2", output=str(path), stderr=io.StringIO())
    text = path.read_text().replace("slug: y3-q2", "slug: y9-q2").replace("year: 3", "year: 9")
    text = text.replace("2021-", "2029-").replace("2022-", "2030-")
    path.write_text(text)
    workstreams, partners = Workstream.objects.count(), Partner.objects.count()
    call_command("import_plan", str(path), stdout=io.StringIO())
    assert Quarter.objects.get(slug="y9-q2").key_results.count() == 25
    assert (Workstream.objects.count(), Partner.objects.count()) == (workstreams, partners)


def test_the_exported_csv_starts_with_a_byte_order_mark_for_excel(q2_plan, tmp_path):
    path = tmp_path / "plan.csv"
    call_command("export_plan", "y3-q2", format="csv", output=str(path), stderr=io.StringIO())
    assert path.read_bytes().startswith("\ufeff".encode())
    assert "Launch LOTI Women Digital Leaders’ Network" in path.read_text(encoding="utf-8-sig")
