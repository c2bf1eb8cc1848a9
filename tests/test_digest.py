"""The weekly digest: managers get it unless they opt out, anyone may opt in on /account/; it
says what changed since the reader's last digest, through a real SMTP server."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from notifications.models import SentMessage
from objectives.models import CheckIn
from objectives.services import post_borough_update, record_check_in, record_no_change

from .factories import (
    BoroughParticipationFactory,
    KeyResultFactory,
    PreferencesFactory,
    QuarterFactory,
    UserFactory,
)

TODAY = timezone.localdate()


def days_ago(days):
    return TODAY - datetime.timedelta(days=days)


@pytest.fixture
def quarter_with_news(no_plan, role_users):
    """A running quarter; since a week ago KR 1 went at risk, KR 2 had a check-in on track,
    KR 3 became stale, and Camden posted on KR 2."""
    quarter = QuarterFactory(start_date=days_ago(30), end_date=TODAY + datetime.timedelta(60))
    kr1, kr2, kr3 = (
        KeyResultFactory(quarter=quarter, number=n, title=f"Outcome {n}") for n in (1, 2, 3)
    )
    for kr in (kr1, kr2):
        record_check_in(
            key_result=kr, status="on_track", progress=25, note="Start", date=days_ago(25)
        )
    record_check_in(key_result=kr3, status="on_track", progress=25, note="Start", date=days_ago(16))
    week_ago = timezone.now() - datetime.timedelta(days=7)
    CheckIn.objects.update(recorded_at=week_ago - datetime.timedelta(days=1))
    record_check_in(key_result=kr1, status="at_risk", progress=27, note="Supplier late")
    record_check_in(key_result=kr2, status="on_track", progress=30, note="Good week")
    BoroughParticipationFactory(key_result=kr2, borough=role_users["officer"].borough_link.borough)
    post_borough_update(
        key_result=kr2,
        author=role_users["officer"],
        borough=role_users["officer"].borough_link.borough,
        text="Camden ran two sessions",
    )
    return quarter


def send_digest(*args):
    out = io.StringIO()
    call_command("send_digest", *args, stdout=out)
    return out.getvalue()


def test_managers_get_what_changed_since_last_week(smtp_inbox, quarter_with_news):
    output = send_digest()
    assert "1 digest sent." in output
    [delivery] = smtp_inbox.messages
    assert delivery.recipients == ["manager@example.org"]
    assert delivery.subject.startswith(f"{quarter_with_news}: what changed since")
    text = delivery.text
    assert "Check-ins: 2" in text
    assert "KR 1: At risk, 27%" in text
    assert "KR 2: On track, 30%" in text
    assert "Newly at risk or off track: 1" in text
    assert f"{quarter_with_news} KR 1: Outcome 1 (At risk, 27%)" in text
    assert "Newly due a check-in: 1" in text
    assert f"{quarter_with_news} KR 3: Outcome 3" in text
    assert "Borough updates: 1" in text
    assert "Camden ran two sessions" in text
    assert f"https://okr.example.org/quarters/{quarter_with_news.slug}/" in text
    assert "Progress:" in text
    assert "Outcome 1" in delivery.html
    assert "Camden ran two sessions" in delivery.html
    assert delivery.message["List-Unsubscribe"]
    assert "Supplier late" not in text  # notes stay on the site, where who may read them is known


def test_a_second_run_sends_nothing_and_the_next_digest_starts_from_the_last(
    smtp_inbox, quarter_with_news
):
    send_digest()
    assert "0 digests sent." in send_digest()
    # A week later: the first digest was sent then, and the check-ins it listed came before it.
    SentMessage.objects.update(sent_at=timezone.now() - datetime.timedelta(days=7, minutes=1))
    CheckIn.objects.update(recorded_at=timezone.now() - datetime.timedelta(days=8))
    send_digest()
    second = smtp_inbox.messages[-1]
    assert "Check-ins: none" in second.text  # nothing new since the first


def test_anyone_may_opt_in_and_managers_may_opt_out_on_their_account_page(
    client_as, smtp_inbox, quarter_with_news, role_users
):
    page = client_as("officer").get("/account/")
    assert page.status_code == 200
    assert 'name="digest" type="checkbox" checked' not in page.content.decode()
    client_as("officer").post("/account/", {"reminders": "on", "digest": "on"})
    client_as("manager").post("/account/", {"reminders": "on"})
    send_digest()
    assert [m.recipients for m in smtp_inbox.messages] == [["camden-officer@example.org"]]


def test_the_manager_sees_the_digest_ticked_until_they_choose(client_as, role_users):
    page = client_as("manager").get("/account/").content.decode()
    assert 'name="digest" type="checkbox" checked' in page
    assert 'name="reminders" type="checkbox" checked' in page


def test_no_quarter_running_sends_no_digest(smtp_inbox, quarter_with_news):
    quarter_with_news.start_date = TODAY + datetime.timedelta(days=1)
    quarter_with_news.end_date = TODAY + datetime.timedelta(days=90)
    quarter_with_news.save()
    assert "0 digests sent." in send_digest()


def test_a_dry_run_names_the_readers_and_sends_nothing(smtp_inbox, quarter_with_news):
    PreferencesFactory(
        user=UserFactory(username="keen", first_name="Kim", last_name="Keen"), digest=True
    )
    output = send_digest("--dry-run")
    assert "Would send Kim Keen <keen@example.org>" in output
    assert "manager@example.org" in output
    assert smtp_inbox.messages == []


def test_a_key_result_reported_at_risk_since_the_last_digest_is_newly_at_risk_whatever_its_date(
    smtp_inbox, quarter_with_news, role_users
):
    """Dated before the last digest (a week ago), but reported after it: new to the reader."""
    kr3 = quarter_with_news.key_results.get(number=3)
    record_check_in(key_result=kr3, status="off_track", progress=26, note="Late", date=days_ago(9))
    send_digest()
    text = smtp_inbox.messages[0].text
    assert "Newly at risk or off track: 2" in text
    assert f"{quarter_with_news} KR 3: Outcome 3 (Off track, 26%)" in text


def test_a_no_change_check_in_reads_no_change(smtp_inbox, quarter_with_news, role_users):
    kr3 = quarter_with_news.key_results.get(number=3)
    record_no_change(key_result=kr3, recorded_by=role_users["staff"])
    send_digest()
    text = smtp_inbox.messages[0].text
    assert "KR 3: no change (On track, 25%)" in text
    assert text.count("- KR 3:") == 1
