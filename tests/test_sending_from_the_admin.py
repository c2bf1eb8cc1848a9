"""LOTI staff preview and send reminders and the digest from the admin, under the same
once-a-period rules as the commands; the page says when each last went, to how many, and what
failed."""

from notifications.models import FailedMessage, SentMessage

from .helpers import text_of
from .mail_server import free_port
from .test_reminders import running  # noqa: F401 (the fixture)

PAGE = "/admin/notifications/sentmessage/send/"


def test_staff_preview_who_gets_what_and_why_then_send_once(
    client_as,
    smtp_inbox,
    running,  # noqa: F811
):
    quarter, _ada, _grace = running
    staff = client_as("staff")
    page = text_of(staff.get(PAGE))
    assert "Check-in reminders" in page
    assert "Not sent yet." in page
    assert "Sending now would send 1 message" in page
    assert f"Due a check-in: {quarter} KR 2, {quarter} KR 3" in page
    assert "Subject: 2 key results are due a check-in" in page
    assert "No check-in yet this quarter." in page  # the message itself, as it would read
    assert smtp_inbox.messages == []  # a preview sends nothing
    done = text_of(staff.post(PAGE, {"kind": "reminder"}, follow=True))
    assert "Sent 1 check-in reminder." in done
    assert [d.recipients for d in smtp_inbox.messages] == [["ada@example.org"]]
    assert "to 1 person that day" in done
    again = text_of(staff.post(PAGE, {"kind": "reminder"}, follow=True))
    assert "Sent 0 check-in reminders." in again  # once a period, as the command
    assert len(smtp_inbox.messages) == 1


def test_a_failure_is_said_and_kept_on_the_page(
    client_as,
    smtp_inbox,
    settings,
    running,  # noqa: F811
):
    settings.EMAIL_PORT = free_port()  # no mail server
    staff = client_as("staff")
    done = text_of(staff.post(PAGE, {"kind": "reminder"}, follow=True))
    assert "1 could not be sent" in done
    assert FailedMessage.objects.get().recipient.username == "ada"
    assert "Could not be sent lately" in text_of(staff.get(PAGE))
    assert not SentMessage.objects.exists()


def test_only_loti_staff_send(client_as, q2_plan):
    assert client_as("manager").get(PAGE).status_code in (302, 403)
    assert client_as("officer").post(PAGE, {"kind": "digest"}).status_code in (302, 403)


def test_loti_staff_read_what_was_sent_from_the_breadcrumbs(client_as, q2_plan):
    staff = client_as("staff")
    assert staff.get("/admin/notifications/sentmessage/").status_code == 200
    assert staff.get("/admin/notifications/failedmessage/").status_code == 200
    assert staff.get("/admin/notifications/sentmessage/add/").status_code == 403
