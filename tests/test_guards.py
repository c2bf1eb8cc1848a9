"""Cheap site-wide guards: every page's structure, in-page links, migrations, loading the plan."""

import re

import pytest
from django.core.management import call_command

from objectives.models import KeyResult, Quarter
from objectives.sample_data import seed_sample_check_ins

from .helpers import SAMPLE_URLS, sample_borough_update, sample_review

pytestmark = pytest.mark.django_db

# Every page that answers with HTML, and who may open it; plus the error pages.
HTML_PAGES = [
    (SAMPLE_URLS[name], role)
    for name, role in [
        ("objectives:home", "anonymous"),
        ("objectives:quarter-list", "anonymous"),
        ("objectives:quarter-dashboard", "anonymous"),
        ("objectives:quarter-dashboard", "staff"),
        ("objectives:board-pack", "anonymous"),
        ("objectives:board-pack", "manager"),
        ("objectives:key-result-list", "anonymous"),
        ("objectives:key-result-detail", "anonymous"),
        ("objectives:key-result-detail", "officer"),
        ("objectives:key-result-detail", "staff"),
        ("objectives:workstream-list", "anonymous"),
        ("objectives:workstream-detail", "anonymous"),
        ("objectives:borough-list", "anonymous"),
        ("objectives:borough-detail", "anonymous"),
        ("objectives:partner-list", "anonymous"),
        ("objectives:partner-detail", "anonymous"),
        ("objectives:my-borough", "officer"),
        ("objectives:my-key-results", "staff"),
        ("objectives:check-in-create", "staff"),
        ("objectives:borough-update-create", "officer"),
        ("objectives:plan-preview", "staff"),
        ("objectives:quarter-review", "anonymous"),
        ("objectives:borough-update-correct", "officer"),
        ("objectives:borough-update-withdraw", "officer"),
        ("notifications:account", "manager"),
        ("notifications:password-reset", "anonymous"),
        ("notifications:password-reset-sent", "anonymous"),
        ("accounts:sign-in", "anonymous"),
    ]
] + [
    ("/quarters/y3-q2/?as_of=2021-12-01", "anonymous"),
    ("/quarters/y3-q2/key-results/?status=on_track&borough=camden", "anonymous"),
    ("/no-such-page/", "anonymous"),
    ("/quarters/y3-q2/key-results/17/check-ins/new/?next=/my-key-results/", "staff"),
    ("/quarters/y3-q2/?as_of=yesterday", "anonymous"),
]


@pytest.fixture
def pages_with_everything(q2_plan, role_users):
    """The plan with sample check-ins, so attention lists, charts and notes all show."""
    seed_sample_check_ins(quarter=q2_plan, until=q2_plan.end_date)
    sample_borough_update(role_users["officer"])
    sample_review(q2_plan)
    KeyResult.objects.filter(quarter=q2_plan, number=17).update(dependencies="Funding")
    return q2_plan


@pytest.mark.parametrize(("url", "role"), HTML_PAGES)
def test_every_page_has_one_h1_a_title_breadcrumbs_and_a_skip_link(
    client_as, pages_with_everything, url, role
):
    response = client_as(role).get(url)
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert re.search(r"<title>[^<]+ – LOTI OKR</title>", html)
    assert '<a href="#main-content" class="govuk-skip-link"' in html
    assert 'id="main-content"' in html
    if response.status_code == 200 and url != SAMPLE_URLS["accounts:sign-in"]:
        assert 'class="govuk-breadcrumbs"' in html


@pytest.mark.parametrize(("url", "role"), HTML_PAGES)
def test_every_in_page_link_leads_to_an_element_on_that_page(
    client_as, pages_with_everything, url, role
):
    html = client_as(role).get(url).content.decode()
    targets = set(re.findall(r'href="#([^"]+)"', html))
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    assert targets, "every page has at least the skip link"
    assert targets <= ids, f"links to missing ids: {sorted(targets - ids)}"


def test_no_model_change_is_missing_a_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_load_plan_loads_once_and_never_overwrites_edits(capsys):
    call_command("load_plan")
    kr = KeyResult.objects.get(quarter__slug="y3-q2", number=1)
    kr.title = "Edited by staff"
    kr.save()
    call_command("load_plan")
    assert "already loaded" in capsys.readouterr().out
    kr.refresh_from_db()
    assert kr.title == "Edited by staff"
    assert Quarter.objects.count() == 1
    assert KeyResult.objects.count() == 25
