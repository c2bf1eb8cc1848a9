"""The board pack printed by Chromium, and axe-core's WCAG 2.2 A and AA rules on every page type."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from objectives.models import KeyResult

from .conftest import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WCAG_22_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

PAGE_TYPES = {
    "dashboard": "/quarters/y3-q2/",
    "dashboard as of a day": "/quarters/y3-q2/?as_of=2021-12-01",
    "key result list with filters": "/quarters/y3-q2/key-results/?borough=camden&status=scoping",
    "key result list with a filter error": "/quarters/y3-q2/key-results/?borough=atlantis",
    "key result": "/quarters/y3-q2/key-results/17/",
    "workstream": "/workstreams/digital-inclusion/",
    "workstream index": "/workstreams/",
    "borough index": "/boroughs/",
    "borough": "/boroughs/camden/",
    "partner index": "/partners/",
    "partner": "/partners/gla/",
    "quarters": "/quarters/",
    "board pack": "/quarters/y3-q2/report/",
    "sign in": "/sign-in/",
    "404 page": "/no-such-page/",
    "400 page": "/quarters/y3-q2/?as_of=someday",
}


def violations(page):
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_A_AA}})
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize("sample_data", [False, True], ids=["plan only", "with sample data"])
def test_axe_finds_no_wcag_22_a_or_aa_violation_on_any_page_type(page, site, sample_data):
    if sample_data:
        call_command(
            "seed_demo_progress", "--quarter", "y3-q2", "--until", "2021-12-31", verbosity=0
        )
    found = {}
    for name, path in PAGE_TYPES.items():
        page.goto(f"{site}{path}")
        if problems := violations(page):
            found[name] = problems
    assert found == {}


def test_axe_finds_no_violation_on_the_officers_pages(page, site):
    sign_in(page, site, "camden-officer")
    found = {}
    for name, path in {
        "my borough": "/my-borough/",
        "key result with the update form": "/quarters/y3-q2/key-results/17/",
        "update form with errors": None,
    }.items():
        if path is None:
            page.goto(f"{site}/quarters/y3-q2/key-results/17/")
            page.get_by_role("button", name="Post update").click()
        else:
            page.goto(f"{site}{path}")
        if problems := violations(page):
            found[name] = problems
    assert found == {}


def test_charts_and_the_map_are_described_for_screen_readers(page, site):
    page.goto(f"{site}/quarters/y3-q2/?as_of=2021-10-16")
    burn_up = page.get_by_role("img", name="Quarter burn-up")
    assert burn_up.count() == 1
    assert "week by week" in page.locator("#burn-up-desc").text_content()
    assert page.get_by_role("img", name="Digital Inclusion: 1 not started, 6 on track").count() == 1
    camden = page.get_by_role("link", name="CMD 0%: Camden, 4 key results, 0% average progress")
    assert camden.count() == 1
    camden.focus()
    camden.press("Enter")
    assert page.url.endswith("/boroughs/camden/?quarter=y3-q2")


def test_my_key_results_is_accessible_fits_320_pixels_and_works_by_keyboard(page, site, role_users):
    staff = role_users["staff"]
    for number in (14, 17):
        KeyResult.objects.get(quarter__slug="y3-q2", number=number).owners.add(staff)
    sign_in(page, site, "loti-staff")
    assert page.url == f"{site}/my-key-results/"  # where LOTI staff land
    assert violations(page) == []
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    page.get_by_label("No change on KR 14").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Record “no change” on the ticked key results").click()
    assert "Recorded “no change” on KR 14." in page.content()


def test_the_check_in_form_is_accessible_fits_320_pixels_and_works_by_keyboard(page, site):
    sign_in(page, site, "loti-staff")
    page.goto(f"{site}/quarters/y3-q2/key-results/17/")
    page.get_by_role("link", name="Record a check-in").click()
    assert violations(page) == []
    page.get_by_label("Date").fill("2201-12-01")
    page.get_by_role("button", name="Record the check-in").click()
    assert "There is a problem" in page.content()
    assert violations(page) == []
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    page.get_by_label("Date").fill("2021-12-01")
    page.get_by_label("Progress (%)").fill("45")
    page.get_by_role("textbox", name="Note").fill("Typed with the keyboard alone.")
    page.get_by_role("textbox", name="Note").press("Tab")
    page.get_by_role("button", name="Record the check-in").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site}/quarters/y3-q2/key-results/17/")
    assert "Check-in recorded for KR 17" in page.content()
    assert "Typed with the keyboard alone." in page.content()
