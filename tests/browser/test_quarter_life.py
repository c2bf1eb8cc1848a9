"""A quarter's whole life in a real browser: LOTI staff import a plan in the admin (seeing a
near-miss workstream name refused, then fixed), publish it as upcoming while the current quarter
stays on the home page, close Year 3 Q2 with outcomes and a retrospective, publish the review;
an anonymous reader opens the review and the new plan's text; staff download the new plan's
file, read the format, and open reminders and the digest, all in the browser."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from objectives.models import KeyResult

from .conftest import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "example-plan.yaml"


def test_import_publish_close_and_read_the_review(page, browser, site, tmp_path):
    sign_in(page, site, "loti-staff")
    page.goto(f"{site}/admin/objectives/quarter/")
    page.get_by_role("link", name="Import a plan").click()
    slip = tmp_path / "plan.yaml"
    slip.write_text(
        EXAMPLE.read_text().replace("name: Digital Inclusion", "name: Digital Inclusoin")
    )
    page.set_input_files("#id_file", str(slip))
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator(".app-plan-problems")).to_contain_text('did you mean "Digital Inclusion"?')
    page.set_input_files("#id_file", str(EXAMPLE))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("heading", name="Check what it would create")).to_be_visible()
    page.get_by_role("button", name="Import Year 9 Q1 as a draft").click()
    expect(page.locator("body")).to_contain_text("Not yet published")

    page.goto(f"{site}/admin/objectives/quarter/")
    page.get_by_role("row", name="Year 9 Q1").get_by_role("checkbox").check()
    page.get_by_label("Action:").select_option("publish_action")
    page.get_by_role("button", name="Go").click()
    page.get_by_role("button", name="Yes, publish").click()
    expect(page.locator(".messagelist")).to_contain_text("Published Year 9 Q1")

    reader = browser.new_context().new_page()
    reader.goto(f"{site}/")
    expect(reader.get_by_role("heading", level=1)).to_contain_text("Year 3 Q2")
    expect(reader.locator("body")).to_contain_text("Year 9 Q1 starts on 16 July 2027")
    reader.goto(f"{site}/quarters/")
    expect(reader.get_by_role("row", name="Year 9 Q1").first).to_contain_text("Upcoming")

    page.goto(f"{site}/admin/objectives/quarter/")
    page.get_by_role("link", name="Review Year 3 Q2").click()
    for kr in KeyResult.objects.filter(quarter__slug="y3-q2").order_by("number"):
        outcome = "achieved" if kr.number <= 10 else "partly"
        page.get_by_label(f"Outcome of KR {kr.number}", exact=True).select_option(outcome)
        score = "0.9" if kr.number <= 10 else "0.4"
        page.get_by_label(f"Score of KR {kr.number}", exact=True).select_option(score)
    page.get_by_label("What went well").fill("Ten boroughs joined the data academy.")
    page.get_by_label("What did not go well").fill("Procurement slowed two projects.")
    page.get_by_label("What we will try next quarter").fill("Fewer, sharper key results.")
    page.get_by_role("button", name="Save and publish").click()
    # "Achieved" at 0% Not started contradicts how KR 1-10 ended: the page asks to confirm each.
    keep = page.get_by_label("Keep this outcome, though it disagrees with how the key result ended")
    expect(keep).to_have_count(10)
    for box in keep.all():
        box.check()
    page.get_by_role("button", name="Save and publish").click()
    expect(page.locator(".messagelist")).to_contain_text("The review of Year 3 Q2 is published.")

    reader.goto(f"{site}/quarters/y3-q2/review/")
    expect(reader.get_by_role("heading", level=1)).to_have_text("What LOTI delivered in Year 3 Q2")
    expect(reader.locator("main")).to_contain_text("10 achieved")
    expect(reader.locator("main")).to_contain_text("Procurement slowed two projects.")
    reader.goto(f"{site}/quarters/y9-q1/plan.txt")
    expect(reader.locator("body")).to_contain_text("What can you expect from LOTI in Q1?")
    reader.context.close()

    # Still without a terminal: the plan file, the format, and reminders and the digest.
    page.goto(f"{site}/admin/objectives/quarter/")
    with page.expect_download() as download:
        page.get_by_role("row", name="Year 9 Q1").get_by_role("link", name="YAML").click()
    assert download.value.suggested_filename == "y9-q1.yaml"
    assert "Publish an example data sharing guide" in Path(download.value.path()).read_text()
    page.get_by_role("link", name="Import a plan").click()
    page.get_by_role("link", name="the plan file format").click()
    expect(page.get_by_role("heading", name="Plan files", level=1)).to_be_visible()
    page.goto(f"{site}/admin/objectives/quarter/")
    page.get_by_role("link", name="Reminders and digest").click()
    expect(page.get_by_role("heading", name="Check-in reminders")).to_be_visible()
