"""The Q2 fixture against the published plan's own text (fixtures/loti-year3-q2-plan.txt)."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command

from boroughs.models import Borough
from objectives.models import (
    BoroughParticipation,
    CheckIn,
    KeyResult,
    KeyResultLink,
    PartnerInvolvement,
    Quarter,
    Status,
)
from partners.models import Partner
from workstreams.models import Workstream

PLAN = (Path(__file__).resolve().parent.parent / "fixtures" / "loti-year3-q2-plan.txt").read_text(
    encoding="utf-8"
)
WORKSTREAMS_IN_PLAN_ORDER = [
    "Skills & Capability",
    "Future Workplace",
    "Innovation in Procurement",
    "Cyber Security",
    "Data Collaboration",
    "New Service Models",
    "Digital Inclusion",
    "Digital Districts",
]
# How the plan spells each partner it names.
PARTNER_SPELLINGS = {
    "ons": ["Office for National Statistics", "ONS"],
    "bloomberg-associates": ["Bloomberg Associates"],
    "ncsc": ["National Cyber Security Centre"],
    "london-councils": ["London Councils"],
    "igfl": ["IGfL"],
    "met-police": ["Met Police", "MET"],
    "gla": ["GLA"],
    "futuregov": ["FutureGov"],
    "helix-centre": ["Helix Centre"],
    "lednet": ["LEDNet"],
    "upfront": ["UPFRONT"],
    "vcs-partners": ["VCS partners"],
    "corporate-and-academic-partners": ["corporate and academic partners"],
}
LINK_LABELS = [
    "Read the proposal",
    "Proposal here",
    "View the proposal",
    "View the project brief",
    "View the project page",
]


def plan_paragraphs():
    """{number: (workstream heading, paragraph text)} from the plan, whitespace folded."""
    paragraphs, heading = {}, None
    for line in PLAN.splitlines():
        line = " ".join(line.split())
        if line in WORKSTREAMS_IN_PLAN_ORDER:
            heading = line
        elif heading and (match := re.match(r"^(\d+) – (.*)$", line)):
            paragraphs[int(match[1])] = (heading, line)
    return paragraphs


def mentions(text, spelling):
    return re.search(rf"(?<![\w]){re.escape(spelling)}(?![\w])", text) is not None


@pytest.fixture
def key_results(q2_plan):
    return {kr.number: kr for kr in KeyResult.objects.filter(quarter=q2_plan)}


def test_plan_text_has_25_key_results_in_8_workstreams():
    paragraphs = plan_paragraphs()
    assert sorted(paragraphs) == list(range(1, 26))
    assert {heading for heading, _ in paragraphs.values()} == set(WORKSTREAMS_IN_PLAN_ORDER)


def test_quarter_has_the_plan_dates(q2_plan):
    assert (q2_plan.year, q2_plan.number) == (3, 2)
    assert str(q2_plan.start_date) == "2021-10-16"
    assert str(q2_plan.end_date) == "2022-01-15"
    assert str(q2_plan) == "Year 3 Q2"


def test_workstreams_are_the_plans_eight_in_its_order(q2_plan):
    assert [w.name for w in Workstream.objects.all()] == WORKSTREAMS_IN_PLAN_ORDER


def test_every_key_result_has_the_plans_number_title_and_workstream(key_results):
    paragraphs = plan_paragraphs()
    assert sorted(key_results) == list(range(1, 26))
    for number, (heading, paragraph) in paragraphs.items():
        key_result = key_results[number]
        assert paragraph.startswith(f"{number} – {key_result.title}"), number
        assert paragraph[len(f"{number} – {key_result.title}")] in " .", number
        assert key_result.workstream.name == heading, number


def test_every_description_is_the_plans_full_text(key_results):
    for number, (_, paragraph) in plan_paragraphs().items():
        key_result = key_results[number]
        rest = paragraph[len(f"{number} – {key_result.title}") :].lstrip(" .–")
        for link in key_result.links.all():
            rest = rest.removesuffix(f" {link.label}.")
        assert " ".join(key_result.description.split()) == rest, number


def test_links_are_the_ones_the_plan_names_without_invented_addresses(key_results):
    for number, (_, paragraph) in plan_paragraphs().items():
        expected = [label for label in LINK_LABELS if paragraph.endswith(f"{label}.")]
        assert [link.label for link in key_results[number].links.all()] == expected, number
    assert not KeyResultLink.objects.exclude(url="").exists()


def test_boroughs_are_exactly_those_each_paragraph_names(key_results):
    authorities = list(Borough.objects.all())
    for number, (_, paragraph) in plan_paragraphs().items():
        named = {
            borough.gss_code
            for borough in authorities
            if any(mentions(paragraph, spelling) for spelling in borough.spellings())
        }
        in_fixture = {b.gss_code for b in key_results[number].boroughs.all()}
        assert in_fixture == named, number


def test_plan_spellings_map_to_the_right_authorities(q2_plan):
    assert Borough.objects.get_by_any_name("RBKC").gss_code == "E09000020"
    assert Borough.objects.get_by_any_name("Kensington and Chelsea").gss_code == "E09000020"
    assert Borough.objects.get_by_any_name("Kingston").short_name == "Kingston upon Thames"
    assert Borough.objects.get_by_any_name("Richmond").short_name == "Richmond upon Thames"
    kr17 = KeyResult.objects.get(quarter=q2_plan, number=17)
    assert kr17.boroughs.count() == 12
    assert kr17.boroughs.filter(short_name="Kensington and Chelsea").exists()


def test_partners_are_exactly_those_each_paragraph_names(key_results):
    assert set(Partner.objects.values_list("slug", flat=True)) == set(PARTNER_SPELLINGS)
    for number, (_, paragraph) in plan_paragraphs().items():
        named = {
            slug
            for slug, spellings in PARTNER_SPELLINGS.items()
            if any(mentions(paragraph, spelling) for spelling in spellings)
        }
        in_fixture = {p.slug for p in key_results[number].partners.all()}
        assert in_fixture == named, number


def test_starting_statuses_follow_the_plans_words(key_results):
    expected = dict.fromkeys(range(1, 26), Status.NOT_STARTED)
    expected.update(dict.fromkeys((20, 21, 22, 23), Status.SCOPING))
    expected.update({17: Status.IN_PROGRESS, 18: Status.IN_PROGRESS})
    assert {n: kr.starting_status for n, kr in key_results.items()} == expected


def test_plan_specific_facts(key_results):
    assert [n for n, kr in key_results.items() if kr.open_to_all_boroughs] == [5]
    assert "Sam Nutt" in key_results[9].named_people
    assert "LOTI Researcher" in key_results[9].named_people
    assert key_results[6].dependencies.startswith("Pending confirmation from Bloomberg Associates")
    assert key_results[6].involvements.get().partner.slug == "bloomberg-associates"


def test_fixture_holds_no_invented_progress(q2_plan):
    assert not CheckIn.objects.exists()


def test_loading_the_fixture_twice_changes_nothing(q2_plan):
    def snapshot():
        return {
            model.__name__: sorted(model.objects.values_list("pk", flat=True))
            for model in (
                Quarter,
                Workstream,
                Partner,
                KeyResult,
                KeyResultLink,
                BoroughParticipation,
                PartnerInvolvement,
                Borough,
            )
        }

    before = snapshot()
    call_command("loaddata", "loti-year3-q2", verbosity=0)
    assert snapshot() == before
    assert len(before["KeyResult"]) == 25
    assert len(before["Borough"]) == 33
