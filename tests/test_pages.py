import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from boroughs.models import Borough
from objectives.models import KeyResult, Status
from objectives.services import record_check_in
from objectives.verdicts import Verdict

from .factories import (
    BoroughParticipationFactory,
    CheckInFactory,
    KeyResultFactory,
    PartnerInvolvementFactory,
    QuarterFactory,
    WorkstreamFactory,
)
from .helpers import text_of

START = datetime.date(2021, 10, 16)  # Year 3 Q2's first day


def test_home_is_the_current_quarters_dashboard(client, q2_plan):
    page = text_of(client.get("/"))
    assert "Year 3 Q2 dashboard" in page
    assert "16 October 2021 to 15 January 2022" in page
    assert "This quarter ended on 15 January 2022" in page


def test_home_without_any_quarter_says_how_to_load_one(client, no_plan):
    response = client.get("/")
    assert response.status_code == 200
    assert "No quarters yet" in text_of(response)


def test_dashboard_shows_all_25_key_results_by_workstream(client, q2_plan):
    response = client.get("/quarters/y3-q2/")
    page = text_of(response)
    for key_result in KeyResult.objects.filter(quarter=q2_plan):
        assert key_result.get_absolute_url() in response.content.decode()
        assert key_result.title[:20] in page
    assert [row.workstream.name for row in response.context["workstreams"]][:2] == [
        "Skills & Capability",
        "Future Workplace",
    ]
    assert response.context["overall"].count == 25


def test_dashboard_counts_verdicts_and_boroughs_from_the_plan(client, q2_plan):
    # On its first day: 19 not started; 4 scoping and 2 in progress, none behind yet.
    response = client.get("/quarters/y3-q2/?as_of=2021-10-16")
    counts = dict(response.context["overall"].verdict_counts)
    assert counts == {Verdict.NOT_STARTED: 19, Verdict.ON_TRACK: 6}
    assert "19 Not started 6 On track" in text_of(response)
    # Barnet, Brent, Camden, Lewisham; eleven more in KR 17; H&F and Ealing (18); Southwark (19).
    assert response.context["borough_count"] == 18
    assert "18 boroughs named" in text_of(response)
    # Once it has ended, every unfinished key result is "not complete".
    ended = client.get("/quarters/y3-q2/")
    assert dict(ended.context["overall"].verdict_counts) == {Verdict.NOT_COMPLETE: 25}


def test_dashboard_shows_progress_and_what_needs_attention(client, q2_plan):
    kr = KeyResult.objects.get(quarter=q2_plan, number=14)
    record_check_in(
        key_result=kr, status=Status.AT_RISK, progress=30, note="DSAs stalled", date=START
    )
    response = client.get("/quarters/y3-q2/?as_of=2021-10-16")
    assert [k.number for k in response.context["overall"].needing_attention] == [14]
    [attention] = response.context["overall"].attention
    assert attention.reasons == ["reported at risk"]
    page = text_of(response)
    assert page.count(kr.title) == 2  # once in what needs attention, once in the table
    data_collaboration = next(
        row
        for row in response.context["workstreams"]
        if row.workstream.slug == "data-collaboration"
    )
    assert data_collaboration.summary.average_progress == 10  # (0 + 30 + 0) / 3
    assert response.context["overall"].average_progress == 1  # 30 / 25, rounded


def test_dashboard_of_a_running_quarter_shows_days_left(client, db, settings):
    quarter = QuarterFactory()
    from django.utils import timezone

    today = timezone.localdate()
    quarter.start_date, quarter.end_date = today, today.replace(year=today.year + 1)
    quarter.save()
    page = text_of(client.get(quarter.get_absolute_url()))
    assert f"{quarter.days_left()} days left" in page


def test_unknown_quarter_is_404(client, q2_plan):
    assert client.get("/quarters/y9-q9/").status_code == 404
    assert client.get("/quarters/y9-q9/key-results/").status_code == 404
    assert client.get("/quarters/y9-q9/key-results.csv").status_code == 404


@pytest.mark.parametrize("number", ["0", "26", "99999999999999999999"])
def test_unknown_key_result_number_is_404(client, q2_plan, number):
    assert client.get(f"/quarters/y3-q2/key-results/{number}/").status_code == 404


