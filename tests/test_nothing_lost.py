import threading

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.db.models import ProtectedError

from objectives.forms import KeyResultAdminForm
from objectives.models import CheckIn, KeyResult, Quarter
from objectives.services import record_check_in

from .factories import CheckInFactory
from .helpers import inline_post_data, text_of


def test_second_of_two_simultaneous_edits_is_refused_and_keeps_what_was_typed(client_as, q2_plan):
    kr = KeyResult.objects.get(quarter=q2_plan, number=6)
    url = f"/admin/objectives/keyresult/{kr.pk}/change/"
    opened_by_a = inline_post_data(kr)  # A opens the form at version 1...
    opened_by_b = inline_post_data(kr)  # ...and so does B.
    opened_by_b["title"] = "B's title"
    client = client_as("staff")
    assert client.post(url, opened_by_b).status_code == 302  # B saves first.
    opened_by_a["title"] = "A's title"
    opened_by_a["description"] = "A typed a long careful description."
    response = client.post(url, opened_by_a)
    assert response.status_code == 200
    assert KeyResultAdminForm.CONFLICT in text_of(response)
    assert "A&#x27;s title" in response.content.decode()
    assert "A typed a long careful description." in response.content.decode()
    kr.refresh_from_db()
    assert kr.title == "B's title"  # B's save was not overwritten
    # Having seen the warning, A saves again on purpose: the form now carries the new version.
    opened_by_a["expected_version"] = response.context["adminform"].form.data["expected_version"]
    assert client.post(url, opened_by_a).status_code == 302
    kr.refresh_from_db()
    assert (kr.title, kr.version) == ("A's title", 3)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_check_ins_all_persist():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite allows one writer at a time; this race needs PostgreSQL (CI runs it)")
    call_command("load_plan", verbosity=0)
    kr = KeyResult.objects.get(quarter__slug="y3-q2", number=17)
    start = threading.Barrier(8)
    errors = []

    def check_in(progress):
        try:
            start.wait()
            record_check_in(
                key_result=kr, status="on_track", progress=progress, note=f"thread {progress}"
            )
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=check_in, args=(10 + n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(kr.check_ins.values_list("progress", flat=True)) == list(range(10, 18))


def test_a_key_result_with_check_ins_cannot_be_deleted(client_as, q2_plan):
    kr = KeyResult.objects.get(quarter=q2_plan, number=9)
    CheckInFactory(key_result=kr)
    with pytest.raises(ProtectedError):
        kr.delete()
    response = client_as("staff").post(
        f"/admin/objectives/keyresult/{kr.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 200
    assert "Cannot delete key result" in response.content.decode()
    assert KeyResult.objects.filter(pk=kr.pk).exists()


def test_a_quarter_with_key_results_cannot_be_deleted(client_as, q2_plan):
    with pytest.raises(ProtectedError):
        q2_plan.delete()
    client_as("staff").post(f"/admin/objectives/quarter/{q2_plan.pk}/delete/", {"post": "yes"})
    assert Quarter.objects.filter(pk=q2_plan.pk).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migrations_apply_from_empty_and_reverse_to_zero():
    for app in ["accounts", "objectives", "partners", "workstreams", "boroughs"]:
        call_command("migrate", app, "zero", verbosity=0)
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    assert not [t for t in tables if t.startswith(("objectives_", "boroughs_", "accounts_"))]
    call_command("migrate", verbosity=0)
    from django.contrib.auth.models import Group

    from boroughs.models import Borough

    assert Borough.objects.count() == 33
    assert set(Group.objects.values_list("name", flat=True)) == {
        "LOTI staff",
        "Managers",
        "Borough officers",
    }
    assert CheckIn.objects.count() == 0
