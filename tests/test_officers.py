import pytest

from objectives.models import BoroughUpdate, KeyResult

from .factories import CheckInFactory
from .helpers import text_of


def test_an_officer_signs_in_and_lands_on_my_borough(client, q2_plan, role_users):
    response = client.post(
        "/sign-in/", {"username": "camden-officer", "password": "a-long-test-password"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/my-borough/"
    page = text_of(client.get("/my-borough/"))
    assert "Camden" in page
    assert "My borough" in page


def test_others_sign_in_to_the_dashboard_or_where_they_were_going(client, q2_plan, role_users):
    response = client.post("/sign-in/", {"username": "manager", "password": "a-long-test-password"})
    assert response["Location"] == "/"
    client.logout()
    response = client.post(
        "/sign-in/?next=/boroughs/",
        {"username": "manager", "password": "a-long-test-password", "next": "/boroughs/"},
    )
    assert response["Location"] == "/boroughs/"


def test_a_wrong_password_says_so_in_plain_words(client, q2_plan, role_users):
    response = client.post("/sign-in/", {"username": "manager", "password": "wrong"})
    assert response.status_code == 200
    assert "Enter a correct email address and password" in text_of(response)
    assert "There is a problem" in text_of(response)


def test_sign_out_is_a_post(client_as, q2_plan):
    client = client_as("manager")
    assert client.get("/sign-out/").status_code == 405
    response = client.post("/sign-out/")
    assert response["Location"] == "/"
    assert "Sign in" in text_of(client.get("/"))


def test_my_borough_lists_its_commitments_with_status_notes_and_what_is_due(client_as, q2_plan):
    kr14 = KeyResult.objects.get(quarter=q2_plan, number=14)
    CheckInFactory(key_result=kr14, note="DSA template agreed", date="2021-11-20")
    CheckInFactory(key_result=kr14, note="Secret staff note", is_internal=True, date="2021-11-25")
    response = client_as("officer").get("/my-borough/?quarter=y3-q2")
    assert [kr.number for kr in response.context["named"]] == [3, 4, 14, 17]
    assert [kr.number for kr in response.context["open_to_all"]] == [5]
    page = text_of(response)
    assert "Quarter ends 15 January 2022" in page
    assert "Secret staff note" not in page
    assert "Sharing insights" in page


def test_an_officer_posts_an_update_that_shows_on_the_key_result(client_as, q2_plan, role_users):
    client = client_as("officer")
    kr17 = KeyResult.objects.get(quarter=q2_plan, number=17)
    assert "Post an update for Camden" in text_of(client.get(kr17.get_absolute_url()))
    response = client.post(
        "/quarters/y3-q2/key-results/17/updates/",
        {"text": "Two Camden hostels joined the discovery.", "link": "https://camden.example/ta"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/quarters/y3-q2/key-results/17/#borough-updates"
    update = BoroughUpdate.objects.get()
    assert (update.borough.slug, update.author) == ("camden", role_users["officer"])
    page = text_of(client.get(kr17.get_absolute_url()))
    assert "Two Camden hostels joined the discovery." in page
    assert "is published" in page
    anonymous_page = text_of(client_as("anonymous").get(kr17.get_absolute_url()))
    assert "Two Camden hostels joined the discovery." in anonymous_page


def test_borough_updates_show_in_the_admin_beside_check_ins(client_as, q2_plan):
    client_as("officer").post("/quarters/y3-q2/key-results/17/updates/", {"text": "Camden news"})
    kr17 = KeyResult.objects.get(quarter=q2_plan, number=17)
    html = client_as("staff").get(f"/admin/objectives/keyresult/{kr17.pk}/change/").content.decode()
    assert "Camden news" in html


def test_an_officer_cannot_post_on_another_boroughs_key_result(client_as, q2_plan):
    client = client_as("officer")
    kr18 = KeyResult.objects.get(quarter=q2_plan, number=18)  # names Westminster and others
    assert "Post an update" not in text_of(client.get(kr18.get_absolute_url()))
    assert client.get("/quarters/y3-q2/key-results/18/updates/").status_code == 403
    assert client.post("/quarters/y3-q2/key-results/18/updates/", {"text": "x"}).status_code == 403
    assert client.post("/quarters/y3-q2/key-results/5/updates/", {"text": "x"}).status_code == 403
    assert not BoroughUpdate.objects.exists()


def test_an_officer_cannot_change_key_results_or_check_ins(client_as, q2_plan):
    client = client_as("officer")
    kr17 = KeyResult.objects.get(quarter=q2_plan, number=17)
    response = client.post(f"/admin/objectives/keyresult/{kr17.pk}/change/", {"title": "Hijacked"})
    assert response.status_code == 302
    kr17.refresh_from_db()
    assert kr17.title != "Hijacked"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": ""}, "Enter your update"),
        ({"text": "x" * 2001}, "Your update must be 2,000 characters or fewer"),
        (
            {"text": "ok", "link": "not a link at all"},
            "Enter a web address, like https://example.org/report",
        ),
        (
            {"text": "ok", "link": "https://e.org/" + "a" * 600},
            "The link must be 500 characters or fewer",
        ),
    ],
)
def test_a_bad_update_is_refused_with_a_message_and_keeps_what_was_typed(
    client_as, q2_plan, data, message
):
    response = client_as("officer").post("/quarters/y3-q2/key-results/17/updates/", data)
    assert response.status_code == 400
    page = text_of(response)
    assert message in page
    assert "There is a problem" in page
    if data["text"]:
        assert data["text"][:50] in response.content.decode()
    assert not BoroughUpdate.objects.exists()


@pytest.mark.parametrize(
    ("role", "sees"), [("anonymous", False), ("officer", False), ("manager", True), ("staff", True)]
)
def test_internal_notes_are_shown_only_to_managers_and_staff(client_as, q2_plan, role, sees):
    kr = KeyResult.objects.get(quarter=q2_plan, number=12)
    CheckInFactory(
        key_result=kr,
        date="2021-12-01",
        note="Budget not yet approved",
        is_internal=True,
        evidence_url="https://intranet.example/budget",
    )
    client = client_as(role)
    pages = [
        client.get(kr.get_absolute_url()).content.decode(),
        client.get("/quarters/y3-q2/report/").content.decode(),
        client.get("/quarters/y3-q2/key-results.csv").content.decode("utf-8-sig"),
        client.get("/quarters/y3-q2/key-results.json").content.decode(),
        client.get("/quarters/y3-q2/check-ins.csv").content.decode("utf-8-sig"),
    ]
    for page in pages:
        assert ("Budget not yet approved" in page) is sees
        assert ("intranet.example" in page) is sees
