"""With Redis as the shared page cache, two gunicorn workers keep answering while Redis is away,
paused or stopped: every page 200 from the database, every write kept, /healthz saying the cache
is degraded; and when Redis is back (with the pages it held, or restarted empty), none older
than a write made meanwhile is served."""

import os
import shutil
import signal
import subprocess
import time

import pytest

from .app_server import AppServer, Browser, free_port

pytestmark = pytest.mark.django_db

PAGES = ["/quarters/y3-q2/", "/quarters/y3-q2/key-results/17/", "/quarters/y3-q2/key-results/"]


def start_redis(port, folder):
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""],
        cwd=folder,
        stdout=subprocess.DEVNULL,
    )
    time.sleep(0.5)
    return process


def stop(process):
    process.send_signal(signal.SIGCONT)
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def redis_server(tmp_path):
    if shutil.which("redis-server") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("redis-server must be installed in CI", pytrace=False)
        pytest.skip("redis-server is not installed")
    port = free_port()
    processes = [start_redis(port, tmp_path)]
    yield processes, port
    for process in processes:
        if process.poll() is None:
            stop(process)


def all_answer(app, reader):
    """Every page, from both workers: all 200."""
    for path in PAGES:
        answers = app.from_both_workers(lambda path=path: reader.get(path), path, rounds=2)
        assert all(answer.status == 200 for answer in answers), path


def test_pages_answer_from_the_database_while_redis_is_away_and_never_stale_after(
    tmp_path, redis_server
):
    processes, port = redis_server
    redis = processes[0]
    url = f"redis://127.0.0.1:{port}/0"
    app = AppServer(tmp_path, cache_url=url, name="loti_okr_cache_away").start()
    try:
        reader = Browser(app)
        for path in PAGES:
            reader.get(path)
            assert reader.get(path).headers.get("X-Page-Cache") == "hit", path

        redis.send_signal(signal.SIGSTOP)  # away: connections hang, then time out
        all_answer(app, reader)
        assert "cache: degraded" in reader.get("/healthz").text
        app.shell(
            "from objectives.models import KeyResult\n"
            "from objectives.services import record_check_in\n"
            "record_check_in(key_result=KeyResult.objects.get(quarter__slug='y3-q2', number=17),"
            " status='at_risk', progress=35, note='Written while the cache was away')"
        )
        assert "Written while the cache was away" in reader.get(PAGES[1]).text

        redis.send_signal(signal.SIGCONT)  # back, with the pages it held before the write
        all_answer(app, reader)
        assert "Written while the cache was away" in reader.get(PAGES[1]).text
        assert "35%" in reader.get(PAGES[0]).text
        assert "cache: degraded" not in reader.get("/healthz").text

        stop(redis)  # stopped: connections refused at once
        all_answer(app, reader)
        assert "cache: degraded" in reader.get("/healthz").text
        processes.append(start_redis(port, tmp_path))  # started again, empty
        all_answer(app, reader)
        assert reader.get(PAGES[0]).headers.get("X-Page-Cache") == "hit"  # it fills again
        assert "Written while the cache was away" in reader.get(PAGES[1]).text
    finally:
        app.stop()
