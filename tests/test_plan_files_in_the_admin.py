"""Staff handle plan files in the browser: a quarter's plan as YAML or CSV from the quarter list
and its page, a template to fill in, the format as a page, and owners in the import preview."""

from django.core.files.uploadedfile import SimpleUploadedFile

from objectives.plan_files import export_csv, export_yaml, read_plan
from objectives.plan_files.reading import CSV_COLUMNS

from .factories import UserFactory
from .helpers import ONE_KEY_RESULT_PLAN, text_of

QUARTERS = "/admin/objectives/quarter/"


def test_a_quarters_plan_downloads_as_yaml_and_csv_from_the_list_and_its_page(client_as, q2_plan):
    staff = client_as("staff")
    for page in (QUARTERS, f"{QUARTERS}{q2_plan.pk}/change/"):
        html = staff.get(page).content.decode()
        assert f'href="{QUARTERS}{q2_plan.pk}/plan.yaml"' in html
        assert f'href="{QUARTERS}{q2_plan.pk}/plan.csv"' in html
    yaml_file = staff.get(f"{QUARTERS}{q2_plan.pk}/plan.yaml")
    assert yaml_file["Content-Disposition"] == 'attachment; filename="y3-q2.yaml"'
    assert yaml_file.content.decode() == export_yaml(q2_plan)
    csv_file = staff.get(f"{QUARTERS}{q2_plan.pk}/plan.csv")
    assert csv_file.content.decode() == export_csv(q2_plan)
    assert staff.get(f"{QUARTERS}{q2_plan.pk}/plan.docx").status_code == 403


def test_the_templates_and_the_format_page(client_as, q2_plan):
    staff = client_as("staff")
    page = text_of(staff.get(f"{QUARTERS}import/"))
    assert "the plan file format" in page
    assert "README" not in page
    template = staff.get(f"{QUARTERS}import/template.yaml").content
    plan = read_plan(template, "yaml")  # a template that checks: staff edit, not debug it
    assert plan.key_results[0].title == "The key result, in a line"
    csv_template = staff.get(f"{QUARTERS}import/template.csv").content.decode("utf-8-sig")
    assert csv_template.strip().split(",") == CSV_COLUMNS
    format_page = staff.get(f"{QUARTERS}import/format/")
    assert format_page.status_code == 200
    html = format_page.content.decode()
    assert "<h1>Plan files</h1>" in html
    assert "<code>new: true</code>" in html


def test_only_loti_staff_reach_plan_files(client_as, q2_plan):
    for role in ("officer", "manager"):
        response = client_as(role).get(f"{QUARTERS}{q2_plan.pk}/plan.yaml")
        assert response.status_code in (302, 403)


def test_the_import_preview_shows_each_key_results_owners(client_as, q2_plan):
    UserFactory(username="ada", first_name="Ada", last_name="Lovelace", email="ada@example.org")
    plan = ONE_KEY_RESULT_PLAN.format(title="Owned") + "        owners: [ada@example.org]\n"
    preview = client_as("staff").post(
        f"{QUARTERS}import/",
        {"file": SimpleUploadedFile("plan.yaml", plan.encode()), "file_format": ""},
    )
    assert "Ada Lovelace (ada@example.org)" in text_of(preview)
