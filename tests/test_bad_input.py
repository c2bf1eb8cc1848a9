"""Property-based tests: whatever anyone sends, the answer is never a 5xx and nothing changes
unless the input was valid."""

import contextlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from objectives.forms import BoroughUpdateForm
from objectives.models import BoroughUpdate, CheckIn, KeyResult
from objectives.plan_files import Plan, PlanFileError, read_plan

ROLES = ["anonymous", "officer", "manager", "staff"]
FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

any_text = st.text(max_size=80)
slugs = st.one_of(
    st.from_regex(r"[-a-zA-Z0-9_]{1,40}", fullmatch=True),
    st.sampled_from(["y3-q2", "camden", "gla"]),
)
numbers = st.one_of(
    st.integers(min_value=0, max_value=40), st.integers(min_value=0, max_value=10**30)
)
dates = st.one_of(
    st.dates().map(str), any_text, st.sampled_from(["2021-12-01", "2021-02-30", "0000-00-00"])
)
query_values = st.one_of(any_text, slugs, dates, st.integers().map(str))
queries = st.dictionaries(
    st.sampled_from(
        ["q", "workstream", "borough", "partner", "status", "page", "as_of", "quarter"]
    ),
    query_values,
    max_size=5,
)

PAGES = [
    "/",
    "/quarters/",
    "/quarters/{slug}/",
    "/quarters/{slug}/report/",
    "/quarters/{slug}/key-results/",
    "/quarters/{slug}/key-results/{number}/",
    "/quarters/{slug}/key-results.csv",
    "/quarters/{slug}/key-results.json",
    "/quarters/{slug}/check-ins.csv",
    "/quarters/switch/",
    "/workstreams/",
    "/workstreams/{slug}/",
    "/boroughs/",
    "/boroughs/{slug}/",
    "/partners/",
    "/partners/{slug}/",
    "/my-borough/",
    "/sign-in/",
]


def row_counts():
    return (KeyResult.objects.count(), CheckIn.objects.count(), BoroughUpdate.objects.count())


@pytest.mark.parametrize("role", ROLES)
@FUZZ
@given(page=st.sampled_from(PAGES), slug=slugs, number=numbers, query=queries)
def test_random_addresses_and_query_strings_never_give_a_5xx(
    client_as, q2_plan, role, page, slug, number, query
):
    client = client_as(role)
    before = row_counts()
    response = client.get(page.format(slug=slug, number=number), query)
    assert response.status_code < 500, (page, slug, number, query)
    assert row_counts() == before


@pytest.mark.parametrize("role", ROLES)
@FUZZ
@given(
    text=st.one_of(any_text, st.text(min_size=1990, max_size=2010)),
    link=st.one_of(any_text, st.just("https://example.org/x")),
    number=st.sampled_from([17, 18, 3]),
)
def test_random_borough_updates_change_rows_only_when_valid(
    client_as, q2_plan, role, text, link, number
):
    client = client_as(role)
    before = BoroughUpdate.objects.count()
    response = client.post(
        f"/quarters/y3-q2/key-results/{number}/updates/", {"text": text, "link": link}
    )
    assert response.status_code < 500
    camden_named = number in (3, 17)
    valid = (
        role == "officer"
        and camden_named
        and BoroughUpdateForm({"text": text, "link": link}).is_valid()
    )
    assert BoroughUpdate.objects.count() == before + (1 if valid else 0)
    assert response.status_code == (302 if valid else response.status_code)


@FUZZ
@given(
    username=any_text,
    password=any_text,
    next_url=st.one_of(any_text, st.just("https://evil.example/")),
)
def test_random_sign_ins_never_give_a_5xx_or_an_open_redirect(
    client, q2_plan, username, password, next_url
):
    response = client.post(
        "/sign-in/", {"username": username, "password": password, "next": next_url}
    )
    assert response.status_code < 500
    if response.status_code == 302:
        assert not response["Location"].startswith(("http://", "https://", "//"))


yaml_fragments = st.lists(
    st.sampled_from(
        [
            "quarter:\n",
            "  year: 9\n",
            "  number: 1\n",
            "  start_date: 2030-01-01\n",
            "  end_date: 2030-03-31\n",
            "workstreams:\n",
            "  - name: Data\n",
            "    key_results:\n",
            "      - number: 1\n",
            "        title: T\n",
            "        boroughs: [Camden, Kingstn]\n",
            "        partners: [GLA]\n",
            "      - number: 1\n",
            "  - x\n",
            ": :\n",
            "\t",
            "[",
            "{",
            "- - -\n",
            "number: -3\n",
            "        links: [{url: nope}]\n",
        ]
    ),
    max_size=14,
).map("".join)


@FUZZ
@given(
    body=st.one_of(yaml_fragments, st.text(max_size=200)),
    file_format=st.sampled_from(["yaml", "csv"]),
)
def test_import_answers_any_text_with_a_plan_or_clear_problems_and_writes_nothing(
    q2_plan, body, file_format
):
    before = row_counts()
    problems = []
    try:
        plan = read_plan(body.encode("utf-8", "surrogatepass"), file_format)
    except PlanFileError as error:
        problems = [str(problem) for problem in error.problems]
        assert problems
    else:
        assert isinstance(plan, Plan)
    assert all(problems)
    assert row_counts() == before


@FUZZ
@given(data=st.binary(max_size=300))
def test_import_answers_any_bytes_without_crashing(q2_plan, data):
    for file_format in ("yaml", "csv"):
        with contextlib.suppress(PlanFileError):
            read_plan(data, file_format)
