"""Lighthouse (npm's lighthouse, driving Debian's Chromium) scores the dashboard as a laptop
reads it: accessibility and best practices must be 100 (checks, in `make test`); performance,
a timing on whatever machine runs it, must be 95 or more (`make perf`, run by `make bench` and
CI's perf step).
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


def lighthouse(site, tmp_path, categories):
    """Lighthouse's scores of the dashboard with sample data, and its failing binary audits."""
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
        f"--only-categories={categories}",
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
    return scores, failing


def test_the_dashboard_scores_100_for_accessibility_and_best_practices(site, tmp_path):
    scores, failing = lighthouse(site, tmp_path, "accessibility,best-practices")
    assert scores["accessibility"] == 1, failing
    assert scores["best-practices"] == 1, failing


@pytest.mark.perf
def test_the_dashboard_scores_95_or_more_for_performance(site, tmp_path):
    scores, _failing = lighthouse(site, tmp_path, "performance")
    assert scores["performance"] >= 0.95, scores
