"""The dashboard's first screen at a laptop's and a phone's size, its pictures, and the board
pack as Chromium prints it to A4 (issue 13)."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from objectives.models import KeyResult, Quarter
from objectives.sample_data import seed_sample_check_ins
from tests.factories import KeyResultFactory, QuarterFactory
from workstreams.models import Workstream

from ..helpers import sample_review

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SIZES = {"laptop": (1280, 800), "phone": (375, 667)}


@pytest.fixture
def running_quarter(site):
    """A quarter half way through, with 16 key results in 4 workstreams and sample check-ins:
    the current quarter, so the home page is its dashboard."""
    today = timezone.localdate()
    quarter = QuarterFactory(
        start_date=today - datetime.timedelta(days=45),
        end_date=today + datetime.timedelta(days=45),
        published_at=timezone.now(),
    )
    for number, workstream in enumerate(list(Workstream.objects.all()[:4]) * 4, start=1):
        KeyResultFactory(quarter=quarter, number=number, workstream=workstream)
    seed_sample_check_ins(quarter=quarter, until=today)
    return quarter


def bottom_of(page, locator):
    box = locator.bounding_box()
    return box["y"] + box["height"]


@pytest.mark.parametrize("size", SIZES, ids=list(SIZES))
def test_a_running_quarter_reads_in_the_first_screen(page, site, running_quarter, size):
    width, height = SIZES[size]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{site}/")
    main = page.locator("main")
    expect(main.get_by_role("heading", level=1)).to_have_text(f"{running_quarter} dashboard")
    first_screen = [
        main.get_by_role("heading", level=1),
        main.get_by_text(re.compile(r"\w+ days? left")),
        main.get_by_text("Overall progress"),
        main.locator(".app-figure__value").first,  # "48% of 50% expected" and its pace
        main.locator(".app-counts"),  # how many key results at each verdict
        main.get_by_role("heading", name="Needs attention"),
    ]
    if size == "laptop":
        # At a laptop's size the first key results needing attention show too.
        first_screen.append(main.locator(".app-attention tbody tr").first)
    for part in first_screen:
        expect(part).to_be_visible()
        assert bottom_of(page, part) <= height, part
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    if size == "laptop":
        # The quarter switcher and the as-of form share one line.
        tops = page.evaluate(
            """() => [...document.querySelectorAll('.app-toolbar form')]
                 .map(form => Math.round(form.getBoundingClientRect().top))"""
        )
        assert len(tops) == 2
        assert len(set(tops)) == 1, tops


@pytest.mark.parametrize("size", SIZES, ids=list(SIZES))
def test_an_ended_quarter_leads_with_how_it_ended(page, site, size):
    sample_review(Quarter.objects.get(slug="y3-q2"))
    width, height = SIZES[size]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{site}/quarters/y3-q2/")
    outcome = page.locator(".app-figure").first
    expect(outcome).to_contain_text("How it ended")
    expect(outcome).to_contain_text("The review: 1 achieved, 24 partly, 0 not")
    assert bottom_of(page, outcome) <= height


def test_the_pictures_read_at_a_phones_size_and_the_matrix_fits_a_laptop(page, site):
    call_command("seed_demo_progress", verbosity=0)
    page.set_viewport_size({"width": 375, "height": 667})
    page.goto(f"{site}/quarters/y3-q2/?as_of=2021-12-01")
    smallest = page.evaluate(
        """() => Math.min(...[...document.querySelectorAll('svg.app-chart text')]
             .map(text => text.getBoundingClientRect().height))"""
    )
    assert smallest >= 12, f"burn-up text {smallest}px high at 375 px"
    page.set_viewport_size({"width": 1280, "height": 800})
    wide, room = page.evaluate(
        """() => { const t = document.querySelector('.app-matrix');
                   return [t.scrollWidth, t.parentElement.clientWidth]; }"""
    )
    assert wide <= room, "a column of the borough matrix is out of sight at 1280 px"


def printed(page):
    return PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))


def page_lines(pdf):
    return [
        [line.strip() for line in (p.extract_text() or "").splitlines() if line.strip()]
        for p in pdf.pages
    ]


@pytest.mark.parametrize("as_of", ["", "2021-12-01"], ids=["ended", "mid-quarter"])
@pytest.mark.parametrize("reviewed", [False, True], ids=["no review", "reviewed"])
def test_the_board_pack_prints_like_a_report(page, site, role_users, as_of, reviewed):
    call_command("seed_demo_progress", verbosity=0)
    if reviewed:
        sample_review(Quarter.objects.get(slug="y3-q2"))
    page.goto(f"{site}/quarters/y3-q2/report/?as_of={as_of}")
    page.emulate_media(media="print")
    pdf = printed(page)
    assert len(pdf.pages) <= (14 if reviewed else 12)
    width, height = pdf.pages[0].mediabox.width, pdf.pages[0].mediabox.height
    assert abs(float(width) - 595.3) < 1.5  # A4 is 595 x 842 points
    assert abs(float(height) - 841.9) < 1.5
    lines = page_lines(pdf)
    text = " ".join(" ".join(page) for page in lines)
    for key_result in KeyResult.objects.filter(quarter__slug="y3-q2"):
        assert f"KR {key_result.number}: {key_result.title[:30]}" in text, key_result.number

    # No heading or table header is the last thing on a page.
    headings = page.evaluate(
        """() => [...document.querySelectorAll('main h1, main h2, main h3, main thead th')]
             .filter(el => el.offsetParent !== null)
             .map(el => el.innerText.trim().replace(/\\s+/g, ' '))"""
    )
    for number, page_text in enumerate(lines[:-1], start=1):
        assert page_text[-1] not in headings, f"page {number} ends with {page_text[-1]!r}"

    # Each workstream's table starts with at least two of its key results (or its only one)
    # on the page its heading is on.
    for workstream in Workstream.objects.filter(key_results__quarter__slug="y3-q2").distinct():
        titles = list(
            KeyResult.objects.filter(quarter__slug="y3-q2", workstream=workstream)
            .order_by("number")
            .values_list("number", flat=True)[:2]
        )
        [heading_page] = [
            i for i, page_text in enumerate(lines) if workstream.name in page_text
        ] or [None]
        assert heading_page is not None, workstream.name
        on_page = " ".join(lines[heading_page])
        for number in titles:
            assert f"KR {number}:" in on_page, (workstream.name, number)

    # Titles get the widest column: at least 40% of the table as the page prints.
    page.set_viewport_size({"width": 680, "height": 1000})  # A4 less its margins, at 96 dpi
    shares = page.evaluate(
        """() => [...document.querySelectorAll('.app-report__key-results')].map(table =>
             table.querySelector('thead th').getBoundingClientRect().width
             / table.getBoundingClientRect().width)"""
    )
    assert shares
    assert min(shares) >= 0.4, shares
