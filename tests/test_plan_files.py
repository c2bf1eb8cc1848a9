from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from objectives.models import (
    BoroughParticipation,
    KeyResult,
    KeyResultLink,
    PartnerInvolvement,
    Quarter,
)
from objectives.plan_files import PlanFileError, create_plan, export_csv, export_yaml, read_plan
from partners.models import Partner
from workstreams.models import Workstream

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "example-plan.yaml"

GOOD_QUARTER = """quarter:
  year: 3
  number: 3
  start_date: 2022-01-16
  end_date: 2022-04-15
"""


def delete_quarter(quarter):
    for model in (BoroughParticipation, PartnerInvolvement, KeyResultLink):
        model.objects.filter(key_result__quarter=quarter).delete()
    KeyResult.objects.filter(quarter=quarter).delete()
    quarter.delete()


def row_counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Quarter,
            KeyResult,
            BoroughParticipation,
            PartnerInvolvement,
            KeyResultLink,
            Partner,
            Workstream,
        )
    }


@pytest.mark.parametrize(("export", "file_format"), [(export_yaml, "yaml"), (export_csv, "csv")])
def test_export_then_import_round_trips(q2_plan, export, file_format):
    exported = export(q2_plan)
    counts = row_counts()
    delete_quarter(q2_plan)
    create_plan(read_plan(exported.encode(), file_format))
    assert row_counts() == counts
    assert export(Quarter.objects.get(slug="y3-q2")) == exported


def test_imported_plan_matches_the_original_key_result_for_key_result(q2_plan):
    def facts():
        return [
            (
                kr.number,
                kr.title,
                kr.description,
                kr.workstream.name,
                kr.starting_status,
                kr.open_to_all_boroughs,
                kr.named_people,
                kr.dependencies,
                sorted((p.borough.gss_code, p.role) for p in kr.participations.all()),
                sorted((i.partner.slug, i.role) for i in kr.involvements.all()),
                [(link.label, link.url) for link in kr.links.all()],
            )
            for kr in KeyResult.objects.filter(quarter__slug="y3-q2").order_by("number")
        ]

    before = facts()
    exported = export_yaml(q2_plan)
    delete_quarter(q2_plan)
    create_plan(read_plan(exported.encode(), "yaml"))
    assert facts() == before


def test_example_plan_imports_with_new_partner_and_workstreams(q2_plan, capsys):
    call_command("import_plan", str(EXAMPLE))
    quarter = Quarter.objects.get(slug="y9-q1")
    kr1 = quarter.key_results.get(number=1)
    assert sorted(b.short_name for b in kr1.boroughs.all()) == ["Camden", "Kensington and Chelsea"]
    assert kr1.participations.get(borough__slug="kensington-and-chelsea").role == "sharing insights"
    assert kr1.involvements.get(partner__acronym="EDT").role == "funder"
    assert kr1.starting_status == "scoping"
    assert [(link.label, link.url) for link in kr1.links.all()] == [
        ("Read the proposal", "https://example.org/proposal"),
        ("View the project page", ""),
    ]
    assert quarter.key_results.get(number=2).open_to_all_boroughs
    assert "Imported Year 9 Q1 with 2 key results" in capsys.readouterr().out


def test_dry_run_prints_the_plan_and_writes_nothing(q2_plan, capsys):
    counts = row_counts()
    call_command("import_plan", str(EXAMPLE), "--dry-run")
    out = capsys.readouterr().out
    assert "Quarter: Year 9 Q1 (y9-q1), 16 July 2027 to 15 October 2027" in out
    assert "New partners: Example Data Trust" in out
    assert "KR 1 [Data Collaboration] Publish an example data sharing guide" in out
    assert "Dry run: nothing was written." in out
    assert row_counts() == counts


def problems_of(text, file_format="yaml"):
    data = text if isinstance(text, bytes) else text.encode()
    with pytest.raises(PlanFileError) as error:
        read_plan(data, file_format)
    return [str(problem) for problem in error.value.problems]


