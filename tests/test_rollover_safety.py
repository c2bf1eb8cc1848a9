"""Roll-over never touches a published quarter, never carries one key result twice into a
quarter, starts from what the review says, and leaves the review telling the truth."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from objectives.models import KeyResult, KeyResultOutcome, Outcome, Quarter
from objectives.services import next_quarter_defaults, publish_quarter, roll_over, save_review

from .helpers import text_of


def carry(q2, numbers, into=None):
    key_results = KeyResult.objects.for_quarter(q2).with_progress().filter(number__in=numbers)
    return roll_over(key_results=key_results, into=into, **next_quarter_defaults(q2))


@pytest.fixture
def published_q3(q2_plan):
    q3, _ = carry(q2_plan, [5])
    return publish_quarter(q3)


def roll_over_post(q2_plan, numbers):
    return {
        "key_results": [
            kr.pk for kr in KeyResult.objects.filter(quarter=q2_plan, number__in=numbers)
        ],
        **{k: str(v) for k, v in next_quarter_defaults(q2_plan).items()},
    }


def test_rolling_over_into_a_published_quarter_is_refused_everywhere(
    client_as, q2_plan, published_q3
):
    held = list(published_q3.key_results.values_list("pk", flat=True))
    with pytest.raises(ValidationError, match="Year 3 Q3 is published"):
        carry(q2_plan, [6], into=published_q3)
    with pytest.raises(CommandError, match="is published"):
        call_command("roll_over", "y3-q2", key_results="6", into="y3-q3")
    with pytest.raises(CommandError, match="is published"):
        call_command("roll_over", "y3-q2", key_results="6", into="y3-q3", dry_run=True)
    url = f"/admin/objectives/quarter/{q2_plan.pk}/roll-over/"
    response = client_as("staff").post(url, roll_over_post(q2_plan, [6]))
    assert response.status_code == 200
    assert "Year 3 Q3 is published, so roll-over cannot add to it" in text_of(response)
    assert list(published_q3.key_results.values_list("pk", flat=True)) == held


def test_a_key_result_already_carried_into_a_quarter_is_never_carried_twice(q2_plan):
    _q3, [kr5_next] = carry(q2_plan, [5])
    q4, [_kr5_after] = roll_over(
        key_results=[kr5_next],
        year=3,
        number=4,
        slug="y3-q4",
        start_date="2022-04-16",
        end_date="2022-07-15",
    )
    kr5 = KeyResult.objects.get(quarter=q2_plan, number=5)
    with pytest.raises(ValidationError, match="already"):
        roll_over(key_results=[kr5], into=q4)
    assert q4.key_results.count() == 1


def test_ticks_start_from_the_review(client_as, q2_plan):
    outcomes = {1: Outcome.ACHIEVED, 2: Outcome.DROPPED, 3: Outcome.NOT_ACHIEVED}
    for number, outcome in outcomes.items():
        KeyResultOutcome.objects.create(
            key_result=KeyResult.objects.get(quarter=q2_plan, number=number),
            outcome=outcome,
            score="0.5",
        )
    response = client_as("staff").get(f"/admin/objectives/quarter/{q2_plan.pk}/roll-over/")
    ticked = {kr.number for kr in response.context["form"].initial["key_results"]}
    assert 1 not in ticked
    assert 2 not in ticked
    assert 3 in ticked
    assert 4 in ticked
    call_command("roll_over", "y3-q2")
    carried = {
        kr.carried_over_from.number for kr in Quarter.objects.get(slug="y3-q3").key_results.all()
    }
    assert carried == ticked


def test_a_published_review_tells_the_truth_after_a_roll_over(client, client_as, q2_plan):
    save_review(
        q2_plan,
        outcomes={
            kr.pk: (Outcome.NOT_ACHIEVED, "0.2", "")
            for kr in KeyResult.objects.filter(quarter=q2_plan)
        },
        retrospective={},
        publish=True,
    )
    url = f"/admin/objectives/quarter/{q2_plan.pk}/roll-over/"
    done = client_as("staff").post(url, roll_over_post(q2_plan, [3, 4]), follow=True)
    assert "The review's outcome of Year 3 Q2 KR 3 is now Carried over (it said Not achieved)" in (
        text_of(done)
    )
    kr3 = KeyResult.objects.get(quarter=q2_plan, number=3)
    assert kr3.outcome.outcome == Outcome.CARRIED_OVER
    assert kr3.outcome.history.count() == 2  # what it said before is kept
    client.logout()
    review = text_of(client.get("/quarters/y3-q2/review/"))
    assert "2 carried" in review


def test_an_outcome_that_contradicts_how_the_key_result_ended_asks_for_confirmation(
    client_as, q2_plan
):
    kr = KeyResult.objects.for_quarter(q2_plan).with_progress().get(number=3)
    assert kr.progress < 100
    assert kr.status != "complete"
    url = f"/admin/objectives/quarter/{q2_plan.pk}/review/"
    data = {f"kr-{kr.pk}-outcome": "achieved", f"kr-{kr.pk}-score": "1.0", "save": "yes"}
    staff = client_as("staff")
    asked = staff.post(url, data)
    assert asked.status_code == 400  # the page again, with what to fix
    assert f"Achieved, but {kr.reference} ended {kr.status.label} at {kr.progress}%" in text_of(
        asked
    )
    assert not KeyResultOutcome.objects.exists()
    confirmed = staff.post(url, {**data, f"kr-{kr.pk}-confirm": "on"})
    assert confirmed.status_code == 302
    assert KeyResultOutcome.objects.get().outcome == Outcome.ACHIEVED
