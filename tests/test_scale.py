"""Query counts at the plan's size and at ten times it: the same, and never more than ten."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from objectives.models import CheckIn, KeyResult, Quarter

PAGES = [
    "/",
    "/quarters/",
    "/quarters/{q}/",
    "/quarters/{q}/?as_of=2021-12-01",
    "/quarters/{q}/report/",
    "/quarters/{q}/key-results/",
    "/quarters/{q}/key-results/?borough=camden&status=on_track",
    "/quarters/{q}/key-results/1/",
    "/quarters/{q}/key-results.csv",
    "/quarters/{q}/key-results.json",
    "/quarters/{q}/check-ins.csv",
    "/workstreams/",
    "/workstreams/digital-inclusion/?quarter={q}",
    "/boroughs/",
    "/boroughs/camden/?quarter={q}",
    "/partners/",
    "/partners/gla/?quarter={q}",
    "/healthz",
]


def queries_per_page(client, quarter):
    """Queries of each page as rendered (a page-cache miss: the cache is emptied first)."""
    counts = {}
    for page in PAGES:
        address = page.format(q=quarter)
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(address).status_code == 200, page
        counts[page] = len(queries)
    return counts


@pytest.mark.parametrize("role", ["anonymous", "officer", "manager", "staff"])
def test_every_page_runs_at_most_ten_queries_at_1x_and_10x(client_as, q2_plan, settings, role):
    """A page is at most ten queries. A signed-in reader's first page after a write (here every
    page: the cache is emptied each time) also reads their own "My key results" count, once a
    data version (objectives/my_work.py): one more."""
    client = client_as(role)
    at_plan_size = queries_per_page(client, "y3-q2")
    call_command("generate_scale_data", quarters=10, key_results=250, check_ins=2500, verbosity=0)
    assert KeyResult.objects.count() == 275
    assert CheckIn.objects.count() == 2500
    assert queries_per_page(client, "y3-q2") == at_plan_size
    assert queries_per_page(client, "scale-y101-q1") == at_plan_size
    own_count = 0 if role == "anonymous" else 1
    assert max(at_plan_size.values()) <= 10 + own_count, at_plan_size


def test_scale_data_is_labelled_and_removed_exactly(client, q2_plan):
    call_command("generate_scale_data", quarters=4, key_results=40, check_ins=100, verbosity=0)
    assert (
        "illustrative, not real progress" in client.get("/quarters/scale-y101-q1/").content.decode()
    )
    assert all(
        "generated for benchmarks" in t
        for t in KeyResult.objects.filter(quarter__slug__startswith="scale-").values_list(
            "title", flat=True
        )
    )
    call_command("generate_scale_data", remove=True, verbosity=0)
    assert list(Quarter.objects.values_list("slug", flat=True)) == ["y3-q2"]
    assert KeyResult.objects.count() == 25
    assert not CheckIn.objects.exists()
