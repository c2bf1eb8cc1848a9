"""Keyboard use, small screens and pages without JavaScript, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from objectives.models import BoroughUpdate

from .conftest import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PUBLIC_PAGES = [
    "/",
    "/quarters/",
    "/quarters/y3-q2/",
    "/quarters/y3-q2/report/",
    "/quarters/y3-q2/key-results/",
    "/quarters/y3-q2/key-results/?borough=camden&status=in_progress",
    "/quarters/y3-q2/key-results/11/",
    "/quarters/y3-q2/key-results/17/",
    "/workstreams/",
    "/workstreams/digital-inclusion/",
    "/boroughs/",
    "/boroughs/westminster/",
    "/partners/",
    "/partners/gla/",
    "/sign-in/",
    "/no-such-page/",
]

FOCUSABLE = """() => [...document.querySelectorAll(
  'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex="-1"])'
)].filter(el => !el.disabled && el.getClientRects().length
             && getComputedStyle(el).visibility !== 'hidden')
  .map(el => el.outerHTML.slice(0, 120))"""

FOCUS_STYLE = """() => {
  const el = document.activeElement, style = getComputedStyle(el);
  return {
    html: el.outerHTML.slice(0, 120),
    visible: style.outlineStyle !== 'none' || style.boxShadow !== 'none',
    detail: [style.outlineStyle, style.outlineColor, style.boxShadow].join(' | '),
  };
}"""


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_the_content(page, site):
    page.goto(f"{site}/quarters/y3-q2/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main-content$"))
    expect(page.locator("#main-content")).to_be_focused()


@pytest.mark.parametrize("path", ["/quarters/y3-q2/", "/quarters/y3-q2/key-results/", "/boroughs/"])
def test_every_control_is_reachable_with_tab_and_shows_focus(page, site, path):
    page.goto(f"{site}{path}")
    controls = page.evaluate(FOCUSABLE)
    reached, invisible = set(), []
    for _ in range(len(controls) + 5):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_STYLE)
        reached.add(focus["html"])
        if not focus["visible"] and not focus["html"].startswith("<body"):
            invisible.append(focus["html"] + " :: " + focus["detail"])
    assert set(controls) <= reached, set(controls) - reached
    assert invisible == []


def test_no_page_scrolls_sideways_at_320_pixels(page, site):
    page.set_viewport_size({"width": 320, "height": 800})
    too_wide = {}
    for path in PUBLIC_PAGES:
        page.goto(f"{site}{path}")
        scroll, client = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if scroll > client:
            too_wide[path] = scroll
    assert too_wide == {}, f"wider than {client}px: {too_wide}"


def test_officer_pages_fit_320_pixels(page, site):
    page.set_viewport_size({"width": 320, "height": 800})
    sign_in(page, site, "camden-officer")
    for path in ["/my-borough/", "/quarters/y3-q2/key-results/17/"]:
        page.goto(f"{site}{path}")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 320, path


def test_tables_stay_readable_at_320_pixels(page, site):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{site}/quarters/y3-q2/key-results/")
    first_row = page.locator("main table tbody tr").first
    # Stacked: each cell on its own line with its column name in front of it.
    expect(first_row.locator("[data-label=Verdict]")).to_be_visible()
    cell = "document.querySelector('main td[data-label=Verdict]')"
    label = page.evaluate(f"() => getComputedStyle({cell}, '::before').content")
    assert "Verdict" in label
    # The dashboard's table names its columns from the stylesheet (no label in each cell).
    page.goto(f"{site}/quarters/y3-q2/")
    cell = "document.querySelector('.app-overview tbody tr:nth-child(2) td:nth-child(4)')"
    assert "Verdict" in page.evaluate(f"() => getComputedStyle({cell}, '::before').content")


@pytest.fixture
def no_js_page(browser):
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_without_javascript_filtering_and_the_quarter_switcher_work(no_js_page, site):
    page = no_js_page
    page.goto(f"{site}/quarters/y3-q2/key-results/")
    page.get_by_label("Workstream").select_option(label="Digital Districts")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("status")).to_contain_text("2 key results found")
    page.get_by_label("Quarter", exact=True).select_option("y3-q2")
    page.get_by_role("button", name="Show quarter").click()
    # The filter still makes sense in the quarter chosen: it is kept.
    expect(page).to_have_url(f"{site}/quarters/y3-q2/key-results/?workstream=digital-districts")
    page.goto(f"{site}/quarters/y3-q2/")
    page.get_by_label("As it stood on").fill("2021-12-01")
    page.get_by_role("button", name="Show", exact=True).click()
    expect(page).to_have_url(f"{site}/quarters/y3-q2/?as_of=2021-12-01")
    expect(page.get_by_text("as its record stood on 1 December 2021")).to_be_visible()


def test_without_javascript_every_form_works(no_js_page, site):
    page = no_js_page
    sign_in(page, site, "camden-officer")
    expect(page).to_have_url(f"{site}/my-borough/")
    page.goto(f"{site}/quarters/y3-q2/key-results/3/")
    page.get_by_label("Your update").fill("Careers day date agreed with Camden's data team.")
    page.get_by_role("button", name="Post update").click()
    expect(page.get_by_text("Your update on KR 3 is published.")).to_be_visible()
    assert BoroughUpdate.objects.count() == 1
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You have signed out.")).to_be_visible()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()


def test_on_a_phone_needs_attention_fits_the_first_screens_mid_quarter(page, site):
    """Mid-quarter, most key results have had no check-in yet: one line says so (with the list
    behind it), so what needs attention ends within the first two screens of a phone."""
    page.set_viewport_size({"width": 375, "height": 667})
    page.goto(f"{site}/quarters/y3-q2/?as_of=2021-12-10")
    summary = page.get_by_text(re.compile(r"\d+ key results have had no check-in yet"))
    expect(summary).to_be_visible()
    key_results_heading = page.locator("#key-results").bounding_box()
    assert key_results_heading["y"] < 2 * 667, key_results_heading
    summary.click()  # the list behind it opens, without JavaScript's help (<details>)
    expect(page.locator(".app-attention__not-yet li").first).to_be_visible()
    # Below, each workstream in a line, every key result and the borough matrix a link away.
    expect(page.get_by_role("link", name="see every key result")).to_be_visible()
    expect(page.locator(".app-overview:not(.app-attention) tbody tr").first).to_be_visible()
    key_result_rows = ".app-overview:not(.app-attention) tbody tr:not(.app-overview__group)"
    expect(page.locator(key_result_rows).first).to_be_hidden()
    expect(page.locator(".app-matrix")).to_be_hidden()
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 8000, height  # 17,183 px before key results became their workstream's line
    page.set_viewport_size({"width": 1280, "height": 800})  # a wide screen shows it all
    expect(page.locator(".app-matrix")).to_be_visible()
    expect(page.get_by_role("link", name="see every key result")).to_be_hidden()
