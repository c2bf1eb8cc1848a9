import csv
import io
import json

import pytest

from objectives.models import KeyResult, Status
from objectives.services import record_check_in
from objectives.views.exports import neutralise

from .factories import KeyResultFactory

EXPORT_FIELDS = {
    "number",
    "title",
    "workstream",
    "boroughs",
    "partners",
    "status",
    "progress",
    "updated_at",
    "url",
}


def read_csv(response):
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff"), "Excel needs the byte order mark to read UTF-8"
    return list(csv.DictReader(io.StringIO(body.removeprefix("\ufeff"))))


def test_csv_has_one_row_per_key_result_with_every_field(client, q2_plan):
    response = client.get("/quarters/y3-q2/key-results.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="loti-okr-y3-q2-key-results.csv"' in response["Content-Disposition"]
    rows = read_csv(response)
    assert [int(row["number"]) for row in rows] == list(range(1, 26))
    assert set(rows[0]) >= EXPORT_FIELDS
    kr17 = rows[16]
    assert kr17["title"] == "Complete Discovery into Temporary Accommodation in London Boroughs"
    assert kr17["workstream"] == "Digital Inclusion"
    assert "Kensington and Chelsea" in kr17["boroughs"].split("; ")
    assert len(kr17["boroughs"].split("; ")) == 12
    assert kr17["partners"] == "FutureGov; Greater London Authority (GLA)"
    assert kr17["status"] == "In progress"
    assert kr17["progress"] == "0"
    assert kr17["url"] == "http://127.0.0.1:8000/quarters/y3-q2/key-results/17/"  # SITE_URL
    assert rows[0]["title"] == "Launch LOTI Women Digital Leaders’ Network"


def test_json_has_one_object_per_key_result(client, q2_plan):
    kr = KeyResult.objects.get(quarter=q2_plan, number=2)
    check_in = record_check_in(key_result=kr, status=Status.ON_TRACK, progress=45, note="Moved on.")
    response = client.get("/quarters/y3-q2/key-results.json")
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["quarter"] == "Year 3 Q2"
    records = data["key_results"]
    assert len(records) == 25
    assert set(records[0]) >= EXPORT_FIELDS
    second = records[1]
    assert (second["number"], second["status"], second["progress"]) == (2, "on_track", 45)
    assert second["updated_at"] == check_in.recorded_at.isoformat()
    assert records[4]["open_to_all_boroughs"] is True
    assert records[13]["partners"] == [
        "Greater London Authority (GLA)",
        "Information Governance group for London (IGfL)",
        "London Councils",
        "Metropolitan Police Service (Met Police)",
    ]


def test_exports_follow_the_list_filters(client, q2_plan):
    rows = read_csv(client.get("/quarters/y3-q2/key-results.csv?borough=lewisham"))
    assert [row["number"] for row in rows] == ["3", "4", "18"]
    data = json.loads(client.get("/quarters/y3-q2/key-results.json?status=scoping").content)
    assert [r["number"] for r in data["key_results"]] == [20, 21, 22, 23]


def test_exports_refuse_bad_filters_with_a_message(client, q2_plan):
    response = client.get("/quarters/y3-q2/key-results.json?borough=atlantis")
    assert response.status_code == 400
    assert json.loads(response.content)["errors"]["borough"] == ["Select a borough from the list"]
    assert client.get("/quarters/y3-q2/key-results.csv?status=x").status_code == 400


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Plain title", "Plain title"),
        (7, 7),
    ],
)
def test_neutralise_keeps_spreadsheets_from_running_formulas(value, expected):
    assert neutralise(value) == expected


def test_csv_neutralises_a_formula_in_a_title(client, db):
    key_result = KeyResultFactory(title="=cmd|' /C calc'!A0")
    response = client.get(f"/quarters/{key_result.quarter.slug}/key-results.csv")
    assert read_csv(response)[0]["title"] == "'=cmd|' /C calc'!A0"


def test_exports_carry_confidence_pace_last_note_and_evidence(client, q2_plan):
    from .factories import CheckInFactory

    kr = KeyResult.objects.get(quarter=q2_plan, number=2)
    CheckInFactory(key_result=kr, date="2021-11-01", note="First draft")
    CheckInFactory(
        key_result=kr,
        date="2021-11-30",
        progress=20,
        confidence="low",
        note="Guide drafted",
        evidence_label="Draft guide",
        evidence_url="https://example.org/guide",
    )
    data = json.loads(client.get("/quarters/y3-q2/key-results.json?as_of=2021-11-30").content)
    record = data["key_results"][1]
    assert data["expected_progress"] == 49
    assert (record["confidence"], record["pace"], record["expected_progress"]) == (
        "low",
        "behind",
        49,
    )
    assert (record["last_note"], record["evidence_label"]) == ("Guide drafted", "Draft guide")
    assert record["evidence_url"] == "https://example.org/guide"
    row = read_csv(client.get("/quarters/y3-q2/key-results.csv?as_of=2021-11-30"))[1]
    assert (row["confidence"], row["pace"], row["last_note"]) == ("low", "behind", "Guide drafted")


def test_check_in_history_export_lists_every_check_in_oldest_first(client, q2_plan):
    from .factories import CheckInFactory

    kr = KeyResult.objects.get(quarter=q2_plan, number=9)
    CheckInFactory(key_result=kr, date="2021-12-01", note="=1+1", progress=30)
    CheckInFactory(key_result=kr, date="2021-11-01", note="Interviews done", progress=10)
    response = client.get("/quarters/y3-q2/check-ins.csv")
    assert 'filename="loti-okr-y3-q2-check-ins.csv"' in response["Content-Disposition"]
    rows = read_csv(response)
    assert [(r["key_result"], r["date"], r["progress"]) for r in rows] == [
        ("9", "2021-11-01", "10"),
        ("9", "2021-12-01", "30"),
    ]
    assert rows[1]["note"] == "'=1+1"
    assert rows[0]["url"].endswith(
        "/quarters/y3-q2/key-results/9/#check-in-" + str(kr.check_ins.latest_first().last().pk)
    )


@pytest.mark.parametrize("host", ["127.0.0.1:6666", "localhost:1"])
@pytest.mark.parametrize("export", ["key-results.json", "key-results.csv", "check-ins.csv"])
def test_export_links_come_from_site_url_whatever_the_host_header(
    client, q2_plan, settings, host, export
):
    settings.SITE_URL = "https://okr.example.org"
    settings.ALLOWED_HOSTS = ["*"]
    record_check_in(
        key_result=KeyResult.objects.get(quarter=q2_plan, number=9),
        status="on_track",
        progress=10,
        note="On",
    )
    body = client.get(f"/quarters/y3-q2/{export}", HTTP_HOST=host).content.decode()
    assert "https://okr.example.org/quarters/y3-q2/key-results/" in body
    assert host not in body