@pytest.mark.parametrize("url", ["/boroughs/atlantis/", "/workstreams/nope/", "/partners/nope/"])
def test_unknown_slugs_are_404(client, q2_plan, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Page not found" in text_of(response)


def test_unknown_quarter_in_the_query_is_404(client, q2_plan):
    assert client.get("/boroughs/camden/?quarter=y9-q9").status_code == 404


def test_key_result_page_shows_the_plan_and_history_newest_first(client, q2_plan):
    kr = KeyResult.objects.get(quarter=q2_plan, number=17)
    CheckInFactory(
        key_result=kr, date="2021-11-01", status=Status.ON_TRACK, progress=40, note="First"
    )
    CheckInFactory(
        key_result=kr, date="2021-12-01", status=Status.COMPLETE, progress=100, note="Done"
    )
    response = client.get(kr.get_absolute_url())
    page = text_of(response)
    assert "Complete Discovery into Temporary Accommodation in London Boroughs" in page
    assert "FutureGov" in page
    assert "Greater London Authority (GLA): funder" in page
    assert "Kensington and Chelsea" in page
    assert "View the project page" in page
    assert page.index("Done") < page.index("First")
    assert "100%" in page


def test_key_result_page_shows_dependencies_people_and_open_to_all(client, q2_plan):
    assert "Depends on: Pending confirmation from Bloomberg Associates" in text_of(
        client.get("/quarters/y3-q2/key-results/6/")
    )
    assert "Sam Nutt, LOTI Researcher" in text_of(client.get("/quarters/y3-q2/key-results/9/"))
    assert "Open to all LOTI boroughs" in text_of(client.get("/quarters/y3-q2/key-results/5/"))


def test_key_result_list_filters_by_borough_and_status(client, q2_plan):
    response = client.get("/quarters/y3-q2/key-results/?borough=camden&status=in_progress")
    assert response.status_code == 200
    assert [kr.number for kr in response.context["key_results"]] == [17]


@pytest.mark.parametrize(
    ("query", "numbers"),
    [
        ("workstream=digital-districts", [24, 25]),
        ("partner=gla", [14, 17, 18]),
        ("borough=lewisham", [3, 4, 18]),
        ("status=scoping", [20, 21, 22, 23]),
        ("q=story+map", [19]),
        ("q=Sam+Nutt", [9]),
        ("workstream=&borough=&status=&q=", list(range(1, 26))),
    ],
)
def test_key_result_list_filters(client, q2_plan, query, numbers):
    response = client.get(f"/quarters/y3-q2/key-results/?{query}")
    assert response.status_code == 200
    assert [kr.number for kr in response.context["key_results"]] == numbers


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("borough=atlantis", "Select a borough from the list"),
        ("workstream=nope", "Select a workstream from the list"),
        ("status=finished", "Select a status from the list"),
        ("partner=nobody", "Select a partner from the list"),
        ("q=" + "x" * 201, "Search for 200 characters or fewer"),
    ],
)
def test_bad_filter_values_answer_400_with_a_clear_message(client, q2_plan, query, message):
    response = client.get(f"/quarters/y3-q2/key-results/?{query}")
    assert response.status_code == 400
    page = text_of(response)
    assert "There is a problem" in page
    assert message in page
    assert not response.context["key_results"]


def test_key_result_list_paginates_and_keeps_filters(client, q2_plan, settings):
    settings.KEY_RESULTS_PER_PAGE = 10
    response = client.get("/quarters/y3-q2/key-results/?workstream=&status=")
    assert len(response.context["key_results"]) == 10
    assert "?workstream=&amp;status=&amp;page=2" in response.content.decode()
    second = client.get("/quarters/y3-q2/key-results/?page=3")
    assert [kr.number for kr in second.context["key_results"]] == list(range(21, 26))
    assert client.get("/quarters/y3-q2/key-results/?page=9").status_code == 404
    assert client.get("/quarters/y3-q2/key-results/?page=abc").status_code == 404


