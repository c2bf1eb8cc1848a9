"""Rough edges a visitor meets: nothing the page asks for is missing (the favicon included)."""

import pytest
from django.core.management import call_command

from objectives.models import Quarter
from tests.helpers import admin_urls

from .conftest import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_no_request_of_a_page_fails_favicon_included(page, site):
    failed = []
    page.on("response", lambda r: failed.append((r.status, r.url)) if r.status >= 400 else None)
    for path in ("/", "/quarters/y3-q2/key-results/", "/boroughs/"):
        page.goto(f"{site}{path}")
        page.wait_for_load_state("networkidle")
    icon = page.evaluate("() => document.querySelector('link[rel=icon]').href")
    assert page.request.get(icon).status == 200
    assert failed == []


def test_the_admin_looks_like_the_service_and_clips_no_column_at_1280_pixels(page, site):
    call_command("seed_demo_progress", verbosity=0)
    sign_in(page, site, "loti-staff")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{site}/admin/")
    header = page.locator("#header")
    # GOV.UK's black header and the service's name, leading back to the service's pages.
    assert header.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(11, 12, 12)"
    service = header.get_by_role("link", name="LOTI OKR", exact=True)
    assert service.get_attribute("href") == "/"
    assert "arial" in page.evaluate("getComputedStyle(document.body).fontFamily").lower()
    clipped = {}
    for url in admin_urls(Quarter.objects.get(slug="y3-q2")):
        page.goto(f"{site}{url}")
        too_wide = page.evaluate(
            """() => [...document.querySelectorAll('#content table')]
                 .filter(t => !t.closest('.inline-related, .tabular'))
                 .filter(t => t.getBoundingClientRect().right > window.innerWidth + 0.5
                              || t.scrollWidth > t.parentElement.clientWidth + 0.5)
                 .length"""
        )
        if too_wide or page.evaluate("document.documentElement.scrollWidth") > 1280:
            clipped[url] = too_wide
    assert clipped == {}


@pytest.mark.parametrize("width", [1280, 320])
def test_quarter_selects_never_cut_their_text(page, site, width):
    page.set_viewport_size({"width": width, "height": 800})
    for path in ("/quarters/y3-q2/", "/quarters/y3-q2/key-results/", "/quarters/y3-q2/report/"):
        page.goto(f"{site}{path}")
        room, needed = page.evaluate(
            """() => {
                const select = document.querySelector('#quarter-switcher');
                const style = getComputedStyle(select);
                const context = document.createElement('canvas').getContext('2d');
                context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
                const longest = Math.max(...[...select.options]
                    .map(option => context.measureText(option.text).width));
                const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
                return [select.clientWidth - padding, longest];
            }"""
        )
        assert needed <= room, (path, needed, room)
