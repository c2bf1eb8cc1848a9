"""Rough edges a visitor meets: nothing the page asks for is missing (the favicon included)."""

import pytest

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
