"""Hostile or odd plan files are refused with a line number, never a traceback or a dead site:
the check (also `--dry-run`) and the real import agree, on SQLite and PostgreSQL alike."""

import csv
import io

import pytest
from django.core.management import call_command

from objectives.models import KeyResult, Quarter
from objectives.plan_files import PlanFileError, create_plan, export_csv, read_plan
from objectives.services import publish_quarter
from partners.models import Partner
from workstreams.models import Workstream

from .helpers import text_of

QUARTER = """quarter:
  year: 3
  number: 3
  start_date: 2022-01-16
  end_date: 2022-04-15
"""


def plan(workstreams, partners=""):
    return (QUARTER + partners + "workstreams:\n" + workstreams).encode()


def one_workstream(name, key_results="      - number: 1\n        title: A\n"):
    return plan(f"  - name: {name}\n    new: true\n    key_results:\n{key_results}")


def problems_of(data, file_format="yaml"):
    with pytest.raises(PlanFileError) as error:
        read_plan(data, file_format)
    return [str(problem) for problem in error.value.problems]


def imported(data, file_format="yaml"):
    return create_plan(read_plan(data, file_format))


@pytest.mark.parametrize("name", ["数据协作", "!!!", "—"])
def test_a_workstream_named_without_ascii_letters_gets_a_working_page(client, q2_plan, name):
    quarter = publish_quarter(imported(one_workstream(f'"{name}"')))
    workstream = Workstream.objects.get(name=name)
    assert workstream.slug
    assert client.get(workstream.get_absolute_url()).status_code == 200
    assert client.get(f"/quarters/{quarter.slug}/").status_code == 200
    assert name in text_of(client.get("/workstreams/"))


def test_two_new_workstreams_whose_names_slug_alike_get_different_slugs(client_as, q2_plan):
    imported(
        plan(
            '  - name: "Open Data!"\n    new: true\n    key_results:\n'
            "      - number: 1\n        title: A\n"
            '  - name: "Open Data?"\n    new: true\n    key_results:\n'
            "      - number: 2\n        title: B\n"
        )
    )
    slugs = set(
        Workstream.objects.filter(name__startswith="Open Data").values_list("slug", flat=True)
    )
    assert len(slugs) == 2
    staff = client_as("staff")  # the plan is a draft: its new workstreams are for LOTI staff
    for slug in slugs:
        assert staff.get(f"/workstreams/{slug}/").status_code == 200


def test_a_partner_slug_that_is_not_a_slug_is_refused_with_its_line(q2_plan):
    data = plan(
        "  - name: Digital Inclusion\n    key_results:\n      - number: 1\n        title: A\n",
        partners='partners:\n  - name: Odd Ltd\n    slug: "bad slug/../x"\n',
    )
    assert problems_of(data) == [
        'line 8: partner slug "bad slug/../x" may only hold letters, digits, - and _'
    ]


def test_a_partner_slug_already_used_by_another_partner_is_refused(q2_plan):
    taken = Partner.objects.first()
    data = plan(
        "  - name: Digital Inclusion\n    key_results:\n      - number: 1\n        title: A\n",
        partners=f"partners:\n  - name: Someone New\n    slug: {taken.slug}\n",
    )
    assert problems_of(data) == [
        f'line 8: partner slug "{taken.slug}" is already used by {taken.name}; give this '
        "partner another slug"
    ]


def test_two_new_partners_with_one_slug_are_refused(q2_plan):
    data = plan(
        "  - name: Digital Inclusion\n    key_results:\n      - number: 1\n        title: A\n",
        partners="partners:\n  - name: Alpha One\n    slug: alpha\n  - name: Alpha Two\n"
        "    slug: alpha\n",
    )
    assert problems_of(data) == ['line 10: partner slug "alpha" is also on line 8']


def test_numbers_and_texts_longer_than_their_columns_are_problems_before_any_write(q2_plan):
    data = one_workstream(
        "Digital Inclusion",
        "      - number: 40000\n        title: A\n"
        f"        boroughs: [{{name: Camden, role: {'r' * 201}}}]\n"
        f"        links: [{{label: {'l' * 101}, url: 'https://example.org/{'u' * 200}'}}]\n",
    )
    assert problems_of(data) == [
        "line 10: the key result's number 40000 must be from 1 to 32767",
        "line 12: Camden's role is longer than 200 characters",
        f'line 13: link "{"l" * 101}" has a label longer than 100 characters',
        f'line 13: link "{"l" * 101}" has an address longer than 200 characters',
    ]
    assert not Quarter.objects.filter(slug="y3-q3").exists()


def test_a_nul_character_is_refused_with_its_line(q2_plan):
    data = one_workstream("Digital Inclusion", "      - number: 1\n        title: A\x00B\n")
    assert problems_of(data)[0].startswith("line 11: ")
    rows = "year,quarter,start_date,end_date,workstream,number,title\n"
    rows += "3,3,2022-01-16,2022-04-15,Digital Inclusion,1,A\x00B\n"
    assert problems_of(rows.encode(), "csv") == [
        "line 2: the file holds a control character (U+0000), which plans cannot contain"
    ]


def test_two_key_results_continuing_the_same_one_are_refused(q2_plan):
    data = one_workstream(
        "Digital Inclusion",
        "      - number: 1\n        title: A\n        continues: y3-q2/14\n"
        "      - number: 2\n        title: B\n        continues: y3-q2/14\n",
    )
    assert problems_of(data) == ["line 15: y3-q2/14 is continued by key result 1 (line 12) too"]


def test_yaml_aliases_are_refused_before_they_can_expand(q2_plan):
    bomb = (
        b'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
        b"b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
        b"c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        b"d: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    )
    assert problems_of(bomb) == [
        "line 1: anchors and aliases (&name, *name) are not allowed in plan files; write "
        "each value out"
    ]


def test_deep_nesting_is_refused_with_a_line_not_a_recursion_error(q2_plan):
    deep = b"quarter: " + b"[" * 50_000 + b"]" * 50_000 + b"\n"
    assert problems_of(deep) == ["line 1: the file nests deeper than 20 levels"]


def test_a_file_over_the_size_limit_is_refused(q2_plan):
    assert problems_of(b"#" * (2 * 1024 * 1024)) == ["the file is larger than 1 MB"]


def test_csv_export_neutralises_formulas_and_import_restores_the_exact_text(q2_plan, tmp_path):
    kr = KeyResult.objects.get(quarter=q2_plan, number=1)
    kr.title = '=HYPERLINK("http://evil.example")'
    kr.description = "'quoted on purpose"
    kr.save()
    text = export_csv(q2_plan)
    row = next(r for r in csv.DictReader(io.StringIO(text)) if r["number"] == "1")
    assert row["title"] == '\'=HYPERLINK("http://evil.example")'
    path = tmp_path / "plan.csv"
    call_command("export_plan", "y3-q2", format="csv", output=str(path))
    assert path.read_text(encoding="utf-8") == text
    data = text.replace("y3-q2", "y3-q3").replace("2021-10-16", "2022-01-16")
    data = data.replace("2022-01-15", "2022-04-15").replace("\n3,2,", "\n3,3,")
    quarter = imported(data.encode(), "csv")
    copy = KeyResult.objects.get(quarter=quarter, number=1)
    assert copy.title == kr.title
    assert copy.description == kr.description
