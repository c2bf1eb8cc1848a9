"""Officers correct or withdraw their own borough updates: the history keeps what changed, and
a withdrawn update leaves every page; nobody else's updates can be changed."""

from objectives.models import BoroughUpdate

from .factories import BoroughLinkFactory, UserFactory
from .helpers import SAMPLE_UPDATE_PK, sample_borough_update, text_of

KR17 = "/quarters/y3-q2/key-results/17/"
EDIT = f"/borough-updates/{SAMPLE_UPDATE_PK}/edit/"
WITHDRAW = f"/borough-updates/{SAMPLE_UPDATE_PK}/withdraw/"


def test_an_officer_corrects_their_update_and_the_history_keeps_the_first_words(
    client_as, q2_plan, role_users
):
    sample_borough_update(role_users["officer"])
    client = client_as("officer")
    my_borough = text_of(client.get("/my-borough/"))
    assert "Correct your update on Year 3 Q2 KR 17 or withdraw" in my_borough
    form = text_of(client.get(EDIT))
    assert "Camden ran its first session." in form
    response = client.post(EDIT, {"text": "Camden ran its first two sessions.", "link": ""})
    assert response.status_code == 302
    page = text_of(client_as("anonymous").get(KR17))
    assert "Camden ran its first two sessions." in page
    assert "Camden ran its first session." not in page
    versions = BoroughUpdate.history.filter(id=SAMPLE_UPDATE_PK).order_by("history_date")
    assert [v.text for v in versions] == [
        "Camden ran its first session.",
        "Camden ran its first two sessions.",
    ]
    assert versions.last().history_user == role_users["officer"]


def test_a_correction_is_checked_like_a_new_update(client_as, q2_plan, role_users):
    sample_borough_update(role_users["officer"])
    response = client_as("officer").post(EDIT, {"text": "", "link": "not a link"})
    assert response.status_code == 400
    assert "Enter your update" in text_of(response)
    assert BoroughUpdate.objects.get().text == "Camden ran its first session."


def test_a_withdrawn_update_leaves_every_page(client_as, q2_plan, role_users):
    sample_borough_update(role_users["officer"])
    client = client_as("officer")
    assert "Withdraw your update?" in text_of(client.get(WITHDRAW))
    for url in (KR17, "/my-borough/"):
        assert "Camden ran its first session." in text_of(client.get(url)), url
    response = client.post(WITHDRAW)
    assert response["Location"] == "/my-borough/"
    assert "is withdrawn" in text_of(client.get("/my-borough/"))
    for url in (KR17, "/my-borough/"):
        assert "Camden ran its first session." not in text_of(client_as("officer").get(url)), url
    update = BoroughUpdate.objects.get()
    assert update.withdrawn_at is not None
    assert BoroughUpdate.history.filter(id=update.pk).count() == 2
    assert client.get(EDIT).status_code == 404  # a withdrawn update cannot be changed


def test_nobody_else_changes_an_officers_update(client, client_as, q2_plan, role_users):
    sample_borough_update(role_users["officer"])
    colleague = UserFactory(username="camden-colleague", groups=["Borough officers"])
    BoroughLinkFactory(user=colleague)  # Camden too
    client.force_login(colleague)
    assert client.get(EDIT).status_code == 403
    assert client.post(WITHDRAW).status_code == 403
    assert "Correct your update" not in text_of(client.get("/my-borough/"))
    for role in ("manager", "staff"):
        assert client_as(role).post(WITHDRAW).status_code == 403
    assert BoroughUpdate.objects.get().withdrawn_at is None


def test_updates_show_on_the_borough_page_and_in_their_export_until_withdrawn(
    client, client_as, q2_plan, role_users
):
    sample_borough_update(role_users["officer"])
    page = text_of(client.get("/boroughs/camden/"))
    assert "Updates from Camden" in page
    assert "Camden ran its first session." in page
    rows = client.get("/quarters/y3-q2/borough-updates.csv").content.decode("utf-8-sig")
    header, first = rows.splitlines()[:2]
    assert header == "key_result,title,borough,posted,text,link,author,url"
    assert first.startswith("17,")
    assert "Camden ran its first session." in first
    client_as("officer").post(WITHDRAW)
    client.logout()
    assert "Camden ran its first session." not in text_of(client.get("/boroughs/camden/"))
    export = client.get("/quarters/y3-q2/borough-updates.csv").content.decode("utf-8-sig")
    assert export.strip().splitlines() == [header]
