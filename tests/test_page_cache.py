from django.db import connection
from django.test.utils import CaptureQueriesContext

from objectives.models import KeyResult
from objectives.services import record_check_in

from .helpers import text_of


def test_an_anonymous_reader_gets_a_cached_page_in_one_query(client, q2_plan):
    first = client.get("/quarters/y3-q2/")
    assert "X-Page-Cache" not in first
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/quarters/y3-q2/")
    assert second["X-Page-Cache"] == "hit"
    assert len(queries) == 1  # the data version
    assert second.content == first.content
    assert "default-src 'self'" in second["Content-Security-Policy"]


def test_a_check_in_shows_on_the_next_dashboard_at_once(client, q2_plan):
    client.get("/quarters/y3-q2/")
    client.get("/quarters/y3-q2/key-results.csv")
    record_check_in(
        key_result=KeyResult.objects.get(quarter=q2_plan, number=25),
        status="at_risk",
        progress=15,
        note="Sensor supplier delayed",
    )
    dashboard = client.get("/quarters/y3-q2/")
    assert "X-Page-Cache" not in dashboard
    assert "Launch air quality collaboration pilot" in text_of(dashboard).split("Behind pace")[0]
    assert (
        "Sensor supplier delayed" in client.get("/quarters/y3-q2/key-results.csv").content.decode()
    )


def test_an_edit_in_the_admin_shows_at_once(client, client_as, q2_plan):
    from .helpers import inline_post_data

    kr = KeyResult.objects.get(quarter=q2_plan, number=2)
    client.get(kr.get_absolute_url())
    staff = client_as("staff")
    data = inline_post_data(kr)
    data["title"] = "A title changed in the admin"
    staff.post(f"/admin/objectives/keyresult/{kr.pk}/change/", data)
    staff.logout()
    assert "A title changed in the admin" in text_of(client.get(kr.get_absolute_url()))


def test_signed_in_people_always_get_a_fresh_page(client_as, q2_plan):
    client = client_as("manager")
    client.get("/quarters/y3-q2/")
    assert "X-Page-Cache" not in client.get("/quarters/y3-q2/")


def test_a_cached_public_page_never_reaches_someone_who_may_see_more(client, client_as, q2_plan):
    from .factories import CheckInFactory

    kr = KeyResult.objects.get(quarter=q2_plan, number=12)
    CheckInFactory(key_result=kr, note="Internal budget worry", is_internal=True)
    assert "Internal budget worry" not in text_of(client.get(kr.get_absolute_url()))
    assert "Internal budget worry" in text_of(client_as("manager").get(kr.get_absolute_url()))


def test_sign_in_and_error_pages_are_not_cached(client, q2_plan):
    client.get("/sign-in/")
    assert "X-Page-Cache" not in client.get("/sign-in/")
    client.get("/quarters/y3-q2/?as_of=bad")
    assert client.get("/quarters/y3-q2/?as_of=bad").status_code == 400
