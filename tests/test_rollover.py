import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from objectives.models import BoroughParticipation, CheckIn, KeyResult, Quarter, Status
from objectives.services import next_quarter_defaults, publish_quarter, record_check_in, roll_over

from .factories import CheckInFactory
from .helpers import text_of


@pytest.fixture
def q2_with_history(q2_plan):
    for number in (14, 17):
        CheckInFactory(
            key_result=KeyResult.objects.get(quarter=q2_plan, number=number), date="2021-12-01"
        )
    return q2_plan


def carry(q2, numbers):
    key_results = KeyResult.objects.for_quarter(q2).with_progress().filter(number__in=numbers)
    return roll_over(key_results=key_results, **next_quarter_defaults(q2))


def test_next_quarter_runs_three_months_from_the_day_after(q2_plan):
    assert next_quarter_defaults(q2_plan) == {
        "year": 3,
        "number": 3,
        "slug": "y3-q3",
        "start_date": datetime.date(2022, 1, 16),
        "end_date": datetime.date(2022, 4, 15),
    }


def test_roll_over_carries_key_results_with_their_boroughs_partners_and_links(q2_with_history):
    into, carried = carry(q2_with_history, [14, 17])
    assert (str(into), into.slug) == ("Year 3 Q3", "y3-q3")
    assert [kr.number for kr in carried] == [1, 2]
    kr17_next = carried[1]
    original = KeyResult.objects.get(quarter=q2_with_history, number=17)
    assert kr17_next.carried_over_from == original
    assert kr17_next.title == original.title
    assert kr17_next.workstream == original.workstream
    assert set(kr17_next.boroughs.all()) == set(original.boroughs.all())
    assert len(kr17_next.boroughs.all()) == 12
    assert {(i.partner.slug, i.role) for i in kr17_next.involvements.all()} == {
        ("futuregov", "discovery partner"),
        ("gla", "funder"),
    }
    assert [link.label for link in kr17_next.links.all()] == ["View the project page"]
    assert kr17_next.starting_status == Status.ON_TRACK  # where the original stood
    assert not kr17_next.check_ins.exists()


def test_roll_over_loses_nothing_from_the_source_quarter(q2_with_history):
    def snapshot():
        return (
            KeyResult.objects.filter(quarter=q2_with_history).count(),
            CheckIn.objects.filter(key_result__quarter=q2_with_history).count(),
            BoroughParticipation.objects.filter(key_result__quarter=q2_with_history).count(),
            list(KeyResult.objects.filter(quarter=q2_with_history).values_list("title", flat=True)),
        )

    before = snapshot()
    carry(q2_with_history, [14, 17])
    assert snapshot() == before


def test_lineage_reads_both_ways_and_shows_on_the_pages(client, q2_with_history):
    q3, (kr14_next, _) = carry(q2_with_history, [14, 17])
    original = KeyResult.objects.get(quarter=q2_with_history, number=14)
    # While Year 3 Q3 is a draft, readers see no trace of it.
    assert "Year 3 Q3" not in text_of(client.get(original.get_absolute_url()))
    assert "Carried over to" not in text_of(client.get("/quarters/y3-q2/key-results/"))
    publish_quarter(q3)
    assert original.lineage() == [original, kr14_next]
    assert kr14_next.lineage() == [original, kr14_next]
    page = text_of(client.get(kr14_next.get_absolute_url()))
    assert "continues Year 3 Q2 KR 14" in page
    assert "Carried over to Year 3 Q3 KR 1" in text_of(client.get("/quarters/y3-q2/key-results/"))
    assert "Year 3 Q3 KR 1" in text_of(client.get(original.get_absolute_url()))


def test_a_finished_or_already_carried_key_result_is_refused(q2_plan):
    done = KeyResult.objects.get(quarter=q2_plan, number=1)
    record_check_in(key_result=done, status=Status.COMPLETE, progress=100, note="Moved on.")
    with pytest.raises(ValidationError, match="is complete"):
        carry(q2_plan, [1])
    carry(q2_plan, [2])
    with pytest.raises(ValidationError, match="already been carried over"):
        roll_over(
            key_results=KeyResult.objects.filter(quarter=q2_plan, number=2),
            into=Quarter.objects.get(slug="y3-q3"),
        )
    assert KeyResult.objects.filter(quarter__slug="y3-q3").count() == 1


