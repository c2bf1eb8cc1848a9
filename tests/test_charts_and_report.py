import datetime
import re

from objectives import charts
from objectives.models import KeyResult, Status
from objectives.verdicts import Verdict

from .factories import CheckInFactory, KeyResultFactory, QuarterFactory
from .helpers import text_of


def test_burn_up_averages_progress_each_day_and_drops_dropped_key_results(db):
    quarter = QuarterFactory(
        start_date=datetime.date(2030, 1, 1), end_date=datetime.date(2030, 1, 10)
    )
    check_ins = [
        (1, datetime.date(2030, 1, 3), 40, Status.ON_TRACK),
        (2, datetime.date(2030, 1, 5), 20, Status.ON_TRACK),
        (2, datetime.date(2030, 1, 7), 20, Status.DROPPED),
    ]
    chart = charts.burn_up(quarter, [1, 2], check_ins, datetime.date(2030, 1, 8))
    points = dict(chart.points)
    assert points[datetime.date(2030, 1, 2)] == 0
    assert points[datetime.date(2030, 1, 3)] == 20  # (40 + 0) / 2
    assert points[datetime.date(2030, 1, 5)] == 30  # (40 + 20) / 2
    assert points[datetime.date(2030, 1, 7)] == 40  # KR 2 dropped: only KR 1 counts
    assert max(points) == datetime.date(2030, 1, 8)
    assert chart.marker is not None  # the day is inside the quarter


def test_status_bars_split_each_workstream_by_verdict_and_label_each_segment(client, q2_plan):
    # On its first day nothing is behind: "Scoping" and "In progress" read as on track.
    response = client.get("/quarters/y3-q2/?as_of=2021-10-16")
    bars = {bar.label: bar for bar in response.context["status_bars"]}
    inclusion = bars["Digital Inclusion"]
    assert inclusion.total == 7
    assert [(s["verdict"], s["count"]) for s in inclusion.segments] == [
        (Verdict.NOT_STARTED, 1),
        (Verdict.ON_TRACK, 6),
    ]
    assert sum(s["width"] for s in inclusion.segments) == inclusion.width
    html = response.content.decode()
    label = 'aria-label="Digital Inclusion: 1 not started, 6 on track"'
    bar = re.search(label + ".*?</svg>", html, re.S)
    assert re.findall(r"<text[^>]*>(\d+)</text>", bar.group(0)) == ["1", "6"]
    # Each verdict but "on track" is filled with a pattern, so colour is not the only cue.
    assert 'id="app-pattern-not_started"' in html


def test_dashboard_charts_have_captions_and_text_alternatives(client, q2_plan):
    html = client.get("/quarters/y3-q2/").content.decode()
    for caption in [
        "Quarter burn-up",
        "Verdicts by workstream",
        "London map",
        "Boroughs and workstreams",
    ]:
        assert caption in html
    assert len(re.findall(r'<svg[^>]*role="img"', html)) >= 9  # burn-up and 8 workstream bars
    assert "Burn-up as a table" in html
    assert "Verdicts by workstream as a table" in html
    assert "London Squared" in html


def test_london_map_has_a_linked_labelled_tile_for_every_authority(client, q2_plan):
    html = client.get("/boroughs/").content.decode()
    tiles = re.findall(
        r'<a href="(/boroughs/[^"]+)" class="app-tile app-tile--(\d)" transform="[^"]+" '
        r'aria-label="([^"]+)"',
        html,
    )
    assert len(tiles) == 33
    # "CAM 4: Camden, 4 key results": the visible label and count first (WCAG 2.5.3)
    by_label = {label.split(": ", 1)[1]: (href, shade) for href, shade, label in tiles}
    assert by_label["Camden, 4 key results"] == ("/boroughs/camden/?quarter=y3-q2", "3")
    assert by_label["Sutton, 0 key results"][1] == "0"
    assert by_label["Ealing, 1 key result"][1] == "1"


def test_borough_workstream_matrix(client, q2_plan):
    response = client.get("/quarters/y3-q2/")
    workstreams = [w.slug for w in response.context["matrix_workstreams"]]
    rows = {borough.slug: cells for borough, cells in response.context["matrix"]}
    assert len(rows) == 18  # only boroughs that take part
    camden = dict(zip(workstreams, rows["camden"], strict=True))
    assert camden["skills-and-capability"] == 2
    assert camden["data-collaboration"] == 1
    assert camden["digital-inclusion"] == 1
    assert "sutton" not in rows


