"""Every page type is valid HTML: the Nu HTML Checker (vnu.jar, from npm's vnu-jar) reads the
pages each role gets, with sample data, a review and a borough update, and finds no error.

The checker needs Java (Debian's default-jre-headless; `.ci/run` installs it) and `make assets`
(which installs vnu-jar); without either the test is skipped, and with CI=true it fails.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

from .factories import CouncilSignInFactory
from .helpers import SAMPLE_URLS, admin_urls, sample_borough_update, sample_review

VNU = (
    Path(__file__).resolve().parents[1] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)

# Pages beyond each named URL's sample address: other states of the same views.
MORE_PAGES = [
    "/quarters/y3-q2/?as_of=2021-12-01",
    "/quarters/y3-q2/?as_of=2021-12-01&map=count",
    "/quarters/y3-q2/?as_of=not-a-date",  # the dashboard with its error summary (400)
    "/quarters/y3-q2/report/?as_of=2021-12-01",
    "/quarters/y3-q2/key-results/?status=at_risk&q=data",
    "/quarters/y3-q2/key-results/?status=nonsense",  # the filter's error summary (400)
    "/no-such-page/",  # 404
]


def checker():
    java = shutil.which("java")
    if java and VNU.exists():
        return [java, "-Xss2m", "-jar", str(VNU)]
    message = "the Nu HTML Checker needs Java and node_modules/vnu-jar (make assets)"
    if os.environ.get("CI") == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def test_every_page_type_is_valid_html_for_every_role(client_as, q2_plan, role_users, tmp_path):
    command = checker()
    call_command("seed_demo_progress", verbosity=0)
    sample_borough_update(role_users["officer"])
    sample_review(q2_plan)
    pages = {}
    for role in ("anonymous", "officer", "manager", "staff"):
        client = client_as(role)
        urls = [*SAMPLE_URLS.values(), *MORE_PAGES]
        if role == "staff":
            urls += admin_urls(q2_plan)
        for url in urls:
            response = client.get(url)
            if "text/html" not in response.get("Content-Type", "") or not response.content:
                continue  # redirects and downloads
            name = f"{len(pages):03d}-{role}.html"
            (tmp_path / name).write_bytes(response.content)
            pages[name] = f"{role} {url} ({response.status_code})"
    assert len(pages) > 100
    assert_valid(command, tmp_path, pages)


def assert_valid(command, folder, pages):
    """The checker finds no error in the files of `folder` (`pages` names each file's page)."""
    result = subprocess.run(
        [*command, "--errors-only", "--format", "json", *sorted(map(str, folder.iterdir()))],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{pages[Path(m['url']).name]} line {m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error"
    ]
    assert not errors, "\n".join(sorted(set(errors))[:40])


def test_the_sign_in_steps_and_a_refused_council_sign_in_are_valid_html(client, q2_plan, tmp_path):
    """Pages only a POST or a council's sign-in reaches: the password step, its error, and the
    page a failed council sign-in ends on (here a state the tracker never gave)."""
    command = checker()
    CouncilSignInFactory()
    answers = {
        "password step": client.post("/sign-in/", {"username": "pat@example.org"}),
        "password error": client.post(
            "/sign-in/", {"username": "pat@example.org", "password": "x"}
        ),
        "council refused": client.get("/sign-in/council/camden/callback/?state=made-up&code=x"),
    }
    assert answers["council refused"].status_code == 400
    pages = {}
    for page, answer in answers.items():
        assert b"<form" in answer.content or page == "council refused"
        name = f"{len(pages):03d}.html"
        (tmp_path / name).write_bytes(answer.content)
        pages[name] = page
    assert_valid(command, tmp_path, pages)