def test_quarter_switcher_redirects_to_the_chosen_quarters_page(client, q2_plan):
    response = client.get("/quarters/switch/?quarter=y3-q2&page=key-results")
    assert response.status_code == 302
    assert response["Location"] == "/quarters/y3-q2/key-results/"
    assert client.get("/quarters/switch/?quarter=nope").status_code == 404


def test_quarter_list_shows_each_quarter_with_its_progress(client, q2_plan):
    for number, progress in [(1, 100), (2, 50), (3, 0)]:
        record_check_in(
            key_result=KeyResult.objects.get(quarter=q2_plan, number=number),
            status=Status.COMPLETE if progress == 100 else Status.IN_PROGRESS,
            progress=progress,
            note="Moved on.",
        )
    later = QuarterFactory(year=3, number=3, slug="y3-q3", start_date=datetime.date(2022, 1, 16))
    KeyResultFactory(quarter=later)
    response = client.get("/quarters/")
    summaries = {quarter.slug: summary for quarter, summary, _ in response.context["rows"]}
    assert summaries["y3-q2"].average_progress == 6  # (100 + 50) / 25 key results
    assert summaries["y3-q2"].complete_count == 1
    assert summaries["y3-q3"].count == 1
    page = text_of(response)
    # state, dates, count, complete, progress
    assert "Year 3 Q2 Ended 16 Oct 2021 to 15 Jan 2022 25 1 6%" in page
    assert "Year 3 Q3 Current Ended" in page  # the latest that has started
    assert "Year 3 Q3" in page
    assert "Current" in page


def test_workstream_page_lists_its_key_results_in_the_quarter(client, q2_plan):
    response = client.get("/workstreams/digital-inclusion/")
    assert [kr.number for kr in response.context["key_results"]] == list(range(17, 24))


def test_workstream_page_switches_quarter(client, q2_plan):
    workstream = WorkstreamFactory()
    later = QuarterFactory()
    KeyResultFactory(quarter=later, workstream=workstream, title="A later commitment")
    assert "A later commitment" in text_of(
        client.get(f"/workstreams/{workstream.slug}/?quarter={later.slug}")
    )
    assert "has no key results in Year 3 Q2" in text_of(
        client.get(f"/workstreams/{workstream.slug}/?quarter=y3-q2")
    )


def test_borough_index_lists_all_33_with_commitments(client, q2_plan):
    response = client.get("/boroughs/")
    counts = {b.slug: b.commitment_count for b in response.context["borough_list"]}
    assert len(counts) == 33
    assert counts["camden"] == 4  # KR 3, 4, 14, 17
    assert counts["westminster"] == 3  # KR 17, 18, 19
    assert counts["sutton"] == 0
    assert response.context["open_to_all_count"] == 1


def test_borough_page_lists_only_its_own_commitments_then_those_open_to_all(client, q2_plan):
    response = client.get("/boroughs/westminster/")
    assert [kr.number for kr in response.context["named"]] == [17, 18, 19]
    assert [kr.number for kr in response.context["open_to_all"]] == [5]
    page = text_of(response)
    assert page.index("Open to all LOTI boroughs") > page.index(
        "Complete Digital Exclusion Story Map"
    )
    assert "Project team" in page


def test_borough_with_no_commitments_says_so(client, q2_plan):
    assert "No Year 3 Q2 key result names Sutton" in text_of(client.get("/boroughs/sutton/"))


def test_partner_pages(client, q2_plan):
    index = client.get("/partners/")
    assert {p.slug: p.commitment_count for p in index.context["partner_list"]}["gla"] == 3
    response = client.get("/partners/gla/")
    assert [kr.number for kr in response.context["key_results"]] == [14, 17, 18]
    assert "Funder" in text_of(response)


