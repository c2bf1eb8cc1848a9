"""Budgets that pin today's design rather than a behaviour: what a page-cache hit costs in
queries, and what the dashboard weighs. They run with `make perf` (`make bench` and CI run it),
not in `make test`: a change of design may move them, and says so here."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.perf

# Half of what the dashboard weighed before its redesign (108,228 bytes for Year 3 Q2 with the
# default sample data), rounded down.
MOST_BYTES = 54_000


def queries_of_a_hit(client, path="/quarters/y3-q2/"):
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        hit = client.get(path)
    assert hit["X-Page-Cache"] == "hit"
    return [query["sql"][:60] for query in queries]


def test_an_anonymous_hit_reads_the_data_version_alone(q2_plan):
    assert len(queries_of_a_hit(Client())) == 1


@pytest.mark.parametrize(
    "cookie",
    ["no-such-session-at-all", "0123456789abcdefghijklmnopqrstuv"],
    ids=["malformed", "well-formed"],
)
def test_a_cookie_naming_no_session_costs_no_query_more(q2_plan, cookie):
    """The data version's statement also finds that no such session is live."""
    Client().get("/quarters/y3-q2/")
    bogus = Client()
    bogus.cookies["sessionid"] = cookie  # sent again and again, as a script would
    with CaptureQueriesContext(connection) as queries:
        hit = bogus.get("/quarters/y3-q2/")
    assert hit["X-Page-Cache"] == "hit"
    assert len(queries) == 1


def test_a_signed_in_hit_costs_three_queries(q2_plan, role_users):
    """Django's session, the user with their borough and role groups, and the data version."""
    client = Client()
    client.force_login(role_users["officer"])
    queries = queries_of_a_hit(client)
    assert len(queries) == 3, queries


@pytest.mark.parametrize("role", ["anonymous", "officer", "manager", "staff"])
@pytest.mark.parametrize("as_of", ["", "2021-12-01"], ids=["today", "mid-quarter"])
def test_the_dashboard_weighs_at_most_half_of_what_it_did_for_any_reader(
    client_as, q2_plan, role, as_of
):
    call_command("seed_demo_progress", verbosity=0)
    response = client_as(role).get(f"/quarters/y3-q2/?as_of={as_of}" if as_of else "/")
    assert response.status_code == 200
    assert len(response.content) <= MOST_BYTES, len(response.content)
