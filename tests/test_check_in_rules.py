"""A check-in's date lies within its quarter and not after today; Complete means 100% and Not
started 0%; a change of status or progress says why in a note; a check-in recorded in error is
voided, never edited: it stays in the record and leaves every figure."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from objectives.models import CheckIn, KeyResult, Status
from objectives.services import record_check_in, void_check_in

from .factories import KeyResultFactory, QuarterFactory
from .helpers import text_of


@pytest.fixture
def kr14(q2_plan):
    return KeyResult.objects.get(quarter=q2_plan, number=14)


def refused(**fields):
    with pytest.raises(ValidationError) as error:
        record_check_in(**fields, note="Moved on.")
    return error.value.message_dict


def test_a_date_after_the_quarter_is_refused_and_cannot_freeze_the_key_result(kr14):
    problems = refused(
        key_result=kr14, status="on_track", progress=10, date=datetime.date(2201, 12, 1)
    )
    assert problems["date"] == [
        "Enter a date within Year 3 Q2, from 16 October 2021 to 15 January 2022"
    ]
    record_check_in(
        key_result=kr14,
        status="on_track",
        progress=20,
        date=datetime.date(2021, 12, 1),
        note="Moved on.",
    )
    assert KeyResult.objects.with_progress().get(pk=kr14.pk).progress == 20


def test_a_date_before_the_quarter_is_refused(kr14):
    problems = refused(
        key_result=kr14, status="on_track", progress=10, date=datetime.date(2021, 10, 15)
    )
    assert "date" in problems


def test_a_date_after_today_is_refused_while_the_quarter_runs(no_plan):
    today = timezone.localdate()
    quarter = QuarterFactory(
        start_date=today - datetime.timedelta(days=30), end_date=today + datetime.timedelta(60)
    )
    kr = KeyResultFactory(quarter=quarter)
    problems = refused(
        key_result=kr, status="on_track", progress=5, date=today + datetime.timedelta(days=1)
    )
    assert problems["date"] == ["The date must be today or in the past"]
    assert (
        record_check_in(key_result=kr, status="on_track", progress=5, note="Moved on.").date
        == today
    )


def test_the_date_defaults_to_the_earlier_of_today_and_the_quarters_end(kr14):
    check_in = record_check_in(key_result=kr14, status="on_track", progress=10, note="Moved on.")
    assert check_in.date == datetime.date(2022, 1, 15)


@pytest.mark.parametrize(
    ("status", "progress", "message"),
    [
        ("complete", 90, "A complete key result is at 100%: enter 100, or choose another status"),
        ("not_started", 10, "A key result not started is at 0%: enter 0, or choose another status"),
    ],
)
def test_status_and_progress_must_agree(kr14, status, progress, message):
    assert refused(key_result=kr14, status=status, progress=progress)["progress"] == [message]
    assert not CheckIn.objects.exists()


def test_the_database_refuses_a_complete_check_in_below_100(kr14):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        CheckIn.objects.create(key_result=kr14, status="complete", progress=50)


@pytest.fixture
def mistyped(kr14, role_users):
    record_check_in(
        key_result=kr14,
        status="on_track",
        progress=30,
        date=datetime.date(2021, 11, 1),
        note="Moved on.",
    )
    wrong = record_check_in(
        key_result=kr14,
        status="off_track",
        progress=3,
        date=datetime.date(2021, 11, 20),
        note="Moved on.",
    )
    void_check_in(wrong, by=role_users["staff"], reason="Typed 3 for 30")
    return wrong


def test_a_voided_check_in_leaves_every_figure(client, kr14, mistyped):
    annotated = KeyResult.objects.with_progress().get(pk=kr14.pk)
    assert (annotated.status, annotated.progress) == (Status.ON_TRACK, 30)
    assert (
        KeyResult.objects.with_progress(as_of=datetime.date(2021, 11, 25)).get(pk=kr14.pk).progress
        == 30
    )
    burn_up = dict(client.get("/quarters/y3-q2/").context["burn_up"].points)
    assert burn_up[datetime.date(2021, 11, 25)] == round(30 / 25)
    assert "Typed 3 for 30" not in text_of(client.get(kr14.get_absolute_url()))


def test_a_voided_check_in_stays_in_the_record_struck_through_for_staff(client_as, kr14, mistyped):
    page = client_as("staff").get(kr14.get_absolute_url()).content.decode()
    assert "<del" in page
    assert "Voided" in page
    assert "Typed 3 for 30" in page
    csv = client_as("staff").get("/quarters/y3-q2/check-ins.csv").content.decode()
    header, *rows = csv.lstrip("\ufeff").splitlines()
    assert "voided" in header.split(",")
    assert sum(1 for row in rows if ",yes," in row) == 1
    mistyped.refresh_from_db()
    assert (mistyped.status, mistyped.progress) == ("off_track", 3)  # never edited


def test_a_void_needs_a_reason_and_happens_once(kr14, mistyped, role_users):
    with pytest.raises(ValidationError):
        void_check_in(mistyped, by=role_users["staff"], reason="Again")
    other = record_check_in(key_result=kr14, status="on_track", progress=35, note="Moved on.")
    with pytest.raises(ValidationError):
        void_check_in(other, by=role_users["staff"], reason="  ")


def test_a_change_of_status_or_progress_needs_a_note_everywhere(client_as, kr14):
    with pytest.raises(ValidationError) as error:
        record_check_in(key_result=kr14, status="on_track", progress=10)
    assert error.value.message_dict["note"] == [
        "Enter a note saying what changed: a new status or progress needs one"
    ]
    site = client_as("staff").post(
        "/quarters/y3-q2/key-results/14/check-ins/new/",
        {"date": "2021-12-01", "status": "at_risk", "progress": "0", "note": "  "},
    )
    assert site.status_code == 400
    assert "Enter a note saying what changed" in text_of(site)
    admin = client_as("staff").post(
        "/admin/objectives/checkin/add/",
        {"key_result": kr14.pk, "date": "2021-12-01", "status": "on_track", "progress": 5},
    )
    assert "Enter a note saying what changed" in text_of(admin)
    assert not CheckIn.objects.exists()


def test_no_change_needs_no_note_and_clears_staleness(kr14):
    record_check_in(
        key_result=kr14, status="at_risk", progress=30, note="Slow", date=datetime.date(2021, 11, 1)
    )
    again = record_check_in(
        key_result=kr14, status="at_risk", progress=30, date=datetime.date(2021, 12, 1)
    )
    assert again.note == ""
    assert (
        not KeyResult.objects.with_progress()
        .get(pk=kr14.pk)
        .is_stale_on(datetime.date(2021, 12, 2), stale_after_days=14)
    )
