"""`make bench`: the app as it runs in production (gunicorn, DEBUG off, PostgreSQL, persistent
connections, compressed static files), loaded with wrk from this machine.

For each page, at the Q2 plan's size and at a large generated size, with the default
(per-process) cache and with Redis, it measures what five readers get: an anonymous reader (the
page cache), a signed-in manager and a Camden officer (their audience's copy, made out for them),
a reader whose session cookie names no session (read as anonymous), and a reader whose every
request is rendered (a cache miss). It prints requests per second, p50
and p99 latency, the ratio to /healthz in the same run, SQL queries per request, the CPU each
request costs the app, PostgreSQL and wrk, and the workers' peak memory; then it runs 60 s at
64 connections over the main pages, anonymous and signed in by turns. The results go to
docs/performance.md. Settings: BENCH_DATABASE_URL, BENCH_REDIS_URL, BENCH_SECONDS, BENCH_PAIRS,
BENCH_WORKERS, BENCH_PORT.
"""

import json
import os
import re
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import machine  # bench/machine.py: this script runs from bench/
import psycopg2
import report  # bench/report.py

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/loti_okr_bench"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
PAIRS = int(os.environ.get("BENCH_PAIRS", "5"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
PORT = int(os.environ.get("BENCH_PORT", "8077"))
BASE = f"http://127.0.0.1:{PORT}"
PAGES = {
    "dashboard": "/quarters/y3-q2/",
    "filtered key results": "/quarters/y3-q2/key-results/?borough=camden&status=in_progress",
    "key result": "/quarters/y3-q2/key-results/17/",
    "borough page": "/boroughs/camden/",
    "JSON export": "/quarters/y3-q2/key-results.json",
    "/healthz": "/healthz",
}
READERS = ["anonymous", "bogus cookie", "manager", "officer", "rendered"]
# Reads through the API, with a manager's read-only token (no page cache: every call is read).
API_PAGES = {
    "API key results": "/api/v1/quarters/y3-q2/key-results",
    "API check-ins": "/api/v1/quarters/y3-q2/check-ins",
}
ENV = {
    **os.environ,
    "DATABASE_URL": DATABASE_URL,
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "false",
    "CONN_MAX_AGE": "600",
    "LOG_LEVEL": "WARNING",
    "API_CALLS_PER_MINUTE": "100000000",  # the bench measures throughput, not the rate limit
}
ENV.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
ENV.pop("CACHE_URL", None)
CACHES = {"default": None, "Redis": REDIS_URL}
# Every request names the host with a new port: the page cache keys on the host its links are
# built from, so each page is rendered, never served from the cache.
CACHE_MISS_LUA = """
counter = 0
request = function()
  counter = counter + 1
  if wrk.path == "/healthz" then
    return wrk.format(nil, wrk.path)  -- the floor stays the same in every mode
  end
  return wrk.format(nil, wrk.path, {["Host"] = "127.0.0.1:" .. (1024 + counter % 60000)})
end
"""
# Every request carries a new session cookie naming no session (as after signing out, or made
# up): it is an anonymous reader, served the anonymous copy.
BOGUS_COOKIE_LUA = """
counter = 0
request = function()
  counter = counter + 1
  if wrk.path == "/healthz" then
    return wrk.format(nil, wrk.path)
  end
  -- shaped as Django's keys are (32 lowercase letters and digits), so it is looked up
  return wrk.format(nil, wrk.path, {["Cookie"] = string.format("sessionid=%032d", counter)})
end
"""
# The main pages in turn, every other request signed in as a manager.
MIXED_LUA = """
paths = {%s}
cookie = "%s"
counter = 0
request = function()
  counter = counter + 1
  local path = paths[(counter %% #paths) + 1]
  if counter %% 2 == 0 then
    return wrk.format(nil, path, {["Cookie"] = cookie})
  end
  return wrk.format(nil, path)
end
"""


def environment(cache_url):
    return {**ENV, "CACHE_URL": cache_url} if cache_url else ENV


def manage(*args, env=ENV):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def in_django(task, *arguments, env=ENV):
    """Run `task` of bench/in_django.py inside the app, with `env`; its result."""
    result = subprocess.run(
        [PYTHON, "bench/in_django.py", task, json.dumps(arguments)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise SystemExit(result.stderr[-3000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def fresh_database(database_url=DATABASE_URL):
    """Drop and create the scratch database `database_url` names (also bench/render_times.py)."""
    from urllib.parse import urlparse

    url = urlparse(database_url)
    name = url.path.lstrip("/")
    admin = psycopg2.connect(
        host=url.hostname,
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        dbname="postgres",
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def flush_redis():
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def redis_memory_mb():
    import redis

    info = redis.Redis.from_url(REDIS_URL).info("memory")
    return info["used_memory_peak"] / 2**20


def start_server(env):
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "loti_okr.wsgi",
            "--workers",
            str(WORKERS),
            "--bind",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{BASE}/healthz", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not start")


def stop_server(server):
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)


def wrk(server, path, connections=16, seconds=SECONDS, script=None, cookie=None, header=None):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if script:
        command += ["-s", script]
    if cookie and path != "/healthz":
        command += ["-H", f"Cookie: {cookie}"]
    if header:
        command += ["-H", header]
    workers, wrk_before = machine.cpu_seconds(machine.workers_of(server)), machine.children_cpu()
    database = machine.cpu_seconds(machine.postgres_pids())
    output = subprocess.run(
        [*command, BASE + path], capture_output=True, text=True, check=True
    ).stdout
    used = (
        machine.cpu_used(workers, machine.cpu_seconds(machine.workers_of(server))),
        machine.cpu_used(database, machine.cpu_seconds(machine.postgres_pids())),
        machine.children_cpu() - wrk_before,
    )
    requests = int(re.search(r"(\d+) requests in", output)[1])
    app_cpu, database_cpu, wrk_cpu = (seconds * 1000 / max(requests, 1) for seconds in used)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),
        "p50": latency_ms(re.search(r"50%\s+([\d.]+\w+)", output)[1]),
        "p99": latency_ms(re.search(r"99%\s+([\d.]+\w+)", output)[1]),
        "requests": requests,
        "bad": int(m[1]) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", output)) else 0,
        "errors": sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output)),
        "app_cpu": app_cpu,
        "database_cpu": database_cpu,
        "wrk_cpu": wrk_cpu,
    }


def latency_ms(text):
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def measure(size, cache_name, server, cookies, scripts, queries):
    rows = []
    for reader in READERS:
        if reader == "rendered" and cache_name != "default":
            continue  # a miss does not touch the cache but to fill it
        script = scripts.get(reader)
        cookie = f"sessionid={cookies[reader]}" if reader in cookies else None
        healthz_before = wrk(server, PAGES["/healthz"], script=script, cookie=cookie)
        results = {
            name: wrk(server, path, script=script, cookie=cookie) for name, path in PAGES.items()
        }
        # /healthz before and after a reader's pages: the floor is their mean, so a host that
        # slows down or speeds up while the pages run moves both sides of the ratio alike.
        floor = statistics.mean([healthz_before["rps"], results["/healthz"]["rps"]])
        results["/healthz"] = {**results["/healthz"], "rps": floor}
        for name, result in results.items():
            rendered, cached, signed_in = queries[name]
            count = {"anonymous": cached, "bogus cookie": cached, "rendered": rendered}.get(
                reader, signed_in
            )
            rows.append(
                {
                    "size": size,
                    "cache": cache_name,
                    "reader": reader,
                    "page": name,
                    **result,
                    "ratio": result["rps"] / floor if floor else 0,
                    "queries": 0 if name == "/healthz" else count,
                }
            )
            print(
                f"{size:>5} {cache_name:>7} {reader:>9} {name:>22}: {result['rps']:7.0f} req/s "
                f"p50 {result['p50']:6.1f} ms  p99 {result['p99']:6.1f} ms  "
                f"{rows[-1]['ratio']:5.2f}x healthz  {rows[-1]['queries']} queries  "
                f"CPU ms/req app {result['app_cpu']:.2f} db {result['database_cpu']:.2f} "
                f"wrk {result['wrk_cpu']:.2f}"
            )
    return rows


def ratios_by_turns(server, label, page, floor, pairs=PAIRS):
    """`page` against `floor` (each a path and wrk's options), run by turns, `pairs`
    times: the host's speed drifts over minutes by more than the gap the target allows (one
    reader's five pages, alike on the server, differed by a quarter in one run), so each ratio
    is taken from two runs a few seconds apart, and the target reads their median."""
    ratios = []
    for _ in range(pairs):
        base = wrk(server, floor[0], **floor[1])
        measured = wrk(server, page[0], **page[1])
        ratios.append(measured["rps"] / base["rps"])
        print(f"{label}, by turns: {ratios[-1]:.2f}")
    return ratios


def measure_api(size, cache_name, server, token, queries, floor):
    """The API's reads with a token: requests per second, against the same /healthz floor."""
    rows = []
    for name, path in API_PAGES.items():
        result = wrk(server, path, header=f"Authorization: Bearer {token}")
        rows.append(
            {
                "size": size,
                "cache": cache_name,
                "reader": "API token",
                "page": name,
                **result,
                "ratio": result["rps"] / floor if floor else 0,
                "queries": queries[name],
            }
        )
        print(
            f"{size:>5} {cache_name:>7} API token {name:>22}: {result['rps']:7.0f} req/s "
            f"p50 {result['p50']:6.1f} ms  p99 {result['p99']:6.1f} ms  {queries[name]} queries"
        )
    return rows


def main():
    started = time.time()
    machine_before = machine.cpu_times()
    fresh_database()
    manage("migrate", "--no-input", "-v0")
    manage("load_plan", "-v0")
    manage("collectstatic", "--no-input", "-v0")
    cookies = in_django("sessions")
    token = in_django("api_token")
    workdir = Path(tempfile.mkdtemp())
    scripts = {"rendered": workdir / "miss.lua", "bogus cookie": workdir / "bogus.lua"}
    scripts["rendered"].write_text(CACHE_MISS_LUA)
    scripts["bogus cookie"].write_text(BOGUS_COOKIE_LUA)
    scripts = {reader: str(path) for reader, path in scripts.items()}
    rows, memory, costs, generation = [], {}, {}, 0.0
    turns = {"bogus cookie": {}, "manager": {}}
    for size in ("1x", "large"):
        if size == "large":
            t = time.time()
            manage("generate_scale_data", "-v0")
            generation = time.time() - t
        queries = in_django("queries_per_request", PAGES)
        api_queries = in_django("api_queries", API_PAGES, token)
        for cache_name, cache_url in CACHES.items():
            env = environment(cache_url)
            if cache_url:
                flush_redis()
            if size == "1x":
                costs[cache_name] = in_django("signed_in_costs", env=env)
            server = start_server(env)
            try:
                rows += measure(size, cache_name, server, cookies, scripts, queries)
                dashboard = PAGES["dashboard"]
                turns["bogus cookie"][(size, cache_name)] = ratios_by_turns(
                    server,
                    "bogus cookie / anonymous, dashboard",
                    page=(dashboard, {"script": scripts["bogus cookie"]}),
                    floor=(dashboard, {}),
                )
                manager = {"cookie": f"sessionid={cookies['manager']}"}
                turns["manager"][(size, cache_name)] = ratios_by_turns(
                    server,
                    "manager's dashboard / /healthz",
                    page=(dashboard, manager),
                    floor=(PAGES["/healthz"], {}),
                )
                floor = next(
                    r["rps"]
                    for r in rows
                    if (r["size"], r["cache"], r["reader"], r["page"])
                    == (size, cache_name, "anonymous", "/healthz")
                )
                rows += measure_api(size, cache_name, server, token, api_queries, floor)
                memory[(size, cache_name)] = machine.worker_peak_memory_mb(server)
            finally:
                stop_server(server)
    redis_peak = redis_memory_mb()
    mixed = workdir / "mixed.lua"
    paths = ", ".join(f'"{p}"' for p in PAGES.values())
    mixed.write_text(MIXED_LUA % (paths, f"sessionid={cookies['manager']}"))
    server = start_server(ENV)
    try:
        soak = wrk(server, "/", connections=64, seconds=60, script=str(mixed))
        memory[("after soak", "default")] = machine.worker_peak_memory_mb(server)
    finally:
        stop_server(server)
    elapsed = time.time() - started
    report.write_report(
        ROOT / "docs" / "performance.md",
        rows=rows,
        memory=memory,
        costs=costs,
        turns=turns,
        soak=soak,
        redis_peak=redis_peak,
        generation=generation,
        elapsed=elapsed,
        steal=machine.steal_share(machine_before, machine.cpu_times()),
        workers=WORKERS,
        redis_url=REDIS_URL,
        seconds=SECONDS,
        caches=list(CACHES),
        pages=[*PAGES, *API_PAGES],
    )
    print(f"Wrote docs/performance.md ({elapsed / 60:.1f} min).")


if __name__ == "__main__":
    main()
