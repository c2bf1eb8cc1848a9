"""A quarter with no check-ins and no borough updates can be removed whole (a plan imported by
mistake), after a confirmation naming what goes; once anything is recorded on it, it stays."""

import io

import pytest
from django.core.management import CommandError, call_command

from objectives.models import BoroughParticipation, KeyResult, Quarter
from objectives.services import next_quarter_defaults, record_check_in, roll_over

from .factories import (
    BoroughParticipationFactory,
    BoroughUpdateFactory,
    KeyResultFactory,
    KeyResultLinkFactory,
    QuarterFactory,
)
from .helpers import text_of


@pytest.fixture
def mistaken(db):
    """A draft imported by mistake: two key results, one naming a borough and with a link."""
    quarter = QuarterFactory(slug="y8-q1", published_at=None)
    first = KeyResultFactory(quarter=quarter, number=1)
    KeyResultFactory(quarter=quarter, number=2)
    BoroughParticipationFactory(key_result=first)
    KeyResultLinkFactory(key_result=first)
    return quarter


def test_the_admin_names_what_goes_then_removes_the_quarter_whole(client_as, mistaken):
    client = client_as("staff")
    data = {"action": "remove_action", "_selected_action": [mistaken.pk]}
    asked = text_of(client.post("/admin/objectives/quarter/", data))
    assert f"Remove {mistaken} whole?" in asked
    for words in ("2 key results", "1 borough parts", "0 partner parts", "1 links"):
        assert words in asked
    assert Quarter.objects.filter(pk=mistaken.pk).exists()
    done = client.post("/admin/objectives/quarter/", {**data, "confirm": "yes"}, follow=True)
    assert f"Removed {mistaken}" in text_of(done)
    assert not Quarter.objects.filter(pk=mistaken.pk).exists()
    assert not KeyResult.objects.filter(quarter_id=mistaken.pk).exists()
    assert not BoroughParticipation.objects.filter(key_result__quarter_id=mistaken.pk).exists()
    assert Quarter.history.filter(id=mistaken.pk, history_type="-").exists()  # kept on record


def test_the_command_asks_for_the_slug_unless_told_yes(mistaken, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="Nothing removed"):
        call_command("remove_quarter", "y8-q1")
    out = io.StringIO()
    call_command("remove_quarter", "y8-q1", "--yes", stdout=out)
    assert "Removed Year" in out.getvalue()
    assert not Quarter.objects.filter(slug="y8-q1").exists()


def test_a_quarter_on_the_record_is_protected(client_as, mistaken):
    kr = mistaken.key_results.get(number=1)
    record_check_in(
        key_result=kr, status="on_track", progress=5, note="Started", date=mistaken.start_date
    )
    response = client_as("staff").post(
        "/admin/objectives/quarter/",
        {"action": "remove_action", "_selected_action": [mistaken.pk], "confirm": "yes"},
        follow=True,
    )
    assert "has check-ins: it is on the record and cannot be removed" in text_of(response)
    with pytest.raises(CommandError, match="has check-ins"):
        call_command("remove_quarter", "y8-q1", "--yes")
    assert Quarter.objects.filter(pk=mistaken.pk).exists()


def test_borough_updates_protect_it_too(mistaken):
    BoroughUpdateFactory(key_result=mistaken.key_results.get(number=1))
    with pytest.raises(CommandError, match="has borough updates"):
        call_command("remove_quarter", "y8-q1", "--yes")


def test_a_quarter_continued_by_a_later_one_stays_until_the_later_one_goes(q2_plan):
    q3, _ = roll_over(
        key_results=[KeyResult.objects.get(quarter=q2_plan, number=14)],
        **next_quarter_defaults(q2_plan),
    )
    with pytest.raises(CommandError, match="Year 3 Q3 KR 1 continues one of its key results"):
        call_command("remove_quarter", "y3-q2", "--yes")
    call_command("remove_quarter", q3.slug, "--yes", stdout=io.StringIO())  # the draft may go
    assert not Quarter.objects.filter(slug=q3.slug).exists()
    original = KeyResult.objects.get(quarter=q2_plan, number=14)
    assert not hasattr(original, "carried_over_to")  # free to be carried again
