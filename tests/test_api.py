"""The API (/api/v1/) holds every rule the site holds: tokens (revoked, expired, a switched-off
person, read-only), roles, drafts, internal notes, who may record; and it answers as it says
(problem details, ETags, pages, the rate limit)."""

import datetime
import io
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from api.models import ApiToken
from objectives.models import CheckIn
from objectives.services import record_check_in

from .factories import KeyResultFactory, QuarterFactory
from .helpers import text_of

TODAY = timezone.localdate()


def token_for(user, *, write=False, days=90):
    return ApiToken.make(user=user, name="tests", can_write=write, days=days)[1]


def call(client, token, path, method="get", **body):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    if method == "get":
        return client.get(f"/api/v1{path}", headers=headers)
    return client.post(f"/api/v1{path}", body, content_type="application/json", headers=headers)


@pytest.fixture
def running(q2_plan, role_users):
    """A published quarter running today with KR 1 naming Camden, owned by the manager, and a
    draft quarter running too."""
    quarter = QuarterFactory(
        slug="y8-q1",
        year=8,
        start_date=TODAY - datetime.timedelta(days=20),
        end_date=TODAY + datetime.timedelta(days=70),
    )
    key_result = KeyResultFactory(quarter=quarter, number=1, title="Open data")
    key_result.owners.add(role_users["manager"])
    key_result.participations.create(borough=role_users["officer"].borough_link.borough)
    QuarterFactory(
        slug="y9-q1",
        year=9,
        start_date=TODAY - datetime.timedelta(days=20),
        end_date=TODAY + datetime.timedelta(days=70),
        published_at=None,
    )
    return key_result


