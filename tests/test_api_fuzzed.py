"""schemathesis fuzzes the API from its own OpenAPI document, against gunicorn with two workers
(DEBUG off), with a read-only token and a read-and-write token, every check on: no 5xx, every
status, header and body as the document declares them, authentication enforced."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .app_server import AppServer

pytestmark = pytest.mark.django_db

SCHEMATHESIS = Path(sys.executable).parent / "schemathesis"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    app = AppServer(tmp_path_factory.mktemp("api"), name="loti_okr_api_fuzzed")
    app.env["API_CALLS_PER_MINUTE"] = "100000"  # the fuzzer's pace; the limit has its own test
    app.start()
    yield app
    app.stop()


def token(server, *args):
    printed = server.manage("create_api_token", *args)
    return re.search(r"^loti_\S+$", printed, re.M)[0]


@pytest.mark.parametrize("access", ["read", "write"])
def test_schemathesis_finds_nothing(server, access, tmp_path):
    if access == "read":
        bearer = token(server, "manager", "--name", "fuzz read")
    else:
        bearer = token(server, "loti-staff", "--name", "fuzz write", "--write")
    result = subprocess.run(
        [
            str(SCHEMATHESIS),
            "run",
            f"http://127.0.0.1:{server.port}/api/v1/openapi.json",
            "--header",
            f"Authorization: Bearer {bearer}",
            "--checks",
            "all",
            "--max-examples",
            os.environ.get("API_FUZZ_EXAMPLES", "30"),
            "--seed",
            "26",
            "--no-color",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]


def test_the_rate_limit_holds_across_both_workers_with_redis(tmp_path_factory):
    """With Redis as the cache, a token's calls are counted once for every worker: the
    eleventh call of a minute is refused whichever worker answers it."""
    import time

    from .app_server import Browser
    from .test_two_workers import redis_is_running

    if not redis_is_running():
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    import redis

    url = os.environ.get("TEST_API_REDIS_URL", "redis://127.0.0.1:6379/13")
    redis.Redis.from_url(url).flushdb()
    app = AppServer(tmp_path_factory.mktemp("api-limit"), cache_url=url, name="loti_okr_api_limit")
    app.env["API_CALLS_PER_MINUTE"] = "10"
    app.start()
    try:
        bearer = token(app, "manager", "--name", "limit")
        if time.time() % 60 > 45:  # the count starts again each minute: not across one
            time.sleep(61 - time.time() % 60)
        caller = Browser(app)

        def ask():
            return caller.get("/api/v1/boroughs", {"Authorization": f"Bearer {bearer}"})

        # Six calls answered by both workers, twice: twelve calls in the minute.
        answers = app.from_both_workers(ask, "/api/v1/boroughs", rounds=1)
        answers += app.from_both_workers(ask, "/api/v1/boroughs", rounds=1)
    finally:
        app.stop()
    statuses = [answer.status for answer in answers]
    assert statuses[:10] == [200] * 10, statuses
    assert set(statuses[10:]) == {429}, statuses
    assert answers[-1].headers["Retry-After"].isdigit()