def test_key_result_history_chart_has_a_point_per_check_in(client, q2_plan):
    kr = KeyResult.objects.get(quarter=q2_plan, number=17)
    CheckInFactory(key_result=kr, date="2021-11-01", progress=20)
    CheckInFactory(key_result=kr, date="2021-12-01", progress=45)
    response = client.get(kr.get_absolute_url())
    assert response.context["history"].points == [
        (datetime.date(2021, 11, 1), 20),
        (datetime.date(2021, 12, 1), 45),
    ]
    assert response.content.decode().count('class="app-chart__dot"') == 2


def test_board_pack_holds_every_key_result_and_its_latest_note(client, q2_plan):
    kr = KeyResult.objects.get(quarter=q2_plan, number=12)
    CheckInFactory(key_result=kr, date="2021-11-01", note="Older note")
    CheckInFactory(
        key_result=kr,
        date="2021-12-01",
        note="Design spec agreed with NCSC",
        evidence_label="Design spec",
        evidence_url="https://example.org/spec",
    )
    response = client.get("/quarters/y3-q2/report/")
    assert response.status_code == 200
    html = response.content.decode()
    page = text_of(response)
    for key_result in KeyResult.objects.filter(quarter=q2_plan):
        assert f"KR {key_result.number}:" in page
    assert "Design spec agreed with NCSC" in page
    assert "Older note" not in page
    assert 'href="https://example.org/spec"' in html
    # Two pages of charts, then the key results: workstreams follow one another, each kept
    # whole on a page where it fits (tests/browser checks the printed pages).
    assert html.count("app-report__page") == 3
    assert html.count('class="app-report__workstream"') == 8


def test_board_pack_has_a_print_stylesheet_rule_for_a4_and_page_breaks():
    from pathlib import Path

    scss = (Path(__file__).resolve().parent.parent / "assets" / "scss" / "app.scss").read_text()
    print_rules = scss[scss.index("@media print") :]
    assert "size: A4" in print_rules
    assert "break-before: page" in print_rules
    assert "break-inside: avoid" in print_rules


def test_quarter_switcher_on_every_quarter_scoped_page(client, q2_plan):
    QuarterFactory()
    for url in [
        "/quarters/y3-q2/",
        "/quarters/y3-q2/key-results/",
        "/quarters/y3-q2/report/",
        "/workstreams/",
        "/workstreams/cyber-security/",
        "/boroughs/",
        "/boroughs/camden/",
        "/partners/",
        "/partners/gla/",
    ]:
        assert 'id="quarter-switcher"' in client.get(url).content.decode(), url


def test_quarter_list_shows_completion(client, q2_plan):
    CheckInFactory(
        key_result=KeyResult.objects.get(quarter=q2_plan, number=1),
        status=Status.COMPLETE,
        progress=100,
    )
    rows = {quarter: summary for quarter, summary, _ in client.get("/quarters/").context["rows"]}
    assert rows[q2_plan].complete_count == 1
    assert rows[q2_plan].average_progress == 4


def test_dashboard_query_count_is_the_same_with_many_more_check_ins(
    client, q2_plan, django_assert_num_queries
):
    with django_assert_num_queries(7):
        client.get("/quarters/y3-q2/?as_of=2022-01-15")
    for key_result in KeyResult.objects.filter(quarter=q2_plan):
        for day in range(1, 30, 3):
            CheckInFactory(key_result=key_result, date=datetime.date(2021, 11, day))
    for number in range(200, 220):
        KeyResultFactory(quarter=q2_plan, number=number)
    with django_assert_num_queries(7):
        client.get("/quarters/y3-q2/?as_of=2022-01-15")


def test_london_map_shades_by_average_progress_unless_the_reader_asks_for_the_count(
    client, q2_plan
):
    # Camden is named by KRs 3, 4, 14 and 17: (40 + 80 + 0 + 0) / 4 = 30%.
    for number, progress in ((3, 40), (4, 80)):
        CheckInFactory(
            key_result=KeyResult.objects.get(quarter=q2_plan, number=number), progress=progress
        )
    html = client.get("/quarters/y3-q2/").content.decode()
    assert 'aria-label="CMD 30%: Camden, 4 key results, 30% average progress"' in html
    assert 'class="app-tile app-tile--p25"' in html
    assert "Shade by: <strong>average progress</strong>" in html
    assert "75–100%" in html  # the legend
    counted = client.get("/quarters/y3-q2/?map=count").content.decode()
    assert 'aria-label="CMD 4: Camden, 4 key results, 30% average progress"' in counted
    assert "Shade by: " in counted
    assert "<strong>number of key results</strong>" in counted
    assert "5 or more" in counted