def test_every_call_needs_a_working_token(client, q2_plan, role_users, settings):
    settings.PUBLIC_READ = True  # does not open the API
    manager = role_users["manager"]
    for token in ["", "loti_made-up"]:
        answer = call(client, token, "/quarters")
        assert answer.status_code == 401
        assert answer["Content-Type"] == "application/problem+json"
        assert answer.json()["status"] == 401
        assert "Authorization: Bearer" in answer.json()["detail"]
    client.force_login(manager)  # a session is not a token
    assert call(client, "", "/quarters").status_code == 401

    working = token_for(manager)
    assert call(client, working, "/quarters").status_code == 200
    expired = ApiToken.make(user=manager, name="old", days=1)
    ApiToken.objects.filter(pk=expired[0].pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert call(client, expired[1], "/quarters").status_code == 401
    ApiToken.objects.exclude(pk=expired[0].pk).get(user=manager).revoke()
    assert call(client, working, "/quarters").status_code == 401

    fresh = token_for(manager)
    manager.is_active = False
    manager.save()
    assert call(client, fresh, "/quarters").status_code == 401


def test_only_a_hash_is_kept_and_last_use_is_recorded(client, q2_plan, role_users):
    record, token = ApiToken.make(user=role_users["manager"], name="Power BI")
    assert token not in str(ApiToken.objects.filter(pk=record.pk).values().get())
    assert record.last_used_at is None
    call(client, token, "/quarters")
    record.refresh_from_db()
    assert record.last_used_at is not None


def test_drafts_are_for_loti_staff_only(client, running, role_users):
    for role in ("officer", "manager"):
        token = token_for(role_users[role])
        slugs = [q["slug"] for q in call(client, token, "/quarters").json()]
        assert "y8-q1" in slugs
        assert "y9-q1" not in slugs
        assert call(client, token, "/quarters/y9-q1/key-results").status_code == 404
    staff = token_for(role_users["staff"])
    assert "y9-q1" in [q["slug"] for q in call(client, staff, "/quarters").json()]


def test_internal_notes_are_for_staff_and_managers_only(client, running, role_users):
    record_check_in(
        key_result=running,
        status="at_risk",
        progress=20,
        note="Budget worry",
        is_internal=True,
        recorded_by=role_users["staff"],
    )
    for role, sees in [("officer", False), ("manager", True), ("staff", True)]:
        token = token_for(role_users[role])
        detail = call(client, token, "/quarters/y8-q1/key-results/1").json()
        assert (detail["check_ins"][0]["note"] == "Budget worry") is sees, role
        listed = call(client, token, "/quarters/y8-q1/check-ins").json()["results"]
        assert (listed[0]["note"] == "Budget worry") is sees, role
        row = call(client, token, "/quarters/y8-q1/key-results").json()["results"][0]
        assert (row["last_note"] == "Budget worry") is sees, role


def test_owners_and_staff_record_check_ins_others_are_refused(client, running, role_users):
    body = {"status": "on_track", "progress": 30, "note": "Twelve datasets published."}
    path = "/quarters/y8-q1/key-results/1/check-ins"
    read_only = token_for(role_users["manager"])
    refused = call(client, read_only, path, "post", **body)
    assert refused.status_code == 403
    assert "read-only" in refused.json()["detail"]

    officer = token_for(role_users["officer"], write=True)
    assert call(client, officer, path, "post", **body).status_code == 403

    owner = ApiToken.make(user=role_users["manager"], name="Sync script", can_write=True)[1]
    made = call(client, owner, path, "post", **body)
    assert made.status_code == 201, made.content
    assert made.json()["progress"] == 30
    assert made.json()["recorded_by"] == "Mo Manager"
    check_in = CheckIn.objects.get(pk=made.json()["id"])
    assert check_in.history.latest().history_change_reason == "via API token Sync script"
    client.force_login(role_users["staff"])
    trail = text_of(client.get("/quarters/y8-q1/key-results/1/history/"))
    assert "manager via API token Sync script" in trail

    no_change = call(client, owner, "/quarters/y8-q1/key-results/1/no-change", "post")
    assert no_change.status_code == 201
    assert no_change.json()["note"] == CheckIn.NO_CHANGE_NOTE


def test_the_sites_rules_refuse_with_a_message(client, running, role_users):
    staff = token_for(role_users["staff"], write=True)
    path = "/quarters/y8-q1/key-results/1/check-ins"
    future = (TODAY + datetime.timedelta(days=3)).isoformat()
    answer = call(
        client, staff, path, "post", status="on_track", progress=10, note="x", date=future
    )
    assert answer.status_code == 409  # well formed, refused by the key result's rules
    assert answer["Content-Type"] == "application/problem+json"
    assert answer.json()["errors"]["date"]
    bad = call(client, staff, path, "post", status="nonsense", progress=500, note="x")
    assert bad.status_code == 422
    assert set(bad.json()["errors"]) >= {"body.check_in.status", "body.check_in.progress"}
    not_json = client.post(
        f"/api/v1{path}",
        "{",
        content_type="application/json",
        headers={"Authorization": f"Bearer {staff}"},
    )
    assert not_json.status_code in (400, 422)
    numbered = call(client, staff, "/quarters/y8-q1/check-ins?since=0.5")
    assert numbered.status_code == 422  # a time is written as a time, not a number
    assert not_json["Content-Type"] == "application/problem+json"


def test_officers_post_updates_for_their_own_borough_only(client, running, role_users):
    officer = token_for(role_users["officer"], write=True)
    path = "/quarters/y8-q1/key-results/1/borough-updates"
    made = call(client, officer, path, "post", text="Camden ran a session.")
    assert made.status_code == 201, made.content
    assert made.json()["borough"] == "Camden"
    listed = call(client, officer, "/quarters/y8-q1/borough-updates").json()
    assert [u["text"] for u in listed["results"]] == ["Camden ran a session."]

    other = KeyResultFactory(quarter=running.quarter, number=2)
    assert (
        call(
            client,
            officer,
            "/quarters/y8-q1/key-results/2/borough-updates",
            "post",
            text="Not ours",
        ).status_code
        == 403
    )
    assert not other.borough_updates.exists()
    manager = token_for(role_users["manager"], write=True)
    assert call(client, manager, path, "post", text="I am no officer").status_code == 403


def test_lists_page_in_a_stable_order_and_filter_as_the_site(client, running, role_users):
    token = token_for(role_users["staff"])
    first = call(client, token, "/quarters/y3-q2/key-results?page_size=10").json()
    second = call(client, token, "/quarters/y3-q2/key-results?page_size=10&page=2").json()
    assert first["count"] == 25
    assert first["pages"] == 3
    numbers = [k["number"] for k in first["results"] + second["results"]]
    assert numbers == list(range(1, 21))
    camden = call(client, token, "/quarters/y3-q2/key-results?borough=camden").json()
    client.force_login(role_users["staff"])
    site = client.get("/quarters/y3-q2/key-results.json?borough=camden").json()
    assert camden["count"] == len(site["key_results"]) > 0
    assert all("Camden" in k["boroughs"] or k["open_to_all_boroughs"] for k in camden["results"])
    unknown = call(client, token, "/quarters/y3-q2/key-results?borough=atlantis")
    assert unknown.status_code == 404
    assert "borough" in unknown.json()["errors"]
    mine = call(client, token_for(role_users["manager"]), "/quarters/y8-q1/key-results?owner=me")
    assert [k["number"] for k in mine.json()["results"]] == [1]


def test_check_ins_since_a_time_for_incremental_sync(client, running, role_users):
    token = token_for(role_users["staff"])
    record_check_in(key_result=running, status="on_track", progress=10, note="First.")
    first = call(client, token, "/quarters/y8-q1/check-ins").json()["results"]
    since = first[-1]["recorded_at"]
    record_check_in(key_result=running, status="on_track", progress=20, note="Second.")
    newer = call(client, token, f"/quarters/y8-q1/check-ins?{urlencode({'since': since})}")
    newer = newer.json()
    assert [c["note"] for c in newer["results"]] == ["Second."]


def test_reads_carry_an_etag_until_something_changes(client, running, role_users):
    token = token_for(role_users["staff"])
    headers = {"Authorization": f"Bearer {token}"}
    first = client.get("/api/v1/quarters/y8-q1/key-results", headers=headers)
    tag = first["ETag"]
    again = client.get(
        "/api/v1/quarters/y8-q1/key-results", headers={**headers, "If-None-Match": tag}
    )
    assert again.status_code == 304
    record_check_in(key_result=running, status="on_track", progress=10, note="Changed.")
    changed = client.get(
        "/api/v1/quarters/y8-q1/key-results", headers={**headers, "If-None-Match": tag}
    )
    assert changed.status_code == 200
    assert changed["ETag"] != tag


def test_a_token_is_limited_per_minute(client, q2_plan, role_users, settings):
    settings.API_CALLS_PER_MINUTE = 3
    token = token_for(role_users["manager"])
    answers = [call(client, token, "/boroughs") for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert 1 <= int(answers[-1]["Retry-After"]) <= 60
    assert answers[-1]["Content-Type"] == "application/problem+json"


def test_the_openapi_document_declares_every_answer(client, q2_plan):
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            declared = set(operation["responses"])
            assert {"401", "403", "404", "422", "429"} <= declared, (path, method)
            if method == "post":
                assert {"201", "409", "413"} <= declared, path
    docs = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in docs
    assert "cdn" not in docs.lower()


def test_people_make_and_revoke_their_own_tokens_on_their_account(client_as, q2_plan):
    client = client_as("manager")
    page = client.post("/account/tokens/", {"name": "Power BI", "can_write": "no", "days": "30"})
    shown = page.context["token"]
    assert shown.startswith("loti_")
    assert shown in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    assert shown not in client.get("/account/tokens/").content.decode()
    record = ApiToken.objects.get(name="Power BI")
    assert not record.can_write
    assert (record.expires_at.date() - TODAY).days in (29, 30)
    client.post(f"/account/tokens/{record.pk}/revoke/")
    record.refresh_from_db()
    assert record.revoked_at is not None
    other = client_as("officer")
    assert other.post(f"/account/tokens/{record.pk}/revoke/").status_code == 404


def test_staff_see_and_revoke_anyones_token_in_the_admin(client_as, q2_plan, role_users):
    record, token = ApiToken.make(user=role_users["officer"], name="Camden dashboard")
    staff = client_as("staff")
    listing = staff.get("/admin/api/apitoken/").content.decode()
    assert "Camden dashboard" in listing
    assert token not in listing
    staff.post(
        "/admin/api/apitoken/",
        {"action": "revoke", "_selected_action": [record.pk]},
    )
    record.refresh_from_db()
    assert record.revoked_at is not None


def test_the_command_prints_a_token_once(q2_plan, role_users):
    out = io.StringIO()
    call_command(
        "create_api_token",
        "manager",
        "--name",
        "Nightly sync",
        "--write",
        "--days",
        "7",
        stdout=out,
    )
    token = out.getvalue().strip().splitlines()[-1]
    record = ApiToken.objects.get(name="Nightly sync")
    assert record.can_write
    assert record.user == role_users["manager"]
    assert record.shown_start == token[: len(record.shown_start)]


API_READS = [
    "/quarters",
    "/quarters/{q}/key-results",
    "/quarters/{q}/key-results?borough=camden&status=on_track",
    "/quarters/{q}/key-results/1",
    "/quarters/{q}/check-ins",
    "/quarters/{q}/borough-updates",
    "/workstreams",
    "/boroughs",
    "/partners",
]


def api_queries(client, token, quarter):
    counts = {}
    for read in API_READS:
        with CaptureQueriesContext(connection) as queries:
            assert call(client, token, read.format(q=quarter)).status_code == 200, read
        counts[read] = len(queries)
    return counts


@pytest.mark.parametrize("role", ["officer", "manager", "staff"])
def test_every_read_runs_at_most_ten_queries_at_1x_and_10x(client, q2_plan, role_users, role):
    token = token_for(role_users[role])
    call(client, token, "/boroughs")  # its first call records when the token was last used
    at_plan_size = api_queries(client, token, "y3-q2")
    call_command("generate_scale_data", quarters=10, key_results=250, check_ins=2500, verbosity=0)
    assert api_queries(client, token, "y3-q2") == at_plan_size
    assert api_queries(client, token, "scale-y101-q1") == at_plan_size
    assert max(at_plan_size.values()) <= 10, at_plan_size


def test_every_operation_of_the_api_needs_a_token(client, running):
    document = client.get("/api/v1/openapi.json").json()
    for path, operations in document["paths"].items():
        address = path.replace("{slug}", "y8-q1").replace("{number}", "1")
        for method in operations:
            answer = getattr(client, method)(address, content_type="application/json")
            assert answer.status_code == 401, (method, path)


def test_a_body_over_the_limit_is_refused(client, running, role_users, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    staff = token_for(role_users["staff"], write=True)
    answer = call(
        client,
        staff,
        "/quarters/y8-q1/key-results/1/check-ins",
        "post",
        status="on_track",
        progress=10,
        note="x" * 2000,
    )
    assert answer.status_code == 413
    assert answer["Content-Type"] == "application/problem+json"
    assert not CheckIn.objects.filter(key_result=running).exists()
