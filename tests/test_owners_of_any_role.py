"""Anyone who owns a key result finds it: "My key results" in the navigation with how many are
due, on every page (cached ones too), for an officer as for anyone; My borough marks the ones
an officer owns and offers the check-in there."""

import datetime

from django.test import Client
from django.utils import timezone

from objectives.models import KeyResult

from .helpers import text_of


def test_an_officer_who_owns_a_key_result_gets_my_key_results_with_what_is_due(
    client_as, q2_plan, role_users, settings
):
    officer = client_as("officer")
    assert "My key results" not in text_of(officer.get("/quarters/y3-q2/"))  # owns nothing
    KeyResult.objects.get(quarter=q2_plan, number=17).owners.add(role_users["officer"])
    for _ in range(2):  # rendered, then from the page cache
        page = text_of(officer.get("/quarters/y3-q2/"))
        assert "My borough" in page
        assert "My key results" in page
    assert officer.get("/my-key-results/").status_code == 200


def test_the_count_of_what_is_due_is_each_persons_own_on_a_shared_page(
    client_as, q2_plan, role_users
):
    q2_plan.start_date = timezone.localdate() - datetime.timedelta(days=30)
    q2_plan.end_date = timezone.localdate() + datetime.timedelta(days=60)
    q2_plan.save()
    KeyResult.objects.get(quarter=q2_plan, number=17).owners.add(role_users["manager"])
    manager = client_as("manager")
    assert "My key results (1 due)" in text_of(manager.get("/quarters/y3-q2/"))
    other = Client()
    other.force_login(role_users["staff"])
    staff_page = other.get("/quarters/y3-q2/")
    assert "My key results (1 due)" not in text_of(staff_page)
    assert "My key results" in text_of(staff_page)


def test_my_borough_marks_what_the_officer_owns_and_offers_the_check_in(
    client_as, q2_plan, role_users
):
    KeyResult.objects.get(quarter=q2_plan, number=17).owners.add(role_users["officer"])
    page = client_as("officer").get("/my-borough/?quarter=y3-q2").content.decode()
    assert page.count("You own it") == 1
    assert "/quarters/y3-q2/key-results/17/check-ins/new/?next=/my-borough/" in page
