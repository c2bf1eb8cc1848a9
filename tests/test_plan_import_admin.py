"""LOTI staff import a plan in the admin: the whole file is checked first, every problem is
shown with its line, or a preview of what it creates; nothing is written until they confirm."""

import re
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from objectives.models import CheckedPlanFile, Quarter
from workstreams.models import Workstream

from .factories import UserFactory
from .helpers import ONE_KEY_RESULT_PLAN, text_of

EXAMPLE = (Path(__file__).resolve().parent.parent / "docs" / "example-plan.yaml").read_bytes()
URL = "/admin/objectives/quarter/import/"


def upload(client, data, name="plan.yaml"):
    return client.post(URL, {"file": SimpleUploadedFile(name, data), "file_format": ""})


def test_the_preview_shows_what_the_plan_creates_and_nothing_is_written(client_as, q2_plan):
    client = client_as("staff")
    assert "Import a plan" in text_of(client.get("/admin/objectives/quarter/"))
    preview = upload(client, EXAMPLE)
    page = text_of(preview)
    assert preview.status_code == 200
    assert "Check what it would create" in page
    assert "Quarter: Year 9 Q1 (y9-q1), 16 July 2027 to 15 October 2027" in page
    assert "Publish an example data sharing guide" in page
    assert "New partners: Example Data Trust" in page
    assert not Quarter.objects.filter(slug="y9-q1").exists()
    confirm = {
        "digest": preview.context["confirm_form"]["digest"].value(),
        "file_format": "yaml",
        "confirm": "yes",
    }
    done = client.post(URL, confirm, follow=True)
    quarter = Quarter.objects.get(slug="y9-q1")
    assert quarter.state == Quarter.State.DRAFT
    assert f"Imported {quarter} as a draft" in text_of(done)


def test_every_problem_is_shown_with_its_line_and_a_near_miss_suggests_the_name(client_as, q2_plan):
    broken = EXAMPLE.replace(b"name: Digital Inclusion", b"name: Digital Inclusoin")
    broken = broken.replace(b"start_date: 2027-07-16", b"start_date: 2027-11-16")
    response = upload(client_as("staff"), broken)
    assert response.status_code == 400
    page = text_of(response)
    assert "The file has 2 problems; nothing was imported" in page
    assert 'did you mean "Digital Inclusion"?' in page
    assert "is not after start_date" in page
    assert not Quarter.objects.filter(slug="y9-q1").exists()
    assert not Workstream.objects.filter(name="Digital Inclusoin").exists()


def test_a_file_of_another_kind_or_none_is_refused_with_a_message(client_as, q2_plan):
    client = client_as("staff")
    assert "Name the file .yaml, .yml or .csv" in text_of(upload(client, b"x", name="plan.docx"))
    assert "Choose a plan file to import" in text_of(client.post(URL, {"file_format": ""}))
    tampered = client.post(URL, {"digest": "0" * 64, "file_format": "yaml", "confirm": "yes"})
    assert tampered.status_code == 400
    assert "upload the plan file again" in text_of(tampered)
    assert Quarter.objects.count() == 1


def test_what_previews_imports_on_confirm_however_large_and_only_for_its_uploader(
    client_as, q2_plan, role_users
):
    """An 846 KB plan once previewed and then failed its Confirm (sent back in the form)."""
    description = "x" * 1500
    key_results = "".join(
        f"      - number: {n}\n        title: Key result {n}\n        description: {description}\n"
        for n in range(1, 560)
    )
    data = ONE_KEY_RESULT_PLAN.split("      - number")[0].encode() + key_results.encode()
    assert 800_000 < len(data) < 1_048_576
    client = client_as("staff")
    preview = upload(client, data)
    assert preview.status_code == 200, text_of(preview)[:300]
    digest = preview.context["confirm_form"]["digest"].value()
    confirm = {"digest": digest, "file_format": "yaml", "confirm": "yes"}
    other = UserFactory(username="other-staff", groups=["LOTI staff"], is_staff=True)
    client_as_other = Client()
    client_as_other.force_login(other)
    assert client_as_other.post(URL, confirm).status_code == 400  # not their preview
    done = client.post(URL, confirm)
    assert done.status_code == 302
    assert Quarter.objects.get(slug="y3-q3").key_results.count() == 559
    assert not CheckedPlanFile.objects.exists()


def test_a_file_over_the_limit_is_refused_at_upload_naming_the_limit(client_as, q2_plan):
    response = upload(client_as("staff"), b"#" * (1024 * 1024 + 1))
    assert response.status_code == 400
    assert re.search(r"a plan file may be at most 1\.0\sMB", text_of(response))


def test_only_loti_staff_import(client_as, q2_plan):
    for role in ("officer", "manager"):
        response = client_as(role).get(URL)
        assert response.status_code in (302, 403)