def key_result(lines):
    return GOOD_QUARTER + "workstreams:\n  - name: Digital Inclusion\n    key_results:\n" + lines


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            key_result("      - number: 1\n        title: A\n        boroughs: [Kingstn]\n"),
            'line 11: unknown borough "Kingstn" (did you mean Kingston upon Thames?)',
        ),
        (
            key_result(
                "      - number: 7\n        title: A\n      - number: 7\n        title: B\n"
            ),
            "line 11: duplicate number 7 (also on line 9)",
        ),
        (
            GOOD_QUARTER.replace("2022-04-15", "2022-01-01")
            + "workstreams:\n  - name: X\n    key_results:\n      - {number: 1, title: A}\n",
            "line 5: end_date 2022-01-01 is not after start_date 2022-01-16",
        ),
        (
            key_result("      - number: 1\n        title: A\n        partners: [Nobody Ltd]\n"),
            'line 11: unknown partner "Nobody Ltd"; add it under partners first',
        ),
        (
            key_result("      - number: 1\n        title: A\n        status: finished\n"),
            'line 11: unknown status "finished"',
        ),
        (
            key_result("      - number: one\n        title: A\n"),
            'line 9: the key result\'s number "one" is not a whole number in digits 0-9',
        ),
        (key_result("      - number: 1\n"), "line 9: the title is missing"),
        (
            key_result(
                "      - number: 1\n        title: A\n        links: [{label: L, url: 'nope'}]\n"
            ),
            'line 11: link "L" has an address that is not a web address',
        ),
        (
            key_result("      - number: 1\n        title: A\n        continues: y1-q1/4\n"),
            'line 11: continues "y1-q1/4", but there is no such key result',
        ),
        (
            GOOD_QUARTER.replace("number: 3", "number: 2").replace("2022-01-16", "2021-10-16")
            + "workstreams:\n  - name: X\n    key_results:\n      - {number: 1, title: A}\n",
            "already exists; nothing was imported",
        ),
        (
            GOOD_QUARTER.replace("2022-01-16", "2022-01-10")
            + "workstreams:\n  - name: X\n    key_results:\n      - {number: 1, title: A}\n",
            "the dates overlap Year 3 Q2",
        ),
        ("quarter: [1, 2\n", "line 2: this is not valid YAML"),
        (GOOD_QUARTER, "the file needs workstreams"),
    ],
)
def test_each_problem_is_reported_with_its_line_and_reason(q2_plan, text, expected):
    assert any(expected in problem for problem in problems_of(text)), problems_of(text)


def test_every_problem_is_reported_at_once(q2_plan):
    problems = problems_of(
        key_result(
            "      - number: 1\n        title: A\n        boroughs: [Kingstn, Camdn]\n"
            "      - number: 1\n        title: B\n        status: done\n"
        )
    )
    assert len(problems) == 4


def test_a_file_that_is_not_utf8_is_refused(q2_plan):
    assert problems_of(GOOD_QUARTER.encode() + b"# caf\xe9\n") == [
        "line 6: the file is not UTF-8 text; save it as UTF-8 and try again"
    ]


CSV_HEADER = "year,quarter,start_date,end_date,workstream,number,title,boroughs\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "year,quarter,title\n3,3,A\n",
            "line 1: missing columns: start_date, end_date, workstream, number",
        ),
        (
            CSV_HEADER + "3,3,2022-01-16,2022-04-15,X,1,A,Kingstn\n",
            'line 2: unknown borough "Kingstn"',
        ),
        (
            CSV_HEADER + "3,3,2022-01-16,2022-04-15,X,1,A,\n3,3,2022-01-16,2022-04-15,X,1,B,\n",
            "line 3: duplicate number 1 (also on line 2)",
        ),
        (
            CSV_HEADER + "3,3,2022-01-16,2022-04-15,X,1,A,\n3,4,2022-01-16,2022-04-15,X,2,B,\n",
            'line 3: quarter "4" differs from the first row\'s "3"',
        ),
        (CSV_HEADER, "line 2: the file has a header but no key results"),
        (
            CSV_HEADER + "3,3,2022-04-16,2022-04-15,X,1,A,\n",
            "line 2: end_date 2022-04-15 is not after",
        ),
    ],
)
def test_csv_problems_are_reported_with_their_line(q2_plan, text, expected):
    assert any(expected in problem for problem in problems_of(text, "csv")), problems_of(
        text, "csv"
    )


def test_import_writes_nothing_unless_the_whole_file_is_valid(q2_plan, tmp_path):
    counts = row_counts()
    bad = EXAMPLE.read_text(encoding="utf-8").replace("- Camden", "- Camdem")
    path = tmp_path / "plan.yaml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("import_plan", str(path))
    assert 'unknown borough "Camdem" (did you mean Camden?)' in str(error.value)
    assert "1 problem; nothing was imported." in str(error.value)
    assert row_counts() == counts  # the new partner in the same file was not created either


def test_import_command_refuses_an_unknown_file_type(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(CommandError, match=r"name it \.yaml, \.yml or \.csv"):
        call_command("import_plan", str(path))


def test_export_command_writes_a_file(q2_plan, tmp_path):
    path = tmp_path / "q2.yaml"
    call_command("export_plan", "y3-q2", "--output", str(path))
    assert path.read_text(encoding="utf-8") == export_yaml(q2_plan)
    with pytest.raises(CommandError, match='no quarter "y0-q0"'):
        call_command("export_plan", "y0-q0")


def test_a_quarter_longer_than_a_year_is_refused_with_its_line(q2_plan):
    text = key_result("      - number: 1\n        title: A\n").replace(
        "start_date: 2022-01-16", "start_date: 0001-01-16"
    )
    assert problems_of(text) == [
        "line 5: a quarter can last at most 366 days: check the start and end dates"
    ]
