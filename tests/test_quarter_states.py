"""A quarter is a draft until LOTI staff publish it (seen by LOTI staff only, never the
current quarter), then upcoming, running and ended; the state shows wherever quarters are listed."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from objectives.models import KeyResult, Quarter
from objectives.services import next_quarter_defaults, publish_quarter, roll_over

from .factories import KeyResultFactory, QuarterFactory
from .helpers import text_of

TODAY = timezone.localdate()


@pytest.fixture
def draft(q2_plan):
    """Year 9 Q1, starting in a month, with one key result: imported, not yet published."""
    quarter = QuarterFactory(
        year=9,
        slug="y9-q1",
        start_date=TODAY + datetime.timedelta(days=30),
        end_date=TODAY + datetime.timedelta(days=120),
        published_at=None,
    )
    KeyResultFactory(quarter=quarter, number=1, title="A plan still being written")
    return quarter


DRAFT_PAGES = [
    "/quarters/y9-q1/",
    "/quarters/y9-q1/report/",
    "/quarters/y9-q1/key-results/",
    "/quarters/y9-q1/key-results/1/",
    "/quarters/y9-q1/key-results.csv",
    "/quarters/y9-q1/key-results.json",
    "/quarters/y9-q1/check-ins.csv",
    "/workstreams/?quarter=y9-q1",
    "/boroughs/?quarter=y9-q1",
    "/quarters/switch/?quarter=y9-q1",
]


@pytest.mark.parametrize("role", ["anonymous", "officer", "manager"])
def test_a_draft_is_nowhere_for_anyone_but_loti_staff(client_as, draft, role):
    client = client_as(role)
    for url in DRAFT_PAGES:
        assert client.get(url).status_code == 404, url
    for url in ("/quarters/", "/", "/quarters/y3-q2/key-results/"):
        assert "Year 9 Q1" not in text_of(client.get(url)), url


def test_loti_staff_see_a_draft_marked_as_such(client_as, draft):
    client = client_as("staff")
    for url in DRAFT_PAGES:
        assert client.get(url).status_code in (200, 302), url
    listing = text_of(client.get("/quarters/"))
    assert "Year 9 Q1" in listing
    assert "Draft" in listing.split("Year 9 Q1")[1][:40]
    assert "Not yet published" in text_of(client.get("/quarters/y9-q1/"))
    assert "Year 9 Q1 (draft)" in text_of(client.get("/quarters/y3-q2/"))  # in the switcher


def test_a_draft_is_never_the_current_quarter(client_as, q2_plan):
    running = QuarterFactory(
        year=9,
        slug="y9-q2",
        start_date=TODAY - datetime.timedelta(days=10),
        end_date=TODAY + datetime.timedelta(days=80),
        published_at=None,
    )
    assert Quarter.objects.current() == q2_plan
    assert "Year 3 Q2" in text_of(client_as("staff").get("/")).split("dashboard")[0]
    publish_quarter(running)
    assert Quarter.objects.current() == running


def test_publishing_in_the_admin_asks_first_then_opens_the_plan_to_everyone(
    client, client_as, draft
):
    staff = client_as("staff")
    changelist = text_of(staff.get("/admin/objectives/quarter/"))
    assert "Draft" in changelist
    data = {"action": "publish_action", "_selected_action": [draft.pk]}
    asked = staff.post("/admin/objectives/quarter/", data)
    assert "Publish these quarters?" in text_of(asked)
    assert "Year 9 Q1" in text_of(asked)
    assert "1 key result" in text_of(asked)
    draft.refresh_from_db()
    assert not draft.is_published
    staff.post("/admin/objectives/quarter/", {**data, "confirm": "yes"}, follow=True)
    draft.refresh_from_db()
    assert draft.is_published
    assert draft.state == Quarter.State.UPCOMING
    client.logout()
    assert client.get("/quarters/y9-q1/").status_code == 200
    listing = text_of(client.get("/quarters/"))
    assert "Upcoming" in listing.split("Year 9 Q1")[1][:40]
    # The current quarter's dashboard announces it.
    assert f"Year 9 Q1 starts on {draft.start_date:%-d %B %Y}: see the plan" in text_of(
        client.get("/")
    )


def test_the_publish_quarter_command(draft):
    out = io.StringIO()
    call_command("publish_quarter", "y9-q1", stdout=out)
    assert "Published Year 9 Q1" in out.getvalue()
    call_command("publish_quarter", "y9-q1", stdout=out)
    assert "already published" in out.getvalue()


def test_imported_and_rolled_over_quarters_start_as_drafts(q2_plan, tmp_path):
    q3, _ = roll_over(
        key_results=[KeyResult.objects.get(quarter=q2_plan, number=14)],
        **next_quarter_defaults(q2_plan),
    )
    assert q3.state == Quarter.State.DRAFT
    path = tmp_path / "plan.yaml"
    call_command("export_plan", "y3-q2", "-o", str(path))
    text = path.read_text().replace("y3-q2", "y7-q2").replace("year: 3", "year: 7")
    text = text.replace("2021-10-16", "2031-10-16").replace("2022-01-15", "2032-01-15")
    path.write_text(text)
    call_command("import_plan", str(path), stdout=io.StringIO())
    assert Quarter.objects.get(slug="y7-q2").state == Quarter.State.DRAFT


def test_states_in_order_of_precedence(q2_plan):
    quarter = Quarter(start_date=datetime.date(2030, 1, 1), end_date=datetime.date(2030, 3, 31))
    assert quarter.state_on(datetime.date(2030, 2, 1)) == Quarter.State.DRAFT
    quarter.published_at = timezone.now()
    assert quarter.state_on(datetime.date(2029, 12, 31)) == Quarter.State.UPCOMING
    assert quarter.state_on(datetime.date(2030, 1, 1)) == Quarter.State.RUNNING
    assert quarter.state_on(datetime.date(2030, 3, 31)) == Quarter.State.RUNNING
    assert quarter.state_on(datetime.date(2030, 4, 1)) == Quarter.State.ENDED
    assert q2_plan.state == Quarter.State.ENDED  # the fixture's plan was published
