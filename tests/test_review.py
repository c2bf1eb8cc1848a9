"""Closing a quarter with a scored review: outcomes, scores and reflections for every key result
on one admin page, a retrospective, a draft until published, then a public review page and text."""

import pytest
from django.core.exceptions import ValidationError

from objectives.models import KeyResult, KeyResultOutcome, Outcome, QuarterReview
from objectives.services import next_quarter_defaults, publish_quarter, roll_over, save_review

from .helpers import sample_review, text_of


def review_post(q2_plan, *, publish=False, skip=(), overrides=None):
    overrides = overrides or {}
    data = {
        "retro-went_well": "Boroughs joined in.",
        "retro-went_badly": "Hiring was slow.",
        "retro-try_next": "Fewer key results.",
    }
    for kr in KeyResult.objects.filter(quarter=q2_plan):
        if kr.number in skip:
            continue
        outcome, score = overrides.get(kr.number, ("partly", "0.5"))
        data[f"kr-{kr.pk}-outcome"] = outcome
        data[f"kr-{kr.pk}-score"] = score
        data[f"kr-{kr.pk}-reflection"] = f"About KR {kr.number}"
        if kr.number in overrides:  # chosen on purpose, whatever the last check-in said
            data[f"kr-{kr.pk}-confirm"] = "on"
    data["publish" if publish else "save"] = "yes"
    return data


def test_staff_review_the_whole_quarter_on_one_page_as_a_draft_then_publish(
    client, client_as, q2_plan
):
    url = f"/admin/objectives/quarter/{q2_plan.pk}/review/"
    staff = client_as("staff")
    assert "KR 25:" in text_of(staff.get(url))
    saved = staff.post(url, review_post(q2_plan, overrides={1: ("achieved", "1.0")}), follow=True)
    assert "saved as a draft" in text_of(saved)
    assert KeyResultOutcome.objects.count() == 25
    client.logout()
    assert client.get("/quarters/y3-q2/review/").status_code == 404
    assert client.get("/quarters/y3-q2/review.txt").status_code == 404
    manager_page = text_of(client_as("manager").get("/quarters/y3-q2/review/"))
    assert "Not yet published" in manager_page
    client_as("staff").post(
        url, review_post(q2_plan, publish=True, overrides={1: ("achieved", "1.0")})
    )
    client.logout()
    page = text_of(client.get("/quarters/y3-q2/review/"))
    assert "What LOTI delivered in Year 3 Q2" in page
    assert (
        "Of the 25 key results planned, 1 achieved, 24 partly achieved and 0 not achieved" in page
    )
    assert "Average score: 0.52" in page  # (1.0 + 24 x 0.5) / 25
    assert "About KR 17" in page
    assert "Hiring was slow." in page
    assert "Not yet published" not in page


def test_publishing_needs_every_key_result_reviewed(client_as, q2_plan):
    url = f"/admin/objectives/quarter/{q2_plan.pk}/review/"
    response = client_as("staff").post(url, review_post(q2_plan, publish=True, skip=(3, 7)))
    assert response.status_code == 400
    assert "before publishing: KR 3, 7" in text_of(response)
    assert not QuarterReview.objects.filter(published_at__isnull=False).exists()


def test_a_rolled_over_key_result_is_carried_over_whatever_is_entered(client_as, q2_plan):
    roll_over(
        key_results=[KeyResult.objects.get(quarter=q2_plan, number=14)],
        **next_quarter_defaults(q2_plan),
    )
    url = f"/admin/objectives/quarter/{q2_plan.pk}/review/"
    client_as("staff").post(url, review_post(q2_plan, overrides={14: ("achieved", "0.8")}))
    outcome = KeyResultOutcome.objects.get(key_result__number=14, key_result__quarter=q2_plan)
    assert outcome.outcome == Outcome.CARRIED_OVER


@pytest.mark.parametrize("score", ["0.75", "1.1", "-0.1", "high"])
def test_scores_are_tenths_from_0_to_1(q2_plan, score):
    kr = KeyResult.objects.get(quarter=q2_plan, number=1)
    with pytest.raises((ValidationError, ArithmeticError)):
        save_review(q2_plan, outcomes={kr.pk: ("achieved", score, "")}, retrospective={})
    assert not KeyResultOutcome.objects.exists()


