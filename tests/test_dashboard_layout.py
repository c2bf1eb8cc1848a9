"""The dashboard as one screen's worth of page: each key result once in the table, at most
once more where it needs attention (its weight: tests/test_budgets.py)."""

import re

import pytest
from django.core.management import call_command

from objectives.models import KeyResult

from .helpers import text_of


@pytest.fixture
def sample_data(q2_plan):
    call_command("seed_demo_progress", verbosity=0)


def test_each_key_result_stands_once_in_the_table_and_at_most_once_more(client, sample_data):
    response = client.get("/quarters/y3-q2/?as_of=2021-12-01")
    page = text_of(response)
    attention = {item.key_result.pk for item in response.context["overall"].attention}
    assert attention  # the sample data leaves some key results behind by 1 December
    for key_result in KeyResult.objects.filter(quarter__slug="y3-q2"):
        expected = 2 if key_result.pk in attention else 1
        assert page.count(key_result.title) == expected, key_result.number


def test_the_table_groups_key_results_by_workstream_with_what_a_manager_reads(client, sample_data):
    html = client.get("/quarters/y3-q2/?as_of=2021-12-01").content.decode()
    table = html[html.index('class="app-table app-table--cards app-overview"') :]
    table = table[: table.index("</table>")]
    headers = re.findall(r'<th scope="col"[^>]*>([^<]+)</th>', table)
    assert headers == ["KR", "Key result", "Owners", "Verdict", "Progress", "Pace", "Last check-in"]
    assert table.count("<tbody") == 8
    assert table.count('<svg class="app-spark"') == 25  # a trend line for every key result
    assert len(re.findall(r"\d+ days ago|Today|Yesterday|None yet", table)) == 25
