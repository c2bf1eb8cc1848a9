"""Check-in reminders: one message per owner listing what is due, through a real SMTP server,
at most once every REMIND_EVERY_DAYS, never for quarters that are not running."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from notifications.models import SentMessage
from objectives.services import record_check_in

from .factories import KeyResultFactory, PreferencesFactory, QuarterFactory, UserFactory

TODAY = timezone.localdate()


def days_ago(days):
    return TODAY - datetime.timedelta(days=days)


@pytest.fixture
def running(no_plan):
    """A quarter that started 40 days ago: KR 1 checked in 2 days ago (not due), KR 2 never
    (due), KR 3 20 days ago (due), KR 4 complete (never due). Ada owns all four; Grace owns
    KR 1 only, so nothing of hers is due."""
    quarter = QuarterFactory(start_date=days_ago(40), end_date=TODAY + datetime.timedelta(50))
    ada = UserFactory(username="ada", first_name="Ada", last_name="Lovelace", groups=["LOTI staff"])
    grace = UserFactory(username="grace", first_name="Grace", last_name="Hopper")
    krs = [KeyResultFactory(quarter=quarter, number=n, title=f"Outcome {n}") for n in (1, 2, 3, 4)]
    for kr in krs:
        kr.owners.add(ada)
    krs[0].owners.add(grace)
    record_check_in(key_result=krs[0], status="on_track", progress=10, note="Go", date=days_ago(2))
    record_check_in(key_result=krs[2], status="at_risk", progress=5, note="Hm", date=days_ago(20))
    record_check_in(
        key_result=krs[3], status="complete", progress=100, note="Done", date=days_ago(30)
    )
    return quarter, ada, grace


def send_reminders(*args):
    out = io.StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def test_each_owner_gets_one_message_listing_what_is_due_with_links(smtp_inbox, running):
    quarter, ada, _grace = running
    output = send_reminders()
    assert "1 reminder sent." in output
    [delivery] = smtp_inbox.messages
    assert delivery.recipients == ["ada@example.org"]
    assert delivery.subject == "2 key results are due a check-in"
    assert delivery.message["To"] == "Ada Lovelace <ada@example.org>"
    form = f"https://okr.example.org/quarters/{quarter.slug}/key-results/{{}}/check-ins/new/"
    for part in (delivery.text, delivery.html):
        assert "Hello Ada Lovelace," in part
        assert "Outcome 2" in part
        assert "Outcome 3" in part
        assert "Outcome 1" not in part
        assert "Outcome 4" not in part
        assert form.format(2) + "?next=/my-key-results/" in part
        assert form.format(3) in part
    unsubscribe = delivery.message["List-Unsubscribe"].strip().strip("<>")
    assert unsubscribe.startswith("https://okr.example.org/unsubscribe/")
    assert unsubscribe in delivery.text
    assert delivery.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    sent = SentMessage.objects.get()
    assert (sent.recipient, sent.kind) == (ada, "reminder")
    assert sorted(sent.key_results.values_list("number", flat=True)) == [2, 3]


def test_a_second_run_the_same_day_sends_nothing_more(smtp_inbox, running):
    send_reminders()
    assert "0 reminders sent." in send_reminders()
    assert len(smtp_inbox.messages) == 1


def test_a_reminder_comes_again_after_remind_every_days(smtp_inbox, running, settings):
    send_reminders()
    SentMessage.objects.update(sent_at=timezone.now() - datetime.timedelta(days=7, minutes=1))
    send_reminders()
    assert len(smtp_inbox.messages) == 2
    settings.REMIND_EVERY_DAYS = 10
    SentMessage.objects.update(sent_at=timezone.now() - datetime.timedelta(days=8))
    send_reminders()
    assert len(smtp_inbox.messages) == 2


def test_a_dry_run_prints_who_would_get_what_and_sends_nothing(smtp_inbox, running):
    quarter = running[0]
    output = send_reminders("--dry-run")
    assert f"Would remind Ada Lovelace <ada@example.org>: {quarter} KR 2, {quarter} KR 3" in output
    assert "Grace" not in output
    assert smtp_inbox.messages == []
    assert not SentMessage.objects.exists()


def test_a_check_in_clears_what_is_due(smtp_inbox, running):
    quarter, ada, _ = running
    for number in (2, 3):
        kr = quarter.key_results.get(number=number)
        record_check_in(
            key_result=kr, status="on_track", progress=30, note="Moving", recorded_by=ada
        )
    assert "0 reminders sent." in send_reminders()


def test_people_who_stopped_reminders_or_left_get_none(smtp_inbox, running):
    _, ada, _ = running
    PreferencesFactory(user=ada, reminders=False)
    assert "0 reminders sent." in send_reminders()
    ada.email_preferences.delete()
    ada.is_active = False
    ada.save()
    assert "0 reminders sent." in send_reminders()


@pytest.mark.parametrize("shift", [-60, 95], ids=["ended", "upcoming"])
def test_quarters_that_are_not_running_send_nothing(smtp_inbox, running, shift):
    quarter = running[0]
    quarter.start_date += datetime.timedelta(days=shift)
    quarter.end_date += datetime.timedelta(days=shift)
    quarter.save()
    assert "0 reminders sent." in send_reminders()
    assert smtp_inbox.messages == []


def test_the_unsubscribe_link_stops_reminders_without_signing_in(client, smtp_inbox, running):
    send_reminders()
    link = smtp_inbox.messages[0].message["List-Unsubscribe"].strip().strip("<>")
    path = link.removeprefix("https://okr.example.org")
    page = client.get(path)
    assert page.status_code == 200
    assert "Stop check-in reminders?" in page.content.decode()
    ada = running[1]
    ada.refresh_from_db()
    assert not hasattr(ada, "email_preferences")  # looking is not unsubscribing
    done = client.post(path, {"List-Unsubscribe": "One-Click"})  # as a mail client does
    assert "You are unsubscribed" in done.content.decode()
    ada.refresh_from_db()
    assert ada.email_preferences.reminders is False
    SentMessage.objects.all().delete()
    assert "0 reminders sent." in send_reminders()


def test_a_forged_or_mangled_unsubscribe_link_is_refused_with_a_message(client, running):
    for token in ("not-a-token", "WzEsInJlbWluZGVyIl0:forged:signature"):
        response = client.post(f"/unsubscribe/{token}/")
        assert response.status_code == 400
        assert "This unsubscribe link is not valid" in response.content.decode()


def test_a_draft_quarter_sends_nothing(smtp_inbox, running):
    quarter = running[0]
    quarter.published_at = None
    quarter.save()
    assert "0 reminders sent." in send_reminders()
