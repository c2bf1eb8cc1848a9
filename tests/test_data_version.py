"""The page cache's data version: bumped once per write transaction, after it commits, so a long
write never makes another person's write wait on the version row, and the cache is never stale."""

import threading

import pytest
from django.core.management import call_command
from django.db import connection, connections, transaction

from accounts.models import BoroughLink
from boroughs.models import Borough
from objectives.models import DataVersion, KeyResult
from objectives.services import post_borough_update, record_check_in

from .factories import UserFactory


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_long_write_does_not_make_an_officers_post_wait():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite allows one writer at a time; this needs PostgreSQL (CI runs it)")
    call_command("load_plan", verbosity=0)
    kr1, kr17 = KeyResult.objects.filter(quarter__slug="y3-q2", number__in=[1, 17]).order_by(
        "number"
    )
    officer = UserFactory(username="camden", groups=["Borough officers"])
    camden = Borough.objects.get(slug="camden")
    BoroughLink.objects.create(user=officer, borough=camden)
    before = DataVersion.current()
    long_write_has_written, officer_done = threading.Event(), threading.Event()
    outcome = {}

    def long_write():
        try:
            with transaction.atomic():
                record_check_in(key_result=kr1, status="on_track", progress=40, note="Moved on.")
                long_write_has_written.set()
                # An import still running: it holds its transaction open a while.
                outcome["officer_finished_first"] = officer_done.wait(timeout=10)
        finally:
            connections.close_all()

    def officer_posts():
        try:
            long_write_has_written.wait(timeout=10)
            with connection.cursor() as cursor:
                cursor.execute("SET lock_timeout = '3s'")
            post_borough_update(key_result=kr17, author=officer, borough=camden, text="Done")
            officer_done.set()
        except Exception as error:
            outcome["officer_error"] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=long_write), threading.Thread(target=officer_posts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert "officer_error" not in outcome, outcome.get("officer_error")
    assert outcome["officer_finished_first"]
    assert DataVersion.current() == before + 2  # one bump after each commit


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_one_bump_per_transaction_after_commit_and_none_after_rollback():
    call_command("load_plan", verbosity=0)
    kr = KeyResult.objects.get(quarter__slug="y3-q2", number=17)
    before = DataVersion.current()
    with transaction.atomic():
        for progress in (10, 20, 30):
            record_check_in(key_result=kr, status="on_track", progress=progress, note="Moved on.")
        assert DataVersion.current() == before  # not until it commits
    assert DataVersion.current() == before + 1

    def changed_my_mind():
        with transaction.atomic():
            record_check_in(key_result=kr, status="on_track", progress=40, note="Moved on.")
            raise RuntimeError("changed my mind")

    with pytest.raises(RuntimeError):
        changed_my_mind()
    assert DataVersion.current() == before + 1
    record_check_in(key_result=kr, status="on_track", progress=50, note="Moved on.")
    assert DataVersion.current() == before + 2