def test_a_published_review_can_be_corrected_and_the_history_keeps_it(client, q2_plan):
    sample_review(q2_plan)
    kr = KeyResult.objects.get(quarter=q2_plan, number=1)
    save_review(q2_plan, outcomes={kr.pk: ("partly", "0.6", "Corrected")}, retrospective={})
    assert "Corrected" in text_of(client.get("/quarters/y3-q2/review/"))
    versions = KeyResultOutcome.history.filter(key_result_id=kr.pk).order_by("history_date")
    assert [v.reflection for v in versions] == ["Launched with 40 women", "Corrected"]


def test_the_review_as_text_in_the_voice_of_the_plan(client, q2_plan):
    sample_review(q2_plan)
    text = client.get("/quarters/y3-q2/review.txt").content.decode()
    assert text.startswith("What LOTI delivered in Year 3 Q2\n")
    assert "Of the 25 key results we planned, 1 were achieved, 24 partly achieved" in text
    assert (
        "1 – Launch LOTI Women Digital Leaders’ Network – Achieved (0.9). Launched with 40" in text
    )
    assert "What went well\n\nBoroughs joined in." in text
    markdown = client.get("/quarters/y3-q2/review.md").content.decode()
    assert markdown.startswith("# What LOTI delivered in Year 3 Q2")
    assert "## Skills & Capability" in markdown


def test_the_quarter_list_shows_a_published_reviews_figures_and_the_reviewed_state(
    client, client_as, q2_plan
):
    sample_review(q2_plan, publish=False)
    assert "average score" not in text_of(client.get("/quarters/"))
    assert "average score 0.52 (draft)" in text_of(client_as("manager").get("/quarters/"))
    sample_review(q2_plan)
    client.logout()
    listing = text_of(client.get("/quarters/"))
    assert "1 achieved, 0 carried, average score 0.52" in listing  # (0.9 + 24 x 0.5) / 25
    assert "Reviewed" in listing.split("Year 3 Q2")[1][:40]


def test_exports_carry_outcomes_only_once_the_reader_may_read_the_review(
    client, client_as, q2_plan
):
    sample_review(q2_plan, publish=False)
    hidden = client.get("/quarters/y3-q2/key-results.json").json()["key_results"][0]
    assert (hidden["outcome"], hidden["score"], hidden["reflection"]) == (None, None, "")
    draft = client_as("manager").get("/quarters/y3-q2/key-results.json").json()
    assert draft["key_results"][0]["outcome"] == "achieved"
    sample_review(q2_plan)
    client.logout()
    rows = client.get("/quarters/y3-q2/key-results.csv").content.decode("utf-8-sig").splitlines()
    header = rows[0].split(",")
    assert header[header.index("outcome") : header.index("reflection") + 1] == [
        "outcome",
        "score",
        "reflection",
    ]
    assert "achieved,0.9,Launched with 40 women" in rows[1]


def test_an_ended_quarter_speaks_of_outcomes_and_the_board_pack_leads_with_the_review(
    client, q2_plan
):
    page = text_of(client.get("/quarters/y3-q2/"))
    assert "How it ended 0 of 25 key results complete" in page
    assert "On pace" not in page
    assert "expected by" not in page.split("How it ended")[1][:200]
    assert "behind pace" not in page.lower()
    sample_review(q2_plan)
    dashboard = text_of(client.get("/quarters/y3-q2/"))
    assert "The review: 1 achieved, 24 partly, 0 not; average score 0.52." in dashboard
    report = text_of(client.get("/quarters/y3-q2/report/"))
    assert report.index("The review") < report.index("Summary")
    assert "Hiring was slow." in report


def test_a_running_quarter_still_reads_against_the_calendar(client, q2_plan):
    page = text_of(client.get("/quarters/y3-q2/?as_of=2021-12-01"))
    assert "Overall progress" in page
    assert "of 51% expected" in page


def test_quarters_side_by_side_by_workstream(client, q2_plan):
    q3, _ = roll_over(
        key_results=[KeyResult.objects.get(quarter=q2_plan, number=14)],
        **next_quarter_defaults(q2_plan),
    )
    publish_quarter(q3)
    page = text_of(client.get("/quarters/"))
    assert "Quarters side by side" in page
    row = page.split("Quarters side by side")[1].split("Data Collaboration")[1][:30]
    assert row.startswith(" 3 planned 1 planned")  # Year 3 Q2, then KR 14 carried into Q3
    sample_review(q2_plan)
    row = text_of(client.get("/quarters/")).split("Quarters side by side")[1]
    assert "Skills & Capability 8 planned; 1 achieved, 0 carried, score 0.55" in row
