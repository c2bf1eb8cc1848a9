"""NUL and the other control characters are refused at every door, by one rule (core/text.py),
with a message and never a 500: plan files (with their line; the check, the dry run, the import
and the admin's Confirm agree), forms, admin forms, query strings and commands' arguments."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from objectives.models import CheckIn, KeyResult, Quarter
from objectives.plan_files import PlanFileError, read_plan

from .helpers import ONE_KEY_RESULT_PLAN, text_of

QUARTER = ONE_KEY_RESULT_PLAN
ESCAPES = ['"abc\\0def"', '"bell \\a"', '"escape \\e[31m"', '"\\x01"', '"half \\ud800"']


@pytest.mark.parametrize("title", ESCAPES)
def test_a_yaml_escape_of_a_control_character_is_refused_with_its_line(q2_plan, title):
    with pytest.raises(PlanFileError) as error:
        read_plan(QUARTER.format(title=title).encode(), "yaml")
    [problem] = error.value.problems
    assert str(problem).startswith("line 10: the file holds a control character (U+")


@pytest.mark.parametrize("title", ESCAPES[:2])
def test_the_dry_run_the_import_and_the_admin_agree(client_as, q2_plan, tmp_path, title):
    path = tmp_path / "plan.yaml"
    path.write_text(QUARTER.format(title=title))
    for dry_run in ([], ["--dry-run"]):
        with pytest.raises(CommandError, match="line 10: the file holds a control character"):
            call_command("import_plan", str(path), *dry_run)
    staff = client_as("staff")
    preview = staff.post(
        "/admin/objectives/quarter/import/",
        {"file": SimpleUploadedFile("plan.yaml", path.read_bytes()), "file_format": ""},
    )
    assert preview.status_code < 500
    assert "line 10: the file holds a control character" in text_of(preview)
    assert not Quarter.objects.filter(slug="y3-q3").exists()


def test_a_form_with_a_control_character_is_refused_and_nothing_is_saved(client_as, q2_plan):
    url = "/quarters/y3-q2/key-results/17/check-ins/new/"
    data = {"date": "2021-12-01", "status": "on_track", "progress": "40", "note": "ok\x00no"}
    response = client_as("staff").post(url, data)
    assert response.status_code == 400
    assert "“note” holds a control character (U+0000)" in text_of(response)
    assert not CheckIn.objects.exists()


def test_an_admin_form_with_a_control_character_is_refused(client_as, q2_plan):
    kr = KeyResult.objects.get(quarter=q2_plan, number=3)
    response = client_as("staff").post(
        f"/admin/objectives/keyresult/{kr.pk}/change/", {"title": "Bad\x1btitle"}
    )
    assert response.status_code == 400
    kr.refresh_from_db()
    assert "\x1b" not in kr.title


@pytest.mark.parametrize("query", ["q=%00", "q=a%1Bb", "workstream=%00", "%00=1"])
def test_a_query_string_with_a_control_character_is_a_400(client, q2_plan, query):
    response = client.get(f"/quarters/y3-q2/key-results/?{query}")
    assert response.status_code == 400
    assert "control character" in text_of(response)


def test_tabs_and_line_breaks_are_text(client_as, q2_plan):
    url = "/quarters/y3-q2/key-results/17/check-ins/new/"
    data = {"date": "2021-12-01", "status": "on_track", "progress": "40", "confidence": "high"}
    data["note"] = "a\tb\r\nc"
    assert client_as("staff").post(url, data).status_code == 302
    assert CheckIn.objects.get().note == "a\tb\r\nc"


@pytest.mark.parametrize(
    ("command", "args", "options"),
    [
        ("publish_quarter", ["y3\x00q3"], {}),
        ("invite", ["someone@example.org"], {"role": "manager", "name": "Ada\x00"}),
        ("invite", ["someone@example.org"], {"role": "manager", "name": "Ada\nBcc: x@y.z"}),
        ("export_plan", ["y3-q2\x07"], {}),
    ],
)
def test_a_commands_argument_with_a_control_character_is_refused(q2_plan, command, args, options):
    with pytest.raises(CommandError, match="control character"):
        call_command(command, *args, **options)


def test_a_name_with_a_line_break_is_refused_in_the_admin(client_as, q2_plan, smtp_inbox):
    response = client_as("staff").post(
        "/admin/auth/user/invite/",
        {"email": "ada@example.org", "name": "Ada\r\nBcc: x@example.org", "role": "manager"},
    )
    assert response.status_code == 200
    assert "line break or control character" in text_of(response)
    assert smtp_inbox.messages == []


@pytest.mark.parametrize("value", ["①", "⁵", "٣", "1_0", "99999999999999999999", "-1", " "])
def test_a_number_that_is_not_plain_digits_in_range_is_a_4xx(client_as, q2_plan, value):
    response = client_as("staff").post("/my-key-results/", {"key_result": value})
    assert 400 <= response.status_code < 500
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize(
    "address",
    [
        "/admin/objectives/quarter/99999999999999999999/roll-over/",
        "/admin/objectives/quarter/99999999999999999999/review/",
        "/quarters/y3-q2/key-results/99999999999999999999/",
        "/quarters/y3-q2/key-results/?page=99999999999999999999",
        "/quarters/y3-q2/key-results/?page=①",
    ],
)
def test_a_number_past_any_column_in_an_address_is_a_404(client_as, q2_plan, address):
    assert client_as("staff").get(address).status_code == 404


def test_the_admin_says_a_number_past_any_column_names_nothing(client_as, q2_plan):
    response = client_as("staff").get(
        "/admin/objectives/quarter/99999999999999999999/change/", follow=True
    )
    assert "doesn’t exist" in text_of(response)
