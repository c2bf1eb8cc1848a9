"""The parts of `make bench` that run inside the app (bench/bench.py runs this script with the
bench's settings in its environment): `python bench/in_django.py TASK [JSON ARGUMENTS]` prints
the task's result as JSON."""

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


def sessions():
    """A signed-in manager's and a Camden officer's session cookies, as signing in makes them."""
    from django.contrib.auth.models import Group, User
    from django.test import Client

    from accounts.models import BoroughLink
    from boroughs.models import Borough

    cookies = {}
    for name, group in (("manager", "Managers"), ("officer", "Borough officers")):
        user = User.objects.create_user(f"bench-{name}", first_name="Bench", last_name=name.title())
        user.groups.add(Group.objects.get(name=group))
        if name == "officer":
            BoroughLink.objects.create(user=user, borough=Borough.objects.get(slug="camden"))
        client = Client()
        client.force_login(user)
        cookies[name] = client.cookies["sessionid"].value
    return cookies


def api_token():
    """A read-only API token of the bench's manager."""
    from django.contrib.auth.models import User

    from api.models import ApiToken

    return ApiToken.make(user=User.objects.get(username="bench-manager"), name="bench")[1]


def api_queries(paths, token):
    """SQL queries of each API read (the token's last use already recorded)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=HOST, headers={"Authorization": f"Bearer {token}"})
    client.get("/api/v1/boroughs")
    counts = {}
    for name, path in paths.items():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200, path
        counts[name] = len(queries)
    return counts


def queries_per_request(pages):
    """SQL queries of each page: rendered for an anonymous reader (a miss), from the cache for
    an anonymous reader, and from the cache for a signed-in manager."""
    from django.contrib.auth.models import User
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client, manager, counts = Client(HTTP_HOST=HOST), Client(HTTP_HOST=HOST), {}
    manager.force_login(User.objects.get(username="bench-manager"))
    for name, path in pages.items():
        cache.clear()
        # Count at once: each request clears the connection's query log.
        with CaptureQueriesContext(connection) as rendered:
            client.get(path)
        rendered_count = len(rendered)
        client.get(path)
        with CaptureQueriesContext(connection) as cached:
            client.get(path)
        manager.get(path)
        with CaptureQueriesContext(connection) as signed_in:
            manager.get(path)
        counts[name] = [rendered_count, len(cached), len(signed_in)]
    return counts


def signed_in_costs():
    """What each part of a signed-in page-cache hit costs, in-process (median of 300, ms)."""
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.cache import cache
    from django.test import Client, RequestFactory

    from accounts import personal_parts
    from accounts.backends import RoleAwareModelBackend
    from objectives.models import DataVersion

    user = User.objects.get(username="bench-manager")
    client = Client(HTTP_HOST=HOST)
    client.force_login(user)
    key = client.cookies["sessionid"].value
    response = client.get("/quarters/y3-q2/")
    assert response.status_code == 200, response.status_code
    shared = personal_parts.shareable(response.content)
    assert personal_parts.ACCOUNT_HOLE in shared
    request = RequestFactory(HTTP_HOST=HOST).get("/quarters/y3-q2/")
    # As the middleware hands it over: the reader as the backend loads them, the version read.
    request.user = RoleAwareModelBackend().get_user(user.pk)
    request.data_version = DataVersion.current()
    personal_parts.personalise(shared, request)  # the day's "My key results" link is kept
    cache.set("bench-page", (shared, {}))
    return {
        "the session (Django's database engine)": median_ms(lambda: SessionStore(key).load()),
        "the reader with role groups and borough (the model backend)": median_ms(
            lambda: RoleAwareModelBackend().get_user(user.pk)
        ),
        "the data version": median_ms(DataVersion.current),
        "the page from the cache": median_ms(lambda: cache.get("bench-page")),
        "putting in the header, CSRF token and owners' parts": median_ms(
            lambda: personal_parts.personalise(shared, request)
        ),
    }


def median_ms(work, times=300):
    spent = []
    for _ in range(times):
        started = time.perf_counter()
        work()
        spent.append(time.perf_counter() - started)
    return statistics.median(spent) * 1000


TASKS = {
    task.__name__: task
    for task in (sessions, queries_per_request, signed_in_costs, api_token, api_queries)
}

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loti_okr.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    task, arguments = sys.argv[1], json.loads(sys.argv[2]) if len(sys.argv) > 2 else []
    print(json.dumps(TASKS[task](*arguments)))
