"""Every sentence on a page or in an e-mail is exactly right: the account page names the
officer's borough, sign-in asks for what people know (their email address), a reminder says why
each key result is due, an ended quarter without a review says so, CSV times read as times, and
a double click posts one update."""

import csv
import datetime
import io
import re

from django.test import Client
from django.utils import timezone

from objectives.models import BoroughUpdate, KeyResult, Quarter
from objectives.services import record_check_in

from .app_server import PASSWORD
from .factories import UserFactory
from .helpers import text_of
from .test_reminders import running  # noqa: F401 (the fixture)


def test_the_account_page_names_an_officers_borough(client_as, q2_plan):
    page = text_of(client_as("officer").get("/account/"))
    assert "Role Borough officer, Camden" in page


def test_people_sign_in_with_their_email_address_in_any_letter_case(client, q2_plan):
    UserFactory(username="ada@example.org", email="Ada@Example.org", password=PASSWORD)
    form = text_of(client.get("/sign-in/"))
    assert "Email address" in form
    assert "Username" not in form
    response = client.post("/sign-in/", {"username": "ADA@example.ORG", "password": PASSWORD})
    assert response.status_code == 302
    UserFactory(username="admin", email="boss@example.org", password=PASSWORD)
    other = Client()  # an account made with a username signs in with it, or with its address
    assert other.post("/sign-in/", {"username": "admin", "password": PASSWORD}).status_code == 302
    third = Client()
    signed_in = third.post("/sign-in/", {"username": "boss@example.org", "password": PASSWORD})
    assert signed_in.status_code == 302
    wrong = Client().post("/sign-in/", {"username": "boss@example.org", "password": "nope"})
    assert "Enter a correct email address and password" in text_of(wrong)


def test_a_reminder_says_why_each_key_result_is_due_and_when_the_quarter_ends(
    smtp_inbox,
    running,  # noqa: F811
):
    quarter, _ada, _grace = running
    from django.core.management import call_command

    call_command("send_reminders", stdout=io.StringIO())
    [delivery] = smtp_inbox.messages
    ends = f"{quarter.end_date:%-d %B}"
    for part in (delivery.text, delivery.html):
        assert "2 key results you own are due a check-in" in part
        assert f"No check-in yet this quarter. The quarter ends {ends}." in part
        assert "No check-in since" in part
        assert "has had no check-in" not in part


def test_an_ended_quarter_without_a_review_says_no_review_yet(client, client_as, q2_plan):
    page = text_of(client.get("/quarters/y3-q2/?as_of=2022-01-20"))
    assert "No review yet" in page
    assert "its review records" not in page
    staff_page = client_as("staff").get("/quarters/y3-q2/?as_of=2022-01-20").content.decode()
    assert f"/admin/objectives/quarter/{q2_plan.pk}/review/" in staff_page


def test_csv_times_read_as_london_times_and_json_keeps_iso(client_as, q2_plan):
    kr = KeyResult.objects.get(quarter=q2_plan, number=2)
    check_in = record_check_in(key_result=kr, status="on_track", progress=45, note="On")
    local = timezone.localtime(check_in.recorded_at).strftime("%Y-%m-%d %H:%M")
    rows = list(
        csv.DictReader(
            io.StringIO(
                client_as("staff").get("/quarters/y3-q2/check-ins.csv").content.decode("utf-8-sig")
            )
        )
    )
    assert rows[0]["recorded_at"] == local
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", rows[0]["recorded_at"])
    key_results = list(
        csv.DictReader(
            io.StringIO(
                client_as("staff")
                .get("/quarters/y3-q2/key-results.csv")
                .content.decode("utf-8-sig")
            )
        )
    )
    assert key_results[1]["updated_at"] == local
    data = client_as("staff").get("/quarters/y3-q2/key-results.json").json()
    assert data["key_results"][1]["updated_at"] == check_in.recorded_at.isoformat()


def test_a_double_click_posts_one_update_and_http_links_are_welcome(client_as, q2_plan):
    officer = client_as("officer")
    form = text_of(officer.get("/quarters/y3-q2/key-results/17/"))
    assert "starting with https:// or http://" in form
    data = {"text": "Camden joined the pilot", "link": "http://example.org/camden"}
    for _ in range(2):
        assert officer.post("/quarters/y3-q2/key-results/17/updates/", data).status_code == 302
    assert BoroughUpdate.objects.filter(text="Camden joined the pilot").count() == 1
    assert BoroughUpdate.objects.get().link == "http://example.org/camden"
    assert Quarter.objects.get(slug="y3-q2").key_results.get(number=17).borough_updates.count() == 1


def test_needs_attention_groups_the_key_results_with_no_check_in_yet(client, q2_plan):
    kr = KeyResult.objects.get(quarter=q2_plan, number=17)
    record_check_in(
        key_result=kr,
        status="off_track",
        progress=5,
        note="Stuck",
        date=datetime.date(2021, 11, 20),
    )
    response = client.get("/quarters/y3-q2/?as_of=2021-12-10")
    page = response.content.decode()
    table = page.split('class="app-table app-table--cards app-overview app-attention"')[1]
    table = table.split("</table>")[0]
    assert ">Complete Discovery into Temporary Accommodation in London Boroughs<" in table
    summary = re.search(r"(\d+) key results have had no check-in yet", text_of(response))
    not_yet = int(summary[1])
    assert not_yet >= 15
    details = page.split("app-attention__not-yet")[1].split("</details>")[0]
    assert details.count("<li>") == not_yet
    assert "KR 17:" not in details
