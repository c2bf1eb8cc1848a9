from datetime import timedelta

from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import resolve
from django.utils import timezone

from accounts.access import Rule
from loti_okr.page_cache import query_parameters
from objectives.models import KeyResult
from objectives.services import record_check_in

from .factories import UserFactory
from .helpers import declared_rules, text_of


def test_an_anonymous_reader_gets_the_cached_page(client, q2_plan):
    first = client.get("/quarters/y3-q2/")
    assert "X-Page-Cache" not in first
    second = client.get("/quarters/y3-q2/")
    assert second["X-Page-Cache"] == "hit"
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


def test_a_disallowed_host_is_refused_even_when_the_page_is_cached(client, q2_plan):
    client.get("/quarters/y3-q2/key-results.csv")
    assert client.get("/quarters/y3-q2/key-results.csv")["X-Page-Cache"] == "hit"
    response = client.get("/quarters/y3-q2/key-results.csv", HTTP_HOST="evil.example")
    assert response.status_code == 400


def test_another_host_or_port_cannot_poison_the_links_others_get(client, q2_plan, settings):
    settings.SITE_URL = "https://okr.example.org"
    poisoned = client.get("/quarters/y3-q2/key-results.csv", HTTP_HOST="127.0.0.1:31337")
    assert "31337" not in poisoned.content.decode()
    normal = client.get("/quarters/y3-q2/key-results.csv", HTTP_HOST="127.0.0.1")
    assert "31337" not in normal.content.decode()
    assert "https://okr.example.org/quarters/y3-q2/key-results/1/" in normal.content.decode()


def test_parameters_a_page_does_not_read_redirect_to_its_canonical_address(client, q2_plan):
    response = client.get("/quarters/y3-q2/key-results/?status=on_track&utm_source=x&page=1")
    assert response.status_code == 301
    assert response["Location"] == "/quarters/y3-q2/key-results/?status=on_track&page=1"
    assert client.get("/quarters/y3-q2/?utm_x=7")["Location"] == "/quarters/y3-q2/"
    client.get("/boroughs/camden/?quarter=y3-q2")
    assert client.get("/boroughs/camden/?quarter=y3-q2")["X-Page-Cache"] == "hit"


def test_every_public_page_declares_the_query_parameters_it_reads_on_its_view():
    from objectives.filters import KeyResultFilter

    public = [name for name, rule in declared_rules().items() if rule is Rule.PUBLIC]
    assert "objectives:key-result-list" in public
    listing = query_parameters(resolve("/quarters/y3-q2/key-results/"))
    assert set(KeyResultFilter.base_filters) | {"page"} == set(listing)  # read from the filterset
    assert set(query_parameters(resolve("/quarters/y3-q2/"))) == {"as_of", "map"}


def test_giving_a_key_result_an_owner_shows_on_cached_pages_at_once(client, q2_plan):
    kr = KeyResult.objects.get(quarter=q2_plan, number=3)
    client.get(kr.get_absolute_url())
    assert client.get(kr.get_absolute_url())["X-Page-Cache"] == "hit"
    kr.owners.add(UserFactory(first_name="Grace", last_name="Hopper"))
    page = client.get(kr.get_absolute_url())
    assert "X-Page-Cache" not in page
    assert "Grace Hopper" in text_of(page)


def test_a_session_cookie_naming_no_session_reads_the_anonymous_copy(client, q2_plan):
    client.get("/quarters/y3-q2/")
    bogus = Client()
    bogus.cookies["sessionid"] = "no-such-session-at-all"
    bogus.cookies["messages"] = "not-a-signed-value"
    response = bogus.get("/quarters/y3-q2/")
    assert response["X-Page-Cache"] == "hit"
    assert response.content == client.get("/quarters/y3-q2/").content


def test_a_session_cookie_naming_no_session_is_deleted_when_a_cached_page_answers(client, q2_plan):
    client.get("/quarters/y3-q2/")
    stale = Client()
    stale.cookies["sessionid"] = "0" * 32  # shaped as Django's keys are: looked up, not found
    response = stale.get("/quarters/y3-q2/")
    assert response["X-Page-Cache"] == "hit"
    assert response.cookies["sessionid"].value == ""  # deleted, as Django deletes it on a miss
    assert response.cookies["sessionid"]["max-age"] == 0
    assert not Session.objects.exists()  # and nothing was saved in its place


def test_every_copy_of_a_page_says_it_varies_with_the_cookie(client, q2_plan, role_users):
    """Each audience has its own copy behind one address: a shared cache on the way (a proxy, a
    council's web filter) must not hand one reader's copy to another."""
    client.get("/quarters/y3-q2/")
    well_formed_but_unknown = Client()
    well_formed_but_unknown.cookies["sessionid"] = "0" * 32
    manager = Client()
    manager.force_login(role_users["manager"])
    for reader in (client, well_formed_but_unknown, manager, manager):
        response = reader.get("/quarters/y3-q2/")
        assert "Cookie" in response.get("Vary", ""), response.get("X-Page-Cache")


def test_an_expired_or_ended_session_reads_the_anonymous_copy(client, q2_plan, role_users):
    anonymous_page = client.get("/quarters/y3-q2/").content
    reader = Client()
    reader.force_login(role_users["manager"])
    assert reader.get("/quarters/y3-q2/").content != anonymous_page  # signed in: their copy
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    expired = reader.get("/quarters/y3-q2/")
    assert expired["X-Page-Cache"] == "hit"
    assert expired.content == anonymous_page
    Session.objects.all().delete()
    assert reader.get("/quarters/y3-q2/").content == anonymous_page


def test_renaming_a_person_shows_on_cached_pages_at_once(client, q2_plan, role_users):
    staff = role_users["staff"]
    staff.first_name, staff.last_name = "Ada", "Lovelace"
    staff.save()
    kr = KeyResult.objects.get(quarter=q2_plan, number=3)
    record_check_in(
        key_result=kr, status="on_track", progress=10, recorded_by=staff, note="Moved on."
    )
    assert "Ada Lovelace" in text_of(client.get(kr.get_absolute_url()))
    staff.first_name = "Augusta"
    staff.save()
    page = client.get(kr.get_absolute_url())
    assert "X-Page-Cache" not in page
    assert "Augusta Lovelace" in text_of(page)


def test_signing_in_alone_does_not_empty_the_page_cache(client, role_users, q2_plan):
    client.get("/quarters/")
    signing_in = Client()
    response = signing_in.post(
        "/sign-in/", {"username": "manager", "password": "a-long-test-password"}
    )
    assert response.status_code == 302  # signed in: last_login was saved
    assert client.get("/quarters/")["X-Page-Cache"] == "hit"


def test_answers_carrying_internal_notes_are_private_and_not_stored(client_as, q2_plan):
    for role in ("manager", "staff"):
        response = client_as(role).get("/quarters/y3-q2/key-results/12/")
        assert "private" in response["Cache-Control"]
        assert "no-store" in response["Cache-Control"]
    assert "private" not in client_as("officer").get("/quarters/y3-q2/").get("Cache-Control", "")


def test_the_default_memory_cache_holds_a_bounded_number_of_pages():
    from django.conf import settings

    default = settings.CACHES["default"]
    assert default["BACKEND"].endswith("LocMemCache")
    assert default["OPTIONS"]["MAX_ENTRIES"] == 300
