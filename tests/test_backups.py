"""Backups: every row back, whatever the rows hold; a failed backup never replaces a good one."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from objectives.models import KeyResult, Quarter
from objectives.services import record_check_in


def everything():
    """Every row of every model the backup covers, as comparable values."""
    from django.apps import apps

    rows = {}
    for model in apps.get_models():
        label = model._meta.label
        if (
            model._meta.app_label in {"contenttypes", "sessions", "axes"}
            or label == "auth.Permission"
            or label == "objectives.DataVersion"  # the page cache's write counter; restoring
        ):  # is a write, so it moves on
            continue
        rows[label] = sorted(map(repr, model.objects.order_by("pk").values_list()))
    return rows


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_restored_into_an_empty_database_gives_back_every_row(tmp_path, role_users):
    call_command("load_plan", verbosity=0)
    staff = role_users["staff"]
    kr = KeyResult.objects.get(quarter__slug="y3-q2", number=14)
    record_check_in(
        key_result=kr,
        status="at_risk",
        progress=30,
        note="Stalled",
        recorded_by=staff,
        is_internal=True,
        evidence_url="https://example.org/e",
    )
    kr.title = "Edited title"
    kr.save()
    before = everything()
    assert before["objectives.CheckIn"]
    assert before["objectives.HistoricalKeyResult"]
    path = tmp_path / "backup.json.gz"
    call_command("backup", str(path))
    call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)  # an empty database: only what migrations create
    assert not KeyResult.objects.exists()
    call_command("restore", str(path))
    assert everything() == before


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backups_work_whatever_was_deleted_and_restore_every_row(tmp_path):
    """History rows keep pointing at what was deleted: a key result without check-ins, a
    person who posted and was removed. Backing up must not trip on them."""
    call_command("load_plan", verbosity=0)
    from django.contrib.auth import get_user_model

    from objectives.services import post_borough_update

    from .factories import BoroughLinkFactory, KeyResultFactory, UserFactory

    doomed = KeyResultFactory(quarter=Quarter.objects.get(slug="y3-q2"), number=99)
    doomed.title = "Renamed before it went"
    doomed.save()
    doomed.delete()
    leaver = UserFactory(username="leaver")
    link = BoroughLinkFactory(user=leaver)
    kr17 = KeyResult.objects.get(quarter__slug="y3-q2", number=17)
    update = post_borough_update(
        key_result=kr17, author=leaver, borough=link.borough, text="Before I left"
    )
    update.delete()  # an update removed by hand, then its author
    get_user_model().objects.filter(pk=leaver.pk).delete()
    before = everything()
    path = tmp_path / "backup.json"
    back_up_empty_and_restore(path)
    assert everything() == before


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    from django.core.management import CommandError

    call_command("load_plan", verbosity=0)
    path = tmp_path / "backup.json"
    call_command("backup", str(path))
    with pytest.raises(CommandError, match="already holds quarters"):
        call_command("restore", str(path))


def back_up_empty_and_restore(path):
    """Back up to `path`, empty the database as a new one is (only what migrations make), and
    restore."""
    call_command("backup", str(path))
    call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    call_command("restore", str(path))


def odd_text():
    """What older versions let in, or any door might: control characters, an emoji, spaces at
    either end (Django's XML dropped them); a NUL too where the database can hold one."""
    text = "  abc\x01def\x1b[31m\tend 🎉\r\n  "
    return text + ("\x00" if connection.vendor == "sqlite" else "")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_database_holding_odd_characters_backs_up_and_restores_row_for_row(tmp_path):
    call_command("load_plan", verbosity=0)
    KeyResult.objects.filter(number=3).update(title=odd_text(), description=odd_text())
    before = everything()
    path = tmp_path / "backup.json.gz"
    back_up_empty_and_restore(path)
    assert everything() == before
    assert KeyResult.objects.get(number=3).title == odd_text()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif("connection.vendor != 'sqlite'", reason="bytes that are not UTF-8: SQLite")
def test_a_backup_that_fails_leaves_the_previous_one_as_it_was(tmp_path):
    call_command("load_plan", verbosity=0)
    path = tmp_path / "backup.json.gz"
    call_command("backup", str(path))
    good = path.read_bytes()
    with connection.cursor() as cursor:  # a row no program can read as text
        cursor.execute("UPDATE objectives_keyresult SET title = CAST(x'ff00fe' AS TEXT)")
    with pytest.raises(CommandError, match=r"backup\.json\.gz was left as it was"):
        call_command("backup", str(path))
    assert path.read_bytes() == good
    assert [p.name for p in tmp_path.iterdir()] == ["backup.json.gz"]  # no partial file left


def test_a_backup_must_be_named_as_json(db, tmp_path):
    with pytest.raises(CommandError, match=r"Name the backup \.json"):
        call_command("backup", str(tmp_path / "backup.xml.gz"))
    with pytest.raises(CommandError, match="no folder"):
        call_command("backup", str(tmp_path / "missing" / "backup.json"))


def test_a_backup_says_how_many_rows_it_read_back(q2_plan, tmp_path, capsys):
    call_command("backup", str(tmp_path / "backup.json"))
    assert "rows to" in capsys.readouterr().out
    assert Path(tmp_path / "backup.json").read_text().startswith("[")
