"""The plan in LOTI's own words (plan.txt, plan.md and the staff preview): for Year 3 Q2 every
workstream heading, key result title and description comes back word for word, in order."""

import re

from objectives.models import KeyResult

from .factories import KeyResultFactory, KeyResultLinkFactory, QuarterFactory, WorkstreamFactory
from .helpers import text_of
from .test_fixture_matches_plan import PLAN, WORKSTREAMS_IN_PLAN_ORDER, plan_paragraphs


def after_title(paragraph, key_result):
    """A paragraph's words after "n – Title", whatever separator follows (the published file's
    own vary: " – ", ". ", two spaces or one)."""
    prefix = f"{key_result.number} – {key_result.title}"
    assert paragraph.startswith(prefix), key_result.number
    return " ".join(paragraph[len(prefix) :].lstrip(" .–").split())


def test_the_q2_announcement_gives_back_the_published_plan_word_for_word(client, q2_plan):
    response = client.get("/quarters/y3-q2/plan.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    published = [" ".join(line.split()) for line in PLAN.splitlines() if line.strip()]
    assert lines[:3] == published[:3]  # heading, introduction with count and dates, thanks
    assert [line for line in lines if line in WORKSTREAMS_IN_PLAN_ORDER] == (
        WORKSTREAMS_IN_PLAN_ORDER
    )
    paragraphs = [line for line in lines if re.match(r"^\d+ – ", line)]
    expected = plan_paragraphs()
    assert [int(line.split(" ")[0]) for line in paragraphs] == sorted(expected)
    key_results = {kr.number: kr for kr in KeyResult.objects.filter(quarter=q2_plan)}
    for line in paragraphs:
        key_result = key_results[int(line.split(" ")[0])]
        published = expected[key_result.number][1]
        assert after_title(line, key_result) == after_title(published, key_result)


def test_markdown_for_lotis_website_with_links_where_the_plan_has_addresses(client, no_plan):
    quarter = QuarterFactory(year=4, number=1, slug="y4-q1")
    key_result = KeyResultFactory(
        quarter=quarter,
        workstream=WorkstreamFactory(name="Open Referral"),
        number=1,
        title="Share the data",
        description="Boroughs agree a template.",
    )
    KeyResultLinkFactory(key_result=key_result, label="Read the brief", url="https://loti.example")
    text = client.get("/quarters/y4-q1/plan.md").content.decode()
    assert text.startswith("# What can you expect from LOTI in Q1?\n")
    assert "1 specific thing the LOTI community will be working on" in text
    assert "for the first quarter of Year 4" in text
    assert "## Open Referral" in text
    assert (
        "**1 – Share the data** – Boroughs agree a template. "
        "[Read the brief](https://loti.example)." in text
    )


def test_a_draft_has_no_announcement_for_readers(client, client_as, q2_plan):
    draft = QuarterFactory(slug="y9-q4", published_at=None)
    assert client.get(f"/quarters/{draft.slug}/plan.txt").status_code == 404
    assert client_as("staff").get(f"/quarters/{draft.slug}/plan.txt").status_code == 200


def test_staff_preview_it_with_a_copy_button_and_readers_find_the_links(client_as, q2_plan):
    preview = client_as("staff").get("/quarters/y3-q2/plan/")
    assert "The plan, ready to publish" in text_of(preview)
    assert 'data-copy-target="plan-markdown"' in preview.content.decode()
    assert KeyResult.objects.get(quarter=q2_plan, number=1).title in text_of(preview)
    dashboard = client_as("anonymous").get("/quarters/y3-q2/").content.decode()
    assert 'href="/quarters/y3-q2/plan.txt"' in dashboard
    assert "preview it to copy" not in dashboard
    assert client_as("manager").get("/quarters/y3-q2/plan/").status_code == 403
