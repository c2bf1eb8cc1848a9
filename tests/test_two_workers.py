"""Two real gunicorn workers on one database, with the default cache and with Redis: sessions,
the page cache and writes must hold across processes, not just inside one."""

import os
import re
import socket

import pytest

from .app_server import AppServer, Browser
from .helpers import ONE_KEY_RESULT_PLAN

# The app runs on a database of its own; the suite's test database is set up all the same (its
# session fixtures load the plan into it), which pytest-django does only for tests that ask.
pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
TRIES = 20  # requests, each on a new connection: both workers answer some


def redis_is_running():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(scope="module", params=["memory cache", "redis"])
def server(request, tmp_path_factory):
    cache_url = None
    if request.param == "redis":
        if not redis_is_running():
            if os.environ.get("CI") == "true":
                pytest.fail("Redis must run on 127.0.0.1:6379 in CI", pytrace=False)
            pytest.skip("Redis is not running on 127.0.0.1:6379")
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()
        cache_url = REDIS_URL
    app = AppServer(tmp_path_factory.mktemp("two-workers"), cache_url=cache_url).start()
    yield app
    app.stop()


def test_signing_out_ends_the_session_on_every_worker(server):
    officer = Browser(server)
    officer.sign_in("camden-officer")
    for page in server.from_both_workers(lambda: officer.get("/my-borough/"), "/my-borough/"):
        assert page.status == 200
    token = officer.csrf_token_from("/my-borough/")
    stolen = dict(officer.cookies)  # what a replayed cookie would carry
    assert officer.post("/sign-out/", {"csrfmiddlewaretoken": token}).status == 302

    replay = Browser(server)
    replay.cookies = stolen
    answers = server.from_both_workers(lambda: replay.get("/my-borough/"), "/my-borough/")
    assert all(a.status == 302 and a.location.startswith("/sign-in/") for a in answers)
    posted = replay.post(
        "/quarters/y3-q2/key-results/17/updates/",
        {"csrfmiddlewaretoken": token, "text": "Posted with a replayed cookie"},
    )
    assert posted.status in (302, 403)
    assert (
        "Posted with a replayed cookie"
        not in Browser(server).get("/quarters/y3-q2/key-results/17/").text
    )


def test_a_managers_replayed_cookie_shows_no_internal_note_after_sign_out(server):
    server.shell(
        "from objectives.models import KeyResult\n"
        "from objectives.services import record_check_in\n"
        "record_check_in(key_result=KeyResult.objects.get(quarter__slug='y3-q2', number=12),"
        " status='at_risk', progress=20, note='Budget worry for managers', is_internal=True)"
    )
    path = "/quarters/y3-q2/key-results/12/"
    manager = Browser(server)
    manager.sign_in("manager")
    for page in server.from_both_workers(lambda: manager.get(path), path):
        assert "Budget worry for managers" in page.text
        assert "no-store" in page.headers["Cache-Control"]
    token = manager.csrf_token_from("/quarters/y3-q2/")
    stolen = dict(manager.cookies)
    manager.post("/sign-out/", {"csrfmiddlewaretoken": token})
    replay = Browser(server)
    replay.cookies = stolen
    for page in server.from_both_workers(lambda: replay.get(path), path):
        assert "Budget worry for managers" not in page.text


def test_a_write_shows_on_every_worker_at_once(server):
    path = "/quarters/y3-q2/key-results/1/"
    reader = Browser(server)
    server.from_both_workers(lambda: reader.get(path), path)  # both workers have it cached
    server.shell(
        "from objectives.models import KeyResult\n"
        "from objectives.services import record_check_in\n"
        "record_check_in(key_result=KeyResult.objects.get(quarter__slug='y3-q2', number=1),"
        " status='on_track', progress=35, note='Seen by every worker')"
    )
    pages = server.from_both_workers(lambda: reader.get(path), path)
    assert all("Seen by every worker" in page.text for page in pages)


def test_no_host_or_query_string_can_poison_or_grow_the_page_cache(server):
    path = "/quarters/y3-q2/key-results.csv"
    reader = Browser(server)
    server.from_both_workers(lambda: reader.get(path), path)  # both workers have it cached
    evil_host = {"Host": "evil.example"}
    for evil in server.from_both_workers(lambda: reader.get(path, headers=evil_host), path):
        assert evil.status == 400
    for n in range(TRIES):
        answer = reader.get(f"/quarters/y3-q2/?utm_x={n}")
        assert (answer.status, answer.location) == (301, "/quarters/y3-q2/")
    csv = reader.get("/quarters/y3-q2/key-results.csv").text
    assert "evil.example" not in csv
    assert "http://127.0.0.1:8000/quarters/y3-q2/key-results/1/" in csv  # SITE_URL's default


def test_signed_in_readers_get_their_audiences_copy_with_their_own_header_on_every_worker(server):
    server.shell(
        "from django.contrib.auth.models import Group, User\n"
        "user = User.objects.create_user('second-manager', password='a-long-test-password')\n"
        "user.groups.add(Group.objects.get(name='Managers'))"
    )
    path = "/quarters/y3-q2/"
    first, second = Browser(server), Browser(server)
    first.sign_in("manager")
    second.sign_in("second-manager")
    for page in server.from_both_workers(lambda: first.get(path), path):
        assert ">Mo Manager<span" in page.text
    for page in server.from_both_workers(lambda: second.get(path), path):
        assert ">second-manager<span" in page.text  # no name yet: the username
        assert ">Mo Manager<span" not in page.text
    if server.env.get("CACHE_URL"):  # one shared copy: every one of these was a hit
        assert page.headers.get("X-Page-Cache") == "hit"
    token = second.csrf_token_from(path)
    assert second.post("/sign-out/", {"csrfmiddlewaretoken": token}).status == 302
    officer = Browser(server)
    officer.sign_in("camden-officer")
    for page in server.from_both_workers(lambda: officer.get(path), path):
        assert ">Cam Officer<span" in page.text
        assert "manager" not in page.text


def test_a_plan_previewed_on_one_worker_is_imported_on_Confirm_by_the_other(server):
    """The checked file waits in the database, not in a worker's memory, nor in the form."""
    staff = Browser(server)
    staff.sign_in("loti-staff")
    url = "/admin/objectives/quarter/import/"
    plan = ONE_KEY_RESULT_PLAN.format(title="Shared between workers").encode()
    digests = set()

    def preview():
        token = staff.csrf_token_from(url)
        answer = staff.post_file(
            url, {"csrfmiddlewaretoken": token, "file_format": ""}, "file", "plan.yaml", plan
        )
        assert answer.status == 200, answer.text[:300]
        digests.add(re.search(r'name="digest" value="([0-9a-f]{64})"', answer.text)[1])
        return answer

    server.from_both_workers(preview, url, rounds=3)
    [digest] = digests
    token = staff.csrf_token_from(url)
    done = staff.post(
        url,
        {"csrfmiddlewaretoken": token, "digest": digest, "file_format": "yaml", "confirm": "yes"},
    )
    assert done.status == 302, done.text[:300]
    assert "Shared between workers" in staff.get("/quarters/y3-q3/key-results/1/").text
