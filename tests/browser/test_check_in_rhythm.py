"""The check-in rhythm in a real browser: an owner follows a reminder e-mail to the check-in
form and sees the result on the dashboard; two staff record at once and both count; an invited
officer chooses a password from the e-mail and lands on My borough. Messages travel through the
test session's real SMTP server."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from notifications.invitations import set_password_url
from notifications.sending import unsubscribe_url
from objectives.models import CheckIn

from ..factories import KeyResultFactory, QuarterFactory, UserFactory
from ..helpers import SAMPLE_UPDATE_PK, sample_borough_update
from .conftest import PASSWORD, sign_in
from .test_print_and_accessibility import violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def link_in(text, pattern):
    return re.search(pattern, text).group(0)


def test_an_owner_follows_a_reminder_records_a_check_in_and_sees_it_on_the_dashboard(
    page, site, smtp_inbox, settings
):
    settings.SITE_URL = site
    today = timezone.localdate()
    quarter = QuarterFactory(
        start_date=today - datetime.timedelta(days=30),
        end_date=today + datetime.timedelta(days=60),
    )
    owner = UserFactory(username="olu", first_name="Olu", last_name="Owner", groups=["Managers"])
    key_result = KeyResultFactory(quarter=quarter, number=3, title="Publish the skills guide")
    key_result.owners.add(owner)
    call_command("send_reminders")
    [delivery] = smtp_inbox.messages
    url = link_in(delivery.text, rf"{re.escape(site)}/quarters/\S+/check-ins/new/\S+")

    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    page.get_by_label("Email address").fill("olu")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Record a check-in")
    page.get_by_label("Status").select_option(label="On track")
    page.get_by_label("Progress (%)").fill("30")
    page.get_by_role("button", name="Record the check-in").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a note saying what changed")
    page.get_by_role("textbox", name="Note").fill("Draft guide shared with six boroughs.")
    page.get_by_role("button", name="Record the check-in").click()
    expect(page).to_have_url(f"{site}/my-key-results/")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Check-in recorded for KR 3")
    page.goto(f"{site}/quarters/{quarter.slug}/")
    row = page.get_by_role("row").filter(has_text="Publish the skills guide").first
    expect(row).to_contain_text("30%")
    assert CheckIn.objects.get().recorded_by == owner


def test_two_staff_record_on_one_key_result_at_the_same_time_and_both_show(
    browser, site, role_users
):
    UserFactory(
        username="second-staff",
        first_name="Sol",
        last_name="Second",
        is_staff=True,
        groups=["LOTI staff"],
    )
    pages = []
    for username in ("loti-staff", "second-staff"):
        context = browser.new_context()
        page = context.new_page()
        sign_in(page, site, username)
        page.goto(f"{site}/quarters/y3-q2/key-results/17/check-ins/new/")
        pages.append(page)
    for page, progress, note in zip(
        pages, ("40", "45"), ("First view of the week.", "Second view, same hour."), strict=True
    ):
        page.get_by_label("Progress (%)").fill(progress)
        page.get_by_role("textbox", name="Note").fill(note)
    for page in pages:  # both forms were open before either was sent
        page.get_by_role("button", name="Record the check-in").click()
        expect(page).to_have_url(f"{site}/quarters/y3-q2/key-results/17/")
    pages[0].reload()
    content = pages[0].content()
    assert "First view of the week." in content
    assert "Second view, same hour." in content
    assert sorted(CheckIn.objects.values_list("progress", flat=True)) == [40, 45]
    for page in pages:
        page.context.close()


def test_an_invited_officer_chooses_a_password_and_lands_on_my_borough(
    page, site, smtp_inbox, settings
):
    settings.SITE_URL = site
    call_command(
        "invite",
        "nia@camden.example",
        "--role",
        "officer",
        "--borough",
        "camden",
        "--name",
        "Nia Okafor",
    )
    [delivery] = smtp_inbox.messages
    page.goto(link_in(delivery.text, rf"{re.escape(site)}/account/set-password/\S+"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose a password")
    page.get_by_label("New password", exact=True).fill("camden-hostels-2021")
    page.get_by_label("Type the new password again").fill("camden-hostels-2021")
    page.get_by_role("button", name="Save the password and sign in").click()
    expect(page).to_have_url(f"{site}/my-borough/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Camden")
    expect(page.locator("body")).to_contain_text("Your password is set and you are signed in.")
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, site, "nia@camden.example", "camden-hostels-2021")
    expect(page).to_have_url(f"{site}/my-borough/")


def test_the_account_password_unsubscribe_and_update_pages_pass_axe_fit_320_px_and_need_no_js(
    browser, site, settings, role_users
):
    settings.SITE_URL = site
    officer = role_users["officer"]
    sample_borough_update(officer)
    pages = {
        "forgot password": "/forgot-password/",
        "forgot password, sent": "/forgot-password/sent/",
        "set password": set_password_url(role_users["manager"]).removeprefix(site),
        "set password, bad link": "/account/set-password/MQ/bad-token/",
        "unsubscribe": unsubscribe_url(role_users["manager"], "digest").removeprefix(site),
    }
    signed_in = {
        "account": "/account/",
        "correct an update": f"/borough-updates/{SAMPLE_UPDATE_PK}/edit/",
        "withdraw an update": f"/borough-updates/{SAMPLE_UPDATE_PK}/withdraw/",
    }
    # axe runs in the page, so this part has JavaScript; the form below works without it.
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    found, too_wide = {}, {}
    for group in (pages, signed_in):
        if group is signed_in:
            sign_in(page, site, "camden-officer")
        for name, path in group.items():
            page.goto(f"{site}{path}")
            if problems := violations(page):
                found[name] = problems
            if page.evaluate("() => document.documentElement.scrollWidth") > 320:
                too_wide[name] = path
    assert found == {}
    assert too_wide == {}
    context.close()
    # Without JavaScript, by keyboard: the account form saves.
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, site, "camden-officer")
    page.goto(f"{site}/account/")
    page.get_by_label("Send me the weekly digest").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Save your choices").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your e-mail choices")
    officer.email_preferences.refresh_from_db()
    assert officer.email_preferences.digest is True
    context.close()


def test_the_admins_key_result_select_never_widens_the_page(page, site):
    sign_in(page, site, "loti-staff")
    for width in (1280, 768):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(f"{site}/admin/objectives/checkin/add/")
        select = page.get_by_label("Key result")
        expect(select).to_contain_text("Year 3 Q2 KR 17: ")
        right = page.evaluate(
            "() => document.querySelector('#id_key_result').getBoundingClientRect().right"
        )
        assert right <= width, (width, right)
