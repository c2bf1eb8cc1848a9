"""Cheap site-wide guards."""

import pytest
from django.core.management import call_command

from objectives.models import KeyResult, Quarter

pytestmark = pytest.mark.django_db


def test_no_model_change_is_missing_a_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_load_plan_loads_once_and_never_overwrites_edits(capsys):
    call_command("load_plan")
    kr = KeyResult.objects.get(quarter__slug="y3-q2", number=1)
    kr.title = "Edited by staff"
    kr.save()
    call_command("load_plan")
    assert "already loaded" in capsys.readouterr().out
    kr.refresh_from_db()
    assert kr.title == "Edited by staff"
    assert Quarter.objects.count() == 1
    assert KeyResult.objects.count() == 25
