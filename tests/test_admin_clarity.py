"""The admin names key results with their quarter everywhere and opens its lists on the
current quarter, so two quarters' "KR 17" are never confused."""

from objectives.models import KeyResult
from objectives.services import next_quarter_defaults, publish_quarter, roll_over

from .helpers import text_of


def a_second_quarter(q2_plan):
    """Year 3 Q3, rolled over from Q2 with KR 17, starting the day after Q2 ends."""
    kr17 = KeyResult.objects.get(quarter=q2_plan, number=17)
    quarter, _ = roll_over(key_results=[kr17], **next_quarter_defaults(q2_plan))
    return quarter


def test_key_results_are_named_with_their_quarter_in_select_boxes(client_as, q2_plan):
    page = text_of(client_as("staff").get("/admin/objectives/checkin/add/"))
    kr17 = KeyResult.objects.get(quarter=q2_plan, number=17)
    assert f"Year 3 Q2 KR 17: {kr17.title}" in page


def test_the_select_box_costs_one_query_however_many_quarters(
    client_as, q2_plan, django_assert_max_num_queries
):
    client = client_as("staff")
    client.get("/admin/objectives/checkin/add/")  # warm the session and permissions
    with django_assert_max_num_queries(12):
        client.get("/admin/objectives/checkin/add/")


def test_the_key_result_list_opens_on_the_current_quarter_and_offers_all(client_as, q2_plan):
    q3 = a_second_quarter(q2_plan)
    client = client_as("staff")
    # A rolled-over quarter is a draft, never current, until it is published.
    assert "Year 3 Q2 (current)" in text_of(client.get("/admin/objectives/keyresult/"))
    publish_quarter(q3)
    # Both have ended: with none running, the current quarter is the latest that has started.
    opening = client.get("/admin/objectives/keyresult/")
    assert opening.context["cl"].result_count == 1
    assert f"{q3} (current)" in text_of(opening)
    chosen = client.get(f"/admin/objectives/keyresult/?quarter={q2_plan.slug}")
    assert chosen.context["cl"].result_count == 25
    every = client.get("/admin/objectives/keyresult/?quarter=all")
    assert every.context["cl"].result_count == 26
    check_ins = client.get("/admin/objectives/checkin/?quarter=all")
    assert check_ins.status_code == 200


def test_admin_pages_carry_the_stylesheet_that_keeps_wide_selects_on_the_page(client_as, q2_plan):
    page = client_as("staff").get("/admin/objectives/checkin/add/").content.decode()
    assert "objectives/admin.css" in page