def test_roll_over_command(q2_plan, capsys):
    call_command("roll_over", "y3-q2", "--key-results", "20,21")
    assert "Carried 2 key results into Year 3 Q3" in capsys.readouterr().out
    assert list(
        KeyResult.objects.filter(quarter__slug="y3-q3").values_list("title", flat=True)
    ) == [
        "Complete discovery into improving use of Social Value",
        "Complete discovery into making better use of Social Tariffs",
    ]
    with pytest.raises(CommandError, match="no key result numbered 99"):
        call_command("roll_over", "y3-q2", "--key-results", "99")


def test_roll_over_command_dry_run_writes_nothing(q2_plan, capsys):
    call_command("roll_over", "y3-q2", "--dry-run")
    assert "Would carry 25 key results" in capsys.readouterr().out
    assert not Quarter.objects.filter(slug="y3-q3").exists()


def test_admin_roll_over_form(client, staff_user, q2_plan):
    client.force_login(staff_user)
    url = f"/admin/objectives/quarter/{q2_plan.pk}/roll-over/"
    form = client.get(url)
    assert form.status_code == 200
    assert form.context["form"].initial["slug"] == "y3-q3"
    kr = KeyResult.objects.get(quarter=q2_plan, number=5)
    response = client.post(
        url,
        {
            "key_results": [kr.pk],
            "year": 3,
            "number": 3,
            "slug": "y3-q3",
            "start_date": "2022-01-16",
            "end_date": "2022-04-15",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/quarters/y3-q3/"
    assert KeyResult.objects.get(quarter__slug="y3-q3").carried_over_from == kr


def test_admin_roll_over_refuses_dates_before_the_source_ends(client, staff_user, q2_plan):
    client.force_login(staff_user)
    kr = KeyResult.objects.get(quarter=q2_plan, number=5)
    response = client.post(
        f"/admin/objectives/quarter/{q2_plan.pk}/roll-over/",
        {
            "key_results": [kr.pk],
            "year": 3,
            "number": 3,
            "slug": "y3-q3",
            "start_date": "2022-01-01",
            "end_date": "2021-12-01",
        },
    )
    assert response.status_code == 200
    assert "The end date must be after the start date" in response.content.decode()
    assert not Quarter.objects.filter(slug="y3-q3").exists()


def test_admin_action_leads_to_the_roll_over_form(client, staff_user, q2_plan):
    client.force_login(staff_user)
    response = client.post(
        "/admin/objectives/quarter/",
        {"action": "roll_over_action", "_selected_action": [q2_plan.pk]},
    )
    assert response["Location"] == f"/admin/objectives/quarter/{q2_plan.pk}/roll-over/"


def test_a_carried_key_result_starts_from_where_its_original_ended(client, q2_plan):
    original = KeyResult.objects.get(quarter=q2_plan, number=14)
    record_check_in(key_result=original, status=Status.AT_RISK, progress=40, note="Halfway, slowly")
    q3, (carried,) = carry(q2_plan, [14])
    publish_quarter(q3)
    carried = KeyResult.objects.with_progress().get(pk=carried.pk)
    assert (carried.status, carried.progress) == (Status.AT_RISK, 40)
    assert not carried.check_ins.exists()  # no check-in is invented
    page = text_of(client.get(carried.get_absolute_url()))
    assert "No check-in yet: it starts where Year 3 Q2 KR 14 ended, at risk at 40%" in page
    assert "40%" in text_of(client.get(f"/quarters/{q3.slug}/key-results/"))
    # The first check-in takes over, and a change from the starting point needs its note.
    record_check_in(key_result=carried, status=Status.AT_RISK, progress=40)
    assert KeyResult.objects.with_progress().get(pk=carried.pk).progress == 40
