"""Lighthouse (npm's lighthouse, driving Debian's Chromium) scores the dashboard as a laptop
reads it: accessibility, best practices and performance.

Performance is timed on whatever machine runs the suite, so a busy CI machine may cost it a
point or two: the test asks for 95 or more and prints the figure (100 measured while writing
it, see the README); the other two categories are checks, not timings, and must be 100.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

from .conftest import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LIGHTHOUSE = Path(__file__).resolve().parents[2] / "node_modules" / ".bin" / "lighthouse"


def test_the_dashboard_scores_100_for_accessibility_and_best_practices(site, tmp_path):
    if not (LIGHTHOUSE.exists() and shutil.which("node") and os.path.exists(CHROMIUM)):
        message = "Lighthouse needs node, node_modules (make assets) and Chromium"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    call_command("seed_demo_progress", verbosity=0)
    report = tmp_path / "report.json"
    command = [
        str(LIGHTHOUSE),
        f"{site}/quarters/y3-q2/",
        "--preset=desktop",
        "--only-categories=accessibility,best-practices,performance",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        "--output=json",
        f"--output-path={report}",
        "--quiet",
    ]
    # Lighthouse now and then loses its Chromium on a busy machine and exits before scoring
    # anything (seen once, in a full run of the suite): one more try then, never for a low score.
    for _attempt in (1, 2):
        run = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=240,
            env={**os.environ, "CHROME_PATH": CHROMIUM},
        )
        if run.returncode == 0:
            break
    assert run.returncode == 0, f"Lighthouse failed twice:\n{run.stderr[-2000:]}"
    result = json.loads(report.read_text())
    scores = {name: category["score"] for name, category in result["categories"].items()}
    failing = sorted(
        audit["id"]
        for audit in result["audits"].values()
        if audit.get("scoreDisplayMode") == "binary" and audit.get("score") == 0
    )
    print("Lighthouse scores:", scores)
    assert scores["accessibility"] == 1, failing
    assert scores["best-practices"] == 1, failing
    assert scores["performance"] >= 0.95, scores
