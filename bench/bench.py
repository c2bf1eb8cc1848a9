"""`make bench`: the app as it runs in production (gunicorn, DEBUG off, PostgreSQL, persistent
connections, compressed static files), loaded with wrk from this machine.

For each page, at the Q2 plan's size and at a large generated size, it prints requests per
second, p50 and p99 latency, the ratio to /healthz in the same run, SQL queries per request and
the workers' peak memory, then runs 60 s at 64 connections over the main pages. The results go
to docs/performance.md. Settings: BENCH_DATABASE_URL, BENCH_SECONDS, BENCH_WORKERS, BENCH_PORT.
"""

import datetime
import os
import platform
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/loti_okr_bench"
)
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
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
ENV = {
    **os.environ,
    "DATABASE_URL": DATABASE_URL,
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "false",
    "CONN_MAX_AGE": "600",
    "LOG_LEVEL": "WARNING",
}
ENV.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
# Every request carries a session cookie (one that names no session, as after signing out), so
# the page is rendered, never served from the page cache. (A new query parameter each time no
# longer works: the page cache redirects parameters a page does not read.)
CACHE_MISS_LUA = """
counter = 0
request = function()
  counter = counter + 1
  if wrk.path == "/healthz" then
    return wrk.format(nil, wrk.path)  -- the floor stays the same in both modes
  end
  return wrk.format(nil, wrk.path, {["Cookie"] = "sessionid=bench-no-session-" .. counter})
end
"""
MIXED_LUA = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format(nil, paths[(counter %% #paths) + 1])
end
"""


def manage(*args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=ENV, check=True)


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


def start_server():
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
        env=ENV,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{BASE}/healthz", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not start")


def worker_peak_memory_mb(server):
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
    pids = children.read_text().split() if children.exists() else []
    peaks = []
    for pid in pids:
        status = Path(f"/proc/{pid}/status").read_text()
        peaks.append(int(re.search(r"VmHWM:\s+(\d+) kB", status)[1]) / 1024)
    return max(peaks, default=0.0)


def wrk(path, connections=16, seconds=SECONDS, script=None):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if script:
        command += ["-s", script]
    output = subprocess.run(
        [*command, BASE + path], capture_output=True, text=True, check=True
    ).stdout
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),
        "p50": latency_ms(re.search(r"50%\s+([\d.]+\w+)", output)[1]),
        "p99": latency_ms(re.search(r"99%\s+([\d.]+\w+)", output)[1]),
        "requests": int(re.search(r"(\d+) requests in", output)[1]),
        "bad": int(m[1]) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", output)) else 0,
        "errors": sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output)),
    }


def latency_ms(text):
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def queries_per_request():
    """SQL queries of each page for an anonymous reader: rendered (miss) and from the cache."""
    code = """
import json
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
pages = json.loads(PAGES)
client, counts = Client(HTTP_HOST='127.0.0.1'), {}
for name, path in pages.items():
    cache.clear()
    # Count at once: each request clears the connection's query log.
    with CaptureQueriesContext(connection) as rendered:
        client.get(path)
    rendered_count = len(rendered)
    client.get(path)
    with CaptureQueriesContext(connection) as cached:
        client.get(path)
    counts[name] = [rendered_count, len(cached)]
print(json.dumps(counts))
""".replace("PAGES", repr(__import__("json").dumps(PAGES)))
    result = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise SystemExit(result.stderr[-3000:])
    output = result.stdout
    return __import__("json").loads(output.strip().splitlines()[-1])


def measure(size, server, lua_miss):
    queries = queries_per_request()
    rows = []
    for mode, script in (("page cache", None), ("rendered", lua_miss)):
        results = {name: wrk(path, script=script) for name, path in PAGES.items()}
        floor = results["/healthz"]["rps"]
        for name, result in results.items():
            rendered, cached = queries[name]
            rows.append(
                {
                    "size": size,
                    "mode": mode,
                    "page": name,
                    **result,
                    "ratio": result["rps"] / floor if floor else 0,
                    "queries": cached if mode == "page cache" else rendered,
                }
            )
            print(
                f"{size:>6} {mode:>10} {name:>22}: {result['rps']:8.0f} req/s  p50 "
                f"{result['p50']:6.1f} ms  p99 {result['p99']:6.1f} ms  "
                f"{rows[-1]['ratio']:5.2f}x healthz  {rows[-1]['queries']} queries"
            )
    return rows


def main():
    started = time.time()
    fresh_database()
    manage("migrate", "--no-input", "-v0")
    manage("load_plan", "-v0")
    manage("collectstatic", "--no-input", "-v0")
    workdir = Path(tempfile.mkdtemp())
    lua_miss = workdir / "miss.lua"
    lua_miss.write_text(CACHE_MISS_LUA)
    server = start_server()
    try:
        rows = measure("1x", server, str(lua_miss))
        memory = {"1x": worker_peak_memory_mb(server)}
        t = time.time()
        manage("generate_scale_data", "-v0")
        generation = time.time() - t
        rows += measure("large", server, str(lua_miss))
        memory["large"] = worker_peak_memory_mb(server)
        mixed = workdir / "mixed.lua"
        mixed.write_text(MIXED_LUA % ", ".join(f'"{p}"' for p in PAGES.values()))
        soak = wrk("/", connections=64, seconds=60, script=str(mixed))
        soak_rendered = None
        memory["after soak"] = worker_peak_memory_mb(server)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    write_report(rows, memory, soak, soak_rendered, generation, time.time() - started)


def machine():
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())[1])
    return f"{os.cpu_count()} cores ({model}), {memory_kb / 1024 / 1024:.0f} GiB, {platform.platform()}"


def write_report(rows, memory, soak, soak_rendered, generation, elapsed):
    def table(size, mode):
        lines = [
            "| page | req/s | p50 ms | p99 ms | vs /healthz | SQL queries |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        for r in rows:
            if r["size"] == size and r["mode"] == mode:
                lines.append(
                    f"| {r['page']} | {r['rps']:,.0f} | {r['p50']:.1f} | {r['p99']:.1f} | "
                    f"{r['ratio']:.2f} | {r['queries']} |"
                )
        return "\n".join(lines)

    def ratio(size, mode):
        return next(
            r["ratio"]
            for r in rows
            if (r["size"], r["mode"], r["page"]) == (size, mode, "dashboard")
        )

    def worst_p99(size, mode):
        return max(
            r["p99"]
            for r in rows
            if (r["size"], r["mode"]) == (size, mode) and r["page"] != "/healthz"
        )

    def met(ok):
        return "met" if ok else "**not met**"

    max_queries = max(r["queries"] for r in rows)
    report = f"""# Performance

Measured by `make bench` on {datetime.date.today():%-d %B %Y}, on {machine()}; gunicorn with
{WORKERS} sync workers, DEBUG off, PostgreSQL 15 on the same machine, persistent connections
(CONN_MAX_AGE=600), WhiteNoise serving compressed static files, the default in-memory page
cache. wrk runs on the same 2 cores as the app, so figures vary from run to run (about 2x, see
shared PITFALLS); compare pages as ratios to `/healthz` measured in the same run. Each page ran
{SECONDS} s at 16 connections. The whole run took {elapsed / 60:.1f} minutes.

- **1x**: the Year 3 Q2 plan (1 quarter, 25 key results).
- **large**: plus `generate_scale_data` (100 quarters, 2,500 key results, 50,000 check-ins,
  illustrative), made in {generation:.0f} s.
- **page cache**: what an anonymous reader gets: the rendered page from the cache, checked
  against the data version (one query).
- **rendered**: every request carries a session cookie that names no session (one query to
  look it up), so every page is rendered: what a cache miss, and
  every signed-in reader, costs.

## 1x, page cache

{table("1x", "page cache")}

## 1x, rendered

{table("1x", "rendered")}

## Large, page cache

{table("large", "page cache")}

## Large, rendered

{table("large", "rendered")}

## 60 s at 64 connections, the main pages in turn (large size, page cache)

{soak["requests"]:,} requests, {soak["rps"]:,.0f} req/s, p50 {soak["p50"]:.1f} ms, p99
{soak["p99"]:.1f} ms; **{soak["bad"]} non-2xx responses and {soak["errors"]} socket errors**.

## Targets

| target | measured | |
| --- | --- | --- |
| every page at most 10 SQL queries, whatever the size | at most {max_queries} in this run; asserted at 1x and 10x for anonymous readers and managers in `tests/test_scale.py` | {met(max_queries <= 10)} |
| dashboard at least 0.5x `/healthz` at 1x | {ratio("1x", "page cache"):.2f}x cached, {ratio("1x", "rendered"):.2f}x rendered | {met(ratio("1x", "page cache") >= 0.5)} cached, {met(ratio("1x", "rendered") >= 0.5)} rendered |
| dashboard at least 0.4x `/healthz` at the large size | {ratio("large", "page cache"):.2f}x cached, {ratio("large", "rendered"):.2f}x rendered | {met(ratio("large", "page cache") >= 0.4)} cached, {met(ratio("large", "rendered") >= 0.4)} rendered |
| p99 under 100 ms at 16 connections | worst page {worst_p99("1x", "page cache"):.0f} ms cached / {worst_p99("1x", "rendered"):.0f} ms rendered at 1x; {worst_p99("large", "page cache"):.0f} / {worst_p99("large", "rendered"):.0f} ms at the large size | {met(max(worst_p99(z, "page cache") for z in ("1x", "large")) < 100)} cached, {met(max(worst_p99(z, "rendered") for z in ("1x", "large")) < 100)} rendered |
| a gunicorn worker under 120 MB resident | peak {memory["1x"]:.0f} MB at 1x, {memory["large"]:.0f} MB large, {memory["after soak"]:.0f} MB after the soak | {met(max(memory.values()) < 120)} |
| 60 s at 64 connections: no errors, no 5xx | {soak["bad"]} non-2xx, {soak["errors"]} errors | {met(soak["bad"] == 0 and soak["errors"] == 0)} |

## What limits the figures

- **Rendered pages** (every signed-in reader, and the first anonymous reader after a write) cost
  their template rendering and up to ten queries in one Python process; the dashboard, the
  heaviest page (about 135 KB of HTML with its tables, SVG pictures and map), renders in about
  35 ms of CPU. With two cores shared by wrk, two gunicorn workers and PostgreSQL, rendered pages
  reach a few percent of `/healthz`, which does no work at all. Not met; the next step would be
  caching the rendered fragments (tables, pictures) under the same data version, and lighter
  templates (fewer includes inside loops).
- **Cached pages** still check the data version in PostgreSQL (one round trip, which keeps them
  never stale across app servers) and send the whole page (the dashboard is about 135 KB, against
  3 bytes for `/healthz`); that holds them at about 0.35 to 0.5 of `/healthz`, around the 0.5
  and 0.4 targets. wrk shares the two cores, so the ratios move by about 0.1 between runs.

## Run it

```sh
make bench            # BENCH_SECONDS=5 by default; BENCH_DATABASE_URL names a database to (re)create
```
"""
    (ROOT / "docs" / "performance.md").write_text(report)
    print(f"Wrote docs/performance.md ({elapsed / 60:.1f} min).")


if __name__ == "__main__":
    main()