@pytest.mark.parametrize(
    ("url", "max_queries"),
    [
        ("/", 8),
        ("/quarters/", 6),
        ("/quarters/y3-q2/", 8),
        ("/quarters/y3-q2/?as_of=2021-12-01", 8),
        ("/quarters/y3-q2/report/", 8),
        ("/quarters/y3-q2/key-results/", 9),
        ("/quarters/y3-q2/key-results/17/", 9),
        ("/workstreams/", 7),
        ("/workstreams/digital-inclusion/", 7),
        ("/boroughs/", 7),
        ("/boroughs/camden/", 9),
        ("/partners/", 6),
        ("/partners/gla/", 8),
        ("/quarters/y3-q2/key-results.csv", 6),  # owners too
        ("/quarters/y3-q2/key-results.json", 6),
        ("/quarters/y3-q2/check-ins.csv", 3),
    ],
)
def test_query_count_stays_within_budget_and_does_not_grow_with_the_data(
    client, q2_plan, url, max_queries
):
    def queries_for_page():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    at_plan_size = queries_for_page()  # a cache miss: the first request renders the page
    assert at_plan_size <= max_queries
    # Many more check-ins, boroughs, partners and key results: the count must not change.
    workstream = WorkstreamFactory()
    for key_result in KeyResult.objects.filter(quarter=q2_plan):
        for _ in range(3):
            CheckInFactory(key_result=key_result)
        BoroughParticipationFactory(key_result=key_result)
        PartnerInvolvementFactory(key_result=key_result)
    for number in range(100, 110):
        BoroughParticipationFactory(
            key_result=KeyResultFactory(quarter=q2_plan, workstream=workstream, number=number),
            borough=Borough.objects.get(slug="camden"),
        )
    assert queries_for_page() == at_plan_size


def test_filter_form_labels_every_control(client, q2_plan):
    page = text_of(client.get("/quarters/y3-q2/key-results/"))
    for label in ["Search titles and descriptions", "Workstream", "Borough", "Partner", "Status"]:
        assert label in page
    assert "[invalid name]" not in page


def test_the_partner_filter_lists_only_the_quarters_partners(client, q2_plan):
    from partners.models import Partner

    Partner.objects.create(name="A partner of no key result", slug="nobody")
    page = client.get("/quarters/y3-q2/key-results/").content.decode()
    assert 'value="gla"' in page
    assert 'value="nobody"' not in page
    assert client.get("/quarters/y3-q2/key-results/?partner=nobody").status_code == 400


def test_a_status_is_followed_by_its_comma_without_a_stray_space(client, q2_plan):
    kr = KeyResult.objects.get(quarter=q2_plan, number=17)
    record_check_in(key_result=kr, status="on_track", progress=40, note="Going well")
    page = text_of(client.get(kr.get_absolute_url()))
    assert "On track, 40%" in page
    assert "On track , 40%" not in page


def test_switching_quarter_keeps_the_filters_and_as_of_that_still_make_sense(client, q2_plan):
    from objectives.services import next_quarter_defaults, publish_quarter, roll_over

    q3, _ = roll_over(
        key_results=[KeyResult.objects.get(quarter=q2_plan, number=14)],
        **next_quarter_defaults(q2_plan),
    )
    publish_quarter(q3)
    page = client.get("/quarters/y3-q2/key-results/?borough=camden&status=in_progress")
    assert '<input type="hidden" name="borough" value="camden">' in page.content.decode()
    moved = client.get(
        "/quarters/switch/",
        {
            "quarter": "y3-q3",
            "page": "key-results",
            "borough": "camden",
            "status": "in_progress",
            "partner": "upfront",
            "as_of": "2021-12-01",
        },
    )
    assert moved["Location"] == "/quarters/y3-q3/key-results/?borough=camden&status=in_progress"
    within = client.get("/quarters/switch/", {"quarter": "y3-q2", "as_of": "1 December 2021"})
    assert within["Location"] == "/quarters/y3-q2/?as_of=1+December+2021"


def test_each_map_tiles_accessible_name_starts_with_its_visible_text(client, q2_plan):
    from boroughs.models import Borough

    camden = Borough.objects.get(slug="camden")
    page = client.get("/boroughs/").content.decode()
    label = re.search(rf'aria-label="({camden.tile_label.upper()} \d+: Camden, [^"]+)"', page)
    assert label is not None  # WCAG 2.5.3, Label in Name: "CAM 2: Camden, 2 key results"


def test_the_roll_over_form_shows_its_dates_as_its_hint_says(client_as, q2_plan):
    page = client_as("staff").get(f"/admin/objectives/quarter/{q2_plan.pk}/roll-over/")
    html = page.content.decode()
    assert 'value="2022-01-16"' in html
    assert 'value="2022-04-15"' in html
