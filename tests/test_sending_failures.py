"""One message that cannot be sent never stops the others: the run goes on, logs and counts it,
and exits non-zero; an invitation whose e-mail could not be sent is kept, with a message saying
so. Through the session's real SMTP server (which refuses one domain), or none at all."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from notifications.models import SentMessage

from .helpers import text_of
from .mail_server import Inbox, free_port
from .test_reminders import running  # noqa: F401 (the fixture)

User = get_user_model()


def run(command):
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command(command, stdout=out, stderr=err)
    return str(failure.value), out.getvalue(), err.getvalue()


def owner_of_everything_due(running, username, email, **names):  # noqa: F811
    quarter, _ada, _grace = running
    person = User.objects.create(username=username, email=email, **names)
    for key_result in quarter.key_results.all():
        key_result.owners.add(person)
    return person


def test_a_refused_address_is_counted_and_everyone_else_is_reminded(smtp_inbox, running):  # noqa: F811
    owner_of_everything_due(running, "gone", f"gone{Inbox.REFUSED_DOMAIN}", first_name="Gone")
    failure, out, err = run("send_reminders")
    assert "1 reminder could not be sent" in failure
    assert "Could not send Gone <gone@refused.example.org>: the mail server refused" in err
    assert "1 reminder sent." in out
    assert [d.recipients for d in smtp_inbox.messages] == [["ada@example.org"]]
    assert SentMessage.objects.filter(recipient__username="gone").count() == 0  # tried again


def test_an_address_no_header_can_hold_is_counted_and_the_run_goes_on(smtp_inbox, running):  # noqa: F811
    person = owner_of_everything_due(running, "odd", "odd@example.org")
    User.objects.filter(pk=person.pk).update(email="odd@example.org\nBcc: x@example.org")
    failure, _out, _err = run("send_reminders")
    assert "1 reminder could not be sent" in failure
    assert [d.recipients for d in smtp_inbox.messages] == [["ada@example.org"]]


def test_a_name_stored_with_a_line_break_is_sent_on_one_line(smtp_inbox, running):  # noqa: F811
    person = owner_of_everything_due(running, "two", "two@example.org")
    User.objects.filter(pk=person.pk).update(first_name="Two\nLines")
    call_command("send_reminders", stdout=io.StringIO())
    to = sorted(d.message["To"] for d in smtp_inbox.messages)
    assert to == ["Ada Lovelace <ada@example.org>", "Two Lines <two@example.org>"]


def test_with_no_mail_server_every_reminder_is_counted_and_none_is_recorded(
    smtp_inbox,
    settings,
    running,  # noqa: F811
):
    settings.EMAIL_PORT = free_port()  # nothing listens there
    failure, _out, err = run("send_reminders")
    assert "1 reminder could not be sent" in failure
    assert "could not be reached" in err
    assert not SentMessage.objects.exists()


def test_an_invitation_that_could_not_be_sent_is_kept_with_a_message(
    client_as, q2_plan, smtp_inbox, settings
):
    settings.EMAIL_PORT = free_port()
    response = client_as("staff").post(
        "/admin/auth/user/invite/",
        {"email": "new@example.org", "name": "New Person", "role": "manager"},
        follow=True,
    )
    assert response.status_code == 200
    page = text_of(response)
    assert "Invited new@example.org, but the invitation could not be sent" in page
    assert "Send the invitation again" in page
    assert User.objects.filter(email="new@example.org", is_active=True).exists()
    with pytest.raises(CommandError, match="could not be sent"):
        call_command("invite", "other@example.org", role="manager", stdout=io.StringIO())
    assert User.objects.filter(email="other@example.org").exists()
