"""A plan's workstreams are LOTI's own, or new ones declared on purpose: a near miss such as
"Digital Inclusoin" is a problem that says which one was meant, never a new workstream."""

import pytest

from objectives.plan_files import PlanFileError, create_plan, read_plan
from workstreams.models import Workstream

from .test_plan_files_hostile import plan


def problems_of(data, file_format="yaml"):
    with pytest.raises(PlanFileError) as error:
        read_plan(data, file_format)
    return [str(problem) for problem in error.value.problems]


KR = "      - number: 1\n        title: A\n"
CSV_HEAD = "year,quarter,start_date,end_date,workstream,number,title,new_workstream\n"


def test_a_near_miss_says_which_workstream_was_meant(q2_plan):
    [problem] = problems_of(plan(f"  - name: Digital Inclusoin\n    key_results:\n{KR}"))
    assert problem.startswith("line 7: ")  # the line of the name
    assert 'workstream "Digital Inclusoin" is not one of LOTI\'s workstreams' in problem
    assert 'did you mean "Digital Inclusion"?' in problem
    assert not Workstream.objects.filter(name="Digital Inclusoin").exists()


def test_an_unknown_name_must_be_declared_new_and_then_is_created(q2_plan):
    [problem] = problems_of(plan(f"  - name: Housing Data\n    key_results:\n{KR}"))
    assert "did you mean" not in problem
    assert '"new: true" on it in YAML' in problem
    declared = plan(f"  - name: Housing Data\n    new: true\n    key_results:\n{KR}")
    quarter = create_plan(read_plan(declared, "yaml"))
    assert quarter.key_results.get().workstream.name == "Housing Data"


def test_a_new_workstream_too_like_an_existing_one_is_refused(q2_plan):
    [problem] = problems_of(plan(f"  - name: Cyber Securty\n    new: true\n    key_results:\n{KR}"))
    assert 'too like "Cyber Security"' in problem


def test_csv_declares_a_new_workstream_in_its_column(q2_plan):
    row = "3,3,2022-01-16,2022-04-15,{name},1,A,{new}\n"
    refused = problems_of((CSV_HEAD + row.format(name="Digital Inclusoin", new="")).encode(), "csv")
    assert any(
        'did you mean "Digital Inclusion"?' in p and p.startswith("line 2: ") for p in refused
    )
    checked = read_plan((CSV_HEAD + row.format(name="Street Data", new="yes")).encode(), "csv")
    assert checked.new_workstreams == ["Street Data"]
