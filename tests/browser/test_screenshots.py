"""`make screenshots`: regenerates docs/screenshots/*.png with sample data. Not run by make test."""

from pathlib import Path

import pytest
from django.core.management import call_command

from objectives.models import KeyResult

from .conftest import sign_in

pytestmark = [
    pytest.mark.screenshots,
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FOLDER = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
DESKTOP = {"width": 1280, "height": 1600}
PHONE = {"width": 375, "height": 1400}


def test_regenerate_screenshots(page, site):
    FOLDER.mkdir(parents=True, exist_ok=True)
    call_command("seed_demo_progress", "--quarter", "y3-q2", "--until", "2021-12-10", verbosity=0)
    page.set_viewport_size(DESKTOP)
    shots = {
        "dashboard.png": "/quarters/y3-q2/?as_of=2021-12-10",
        "key-result.png": "/quarters/y3-q2/key-results/17/",
        "boroughs-map.png": "/boroughs/",
        "board-pack.png": "/quarters/y3-q2/report/?as_of=2021-12-10",
    }
    for name, path in shots.items():
        page.goto(f"{site}{path}")
        page.screenshot(path=FOLDER / name)
    page.goto(f"{site}/quarters/y3-q2/?as_of=2021-12-10")
    page.locator("#pictures").evaluate("el => el.scrollIntoView()")  # the charts and the map
    page.screenshot(path=FOLDER / "dashboard-pictures.png")
    page.set_viewport_size(PHONE)
    page.goto(f"{site}/quarters/y3-q2/?as_of=2021-12-10")
    page.screenshot(path=FOLDER / "dashboard-phone.png")
    page.set_viewport_size(DESKTOP)
    sign_in(page, site, "loti-staff")
    kr = KeyResult.objects.get(quarter__slug="y3-q2", number=17)
    page.goto(f"{site}/admin/objectives/keyresult/{kr.pk}/change/")
    page.locator("#check_ins-group").evaluate("el => el.scrollIntoView()")  # "Record a check-in"
    page.screenshot(path=FOLDER / "admin-check-in.png")
    page.goto(f"{site}/admin/objectives/checkin/")
    page.screenshot(path=FOLDER / "admin-check-ins.png")
    page.goto(f"{site}/admin/objectives/quarter/")  # plan files, "Reminders and digest"
    page.screenshot(path=FOLDER / "admin-quarters.png")
    page.goto(f"{site}/admin/objectives/quarter/import/")
    page.set_input_files("input[type=file]", str(FOLDER.parent / "example-plan.yaml"))
    page.get_by_role("button", name="Check the file").click()  # the preview, owners included
    page.screenshot(path=FOLDER / "admin-import-preview.png")
    page.goto(f"{site}/admin/notifications/sentmessage/send/")
    page.screenshot(path=FOLDER / "admin-sending.png")
    assert sorted(p.name for p in FOLDER.glob("*.png")) == sorted(
        [
            *shots,
            "dashboard-pictures.png",
            "dashboard-phone.png",
            "admin-check-in.png",
            "admin-check-ins.png",
            "admin-quarters.png",
            "admin-import-preview.png",
            "admin-sending.png",
        ]
    )
