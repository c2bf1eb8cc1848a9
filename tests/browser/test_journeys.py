"""The journeys of the people the tracker serves, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from objectives.models import BoroughUpdate, CheckIn

from .conftest import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_manager_filters_key_results_by_borough_and_status_and_opens_one(page, site):
    sign_in(page, site, "manager")
    page.goto(f"{site}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Year 3 Q2 dashboard")
    page.get_by_role("link", name="Search and filter the key results").click()
    page.get_by_label("Borough").select_option(label="Camden")
    page.get_by_label("Status").select_option(label="In progress")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"borough=camden.*status=in_progress"))
    expect(page.get_by_role("status")).to_contain_text("1 key result found")
    page.get_by_role(
        "link", name="Complete Discovery into Temporary Accommodation in London Boroughs"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Complete Discovery into Temporary Accommodation in London Boroughs"
    )
    expect(page.get_by_text("Greater London Authority (GLA)")).to_be_visible()


def test_loti_staff_record_a_check_in_in_the_admin_and_the_pages_change(page, site):
    sign_in(page, site, "loti-staff")
    page.goto(f"{site}/admin/objectives/keyresult/?q=Dementia")
    page.get_by_role("link", name="Complete co-design phase of Dementia Care project").click()
    check_in = page.locator("#check_ins-0")
    check_in.get_by_label("Date").fill("01/12/2021")
    check_in.get_by_label("Status").select_option(label="At risk")
    check_in.get_by_label("Progress (%)").fill("35")
    check_in.get_by_label("Confidence").select_option(label="Low")
    check_in.get_by_role("textbox", name="Note").fill(
        "Two care homes have paused the co-design sessions."
    )
    check_in.get_by_label("Record this check-in").check()
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text(
        "Check-in recorded for Year 3 Q2 KR 18: At risk, 35% on 1 December 2021."
    )
    saved = CheckIn.objects.get()
    assert (saved.status, saved.progress, saved.recorded_by.username) == (
        "at_risk",
        35,
        "loti-staff",
    )

    page.goto(f"{site}/quarters/y3-q2/?as_of=2021-12-01")
    attention = page.get_by_role("table", name="Key results needing attention, worst first")
    row = attention.get_by_role("row").filter(has_text="Dementia Care")
    expect(row).to_contain_text("Reported at risk")
    page.goto(f"{site}/quarters/y3-q2/key-results/18/")
    expect(page.get_by_text("Two care homes have paused the co-design sessions.")).to_be_visible()
    expect(page.locator("main")).to_contain_text("35%")


def test_a_borough_officer_posts_an_update_and_cannot_touch_other_boroughs(page, site):
    sign_in(page, site, "camden-officer")
    expect(page).to_have_url(f"{site}/my-borough/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Camden")
    page.get_by_role("link", name=re.compile("KR 17: Complete Discovery")).click()
    page.get_by_label("Your update").fill("Camden's two hostels have joined the discovery.")
    page.get_by_label("Link (optional)").fill("https://camden.example/hostels")
    page.get_by_role("button", name="Post update").click()
    expect(page.get_by_text("Your update on KR 17 is published.")).to_be_visible()
    expect(page.locator("#borough-updates + ul")).to_contain_text(
        "Camden's two hostels have joined"
    )
    assert BoroughUpdate.objects.get().borough.slug == "camden"

    page.goto(f"{site}/quarters/y3-q2/key-results/18/")  # names Westminster, not Camden
    expect(page.get_by_role("button", name="Post update")).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile("edit|change", re.IGNORECASE))).to_have_count(0)
    response = page.goto(f"{site}/quarters/y3-q2/key-results/18/updates/")
    assert response.status == 403
    page.goto(f"{site}/admin/objectives/keyresult/")
    expect(page).to_have_url(re.compile(r"/admin/login/"))


def test_an_officer_signs_in_with_their_council_account(page, site, tenants):
    """Through the Camden tenant's own sign-in and consent pages (a real OpenID provider),
    with the sign-in page's CSP letting its form lead there."""
    from accounts.council_sign_in import save_set_up
    from boroughs.models import Borough

    from ..factories import BoroughLinkFactory, UserFactory

    camden = Borough.objects.get(slug="camden")
    save_set_up(
        borough=camden,
        issuer=tenants["camden"].issuer,
        client_id=tenants["camden"].client_id,
        secret=tenants["camden"].client_secret,
        domains="camden.gov.uk",
    )
    alice = UserFactory(
        username="alice@camden.gov.uk",
        email="alice@camden.gov.uk",
        first_name="Alice",
        last_name="Jones",
        groups=["Borough officers"],
    )
    BoroughLinkFactory(user=alice, borough=camden)

    page.goto(f"{site}/sign-in/")
    page.get_by_label("Email address").fill("alice@camden.gov.uk")
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(re.compile(re.escape(tenants["camden"].issuer)))
    page.locator("input[name=login]").fill("alice@camden.gov.uk")
    page.locator("input[name=password]").fill("any password")
    page.locator("button[type=submit]").click()
    page.locator("button[type=submit]").click()  # the tenant's consent page
    expect(page.get_by_role("heading", level=1)).to_contain_text("Camden")
    expect(page).to_have_url(f"{site}/my-borough/")
    expect(page.get_by_text("Signed in as Alice Jones")).to_be_visible()
    page.goto(f"{site}/account/")
    expect(page.get_by_text("With your Camden Microsoft account")).to_be_visible()


def test_the_api_docs_page_works_under_the_sites_csp(page, site):
    """Swagger UI from django-ninja's own files: nothing from another host, nothing the CSP
    refuses."""
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    other_hosts = []
    page.on(
        "request",
        lambda request: (
            other_hosts.append(request.url)
            if not request.url.startswith(site) and not request.url.startswith("data:")
            else None
        ),
    )
    page.goto(f"{site}/api/v1/docs")
    expect(page.get_by_text("LOTI OKR tracker API").first).to_be_visible()
    expect(page.get_by_text("/api/v1/quarters/{slug}/key-results").first).to_be_visible()
    assert not other_hosts, other_hosts
    assert not refused, refused
