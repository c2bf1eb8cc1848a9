"""Council sign-in as production runs it: gunicorn with two workers, a real tenant, and the
callback answered by the other worker than the one that sent the person to their council
(the sign-in's state must live in the shared session store, not in a worker's memory)."""

import re
import socket
import time
from urllib.parse import urlsplit

import pytest

from .app_server import AppServer, Browser
from .oidc_tenants import sign_in_at_tenant

pytestmark = pytest.mark.django_db

ALICE = "alice@camden.gov.uk"


@pytest.fixture(scope="module")
def server(tenants, tmp_path_factory):
    app = AppServer(tmp_path_factory.mktemp("council-sign-in"), name="loti_okr_council_sign_in")
    app.start()
    camden = tenants["camden"]
    printed = app.manage(
        "add_council_sign_in",
        "camden",
        f"--issuer={camden.issuer}",
        f"--client-id={camden.client_id}",
        f"--client-secret={camden.client_secret}",
        "--domains=camden.gov.uk",
    )
    assert "/sign-in/council/camden/callback/" in printed
    app.shell(
        "from django.contrib.auth.models import Group, User\n"
        "from accounts.models import BoroughLink\n"
        "from boroughs.models import Borough\n"
        f"alice = User.objects.create_user({ALICE!r}, email={ALICE!r})\n"
        "alice.groups.add(Group.objects.get(name='Borough officers'))\n"
        "BoroughLink.objects.create(user=alice, borough=Borough.objects.get(slug='camden'))\n"
    )
    yield app
    app.stop()


def worker_that_served(server, path, since):
    """The process id of the worker that answered `path` (gunicorn logs just after answering)."""
    for _ in range(50):
        lines = server.access_log.read_text().splitlines()[since:]
        pids = [line.split()[0] for line in lines if line.split()[-1] == path]
        if pids:
            assert len(pids) == 1, lines
            return pids[0]
        time.sleep(0.05)
    raise AssertionError(f"no worker logged {path}")


def test_the_callback_lands_on_the_other_worker_and_signs_the_person_in(server):
    address = ("127.0.0.1", server.port)
    for _ in range(5):
        person = Browser(server)
        token = person.csrf_token_from("/sign-in/")
        since = server.log_length()
        with socket.create_connection(address) as held:  # one worker waits on this
            time.sleep(0.1)
            started = person.post("/sign-in/", {"csrfmiddlewaretoken": token, "username": ALICE})
            assert started.status == 302, started.text[:300]
            starter = worker_that_served(server, "/sign-in/", since)
            back = urlsplit(sign_in_at_tenant(started.location, ALICE))
            # The starting worker is now free: it takes a second idle connection, and the
            # callback goes to the worker let go of the first one.
            second = socket.create_connection(address)
            time.sleep(0.1)
            held.close()
            time.sleep(0.1)
            since = server.log_length()
            try:
                answer = person.get(f"{back.path}?{back.query}")
            finally:
                second.close()
        assert answer.status == 302, answer.text[:500]
        assert answer.location.startswith("/sign-in/done/")
        if worker_that_served(server, back.path, since) != starter:
            break
    else:
        pytest.fail("the callback never reached the other worker")
    landed = person.get(answer.location)
    assert landed.location == "/my-borough/"
    page = person.get("/my-borough/")
    assert page.status == 200
    assert re.search(r"Signed in as", page.text)
