"""Browser tests: Debian's Chromium, driven by Playwright, against a live server of the app.

Nothing is downloaded: Playwright launches /usr/bin/chromium. Without it these tests are
skipped with a reason (pytest prints it); with CI=true a missing Chromium fails the run.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
STYLESHEET = Path(__file__).resolve().parents[2] / "assets" / "dist" / "css" / "app.css"
PASSWORD = "a-long-test-password"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        message = f"{CHROMIUM} is not installed (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"Browser tests need Chromium in CI: {message}", pytrace=False)
        pytest.skip(f"Browser tests skipped: {message}")
    if not STYLESHEET.exists():
        pytest.fail("Browser tests need the stylesheet: run `make assets` first", pytrace=False)
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session", autouse=True)
def _database_contents_for_the_event_loop(playwright, serialized_test_database):
    """Playwright's sync API runs an event loop, and inside it Django hands out a fresh
    connection object that lacks the migrated data kept for serialized rollback; give it that."""
    from django.db import connections

    if serialized_test_database is not None:
        connections["default"]._test_serialized_contents = serialized_test_database


@pytest.fixture
def site(live_server, q2_plan, role_users):
    """The live server's address, with the Q2 plan and a user for each role."""
    return live_server.url


def sign_in(page, site, username, password=PASSWORD):
    page.goto(f"{site}/sign-in/")
    page.get_by_label("Email address").fill(username)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
