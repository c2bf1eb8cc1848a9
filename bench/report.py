"""The report of a `make bench` run (bench/bench.py): docs/performance.md, its tables, its
targets and what they mean."""

import datetime
import statistics

import machine  # bench/machine.py: this script runs from bench/


def write_report(
    path,
    *,
    rows,
    memory,
    costs,
    turns,
    soak,
    redis_peak,
    generation,
    elapsed,
    steal,
    workers,
    redis_url,
    seconds,
    caches,
    pages,
):
    """Write the report of a `make bench` run (bench.main gives every figure) to `path`."""

    def pick(size, cache, reader, page="dashboard"):
        return next(
            r
            for r in rows
            if (r["size"], r["cache"], r["reader"], r["page"]) == (size, cache, reader, page)
        )

    def table(size, cache):
        lines = [
            "| page | reader | req/s | p50 ms | p99 ms | vs /healthz | SQL queries "
            "| CPU ms a request: app / PostgreSQL / wrk |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
        ]
        for page in pages:
            for r in rows:
                if (r["size"], r["cache"], r["page"]) == (size, cache, page):
                    if page == "/healthz" and r["reader"] != "anonymous":
                        continue
                    lines.append(
                        f"| {page} | {r['reader']} | {r['rps']:,.0f} | {r['p50']:.1f} | "
                        f"{r['p99']:.1f} | {r['ratio']:.2f} | {r['queries']} | "
                        f"{r['app_cpu']:.2f} / {r['database_cpu']:.2f} / {r['wrk_cpu']:.2f} |"
                    )
        return "\n".join(lines)

    def met(ok):
        return "met" if ok else "**not met**"

    def cost_table(cache):
        lines = ["| part | ms |", "| --- | ---: |"]
        lines += [f"| {part} | {ms:.3f} |" for part, ms in costs[cache].items()]
        return "\n".join(lines)

    medians = {
        reader: {key: statistics.median(ratios) for key, ratios in by_config.items()}
        for reader, by_config in turns.items()
    }

    def each_pair(reader):
        return "; ".join(
            f"{size} {cache}: " + ", ".join(f"{r:.2f}" for r in ratios)
            for (size, cache), ratios in turns[reader].items()
        )

    pair_count = len(next(iter(turns["manager"].values())))
    max_queries = max(r["queries"] for r in rows if r["reader"] != "API token")
    max_api_queries = max(r["queries"] for r in rows if r["reader"] == "API token")
    dash = pick("1x", "default", "anonymous")
    miss = pick("1x", "default", "rendered")

    def pairs(ratios):
        return ", ".join(f"{v:.2f}x {s} {c}" for (s, c), v in ratios.items())

    report = f"""# Performance

Measured by `make bench` on {datetime.date.today():%-d %B %Y}, on {machine.described()}; gunicorn with
{workers} sync workers, DEBUG off, PostgreSQL 15 on the same machine, persistent connections
(CONN_MAX_AGE=600), WhiteNoise serving compressed static files; the default in-process cache,
then Redis (`CACHE_URL={redis_url}`). wrk runs on the same cores as the app, and the machine
is a virtual one that shares its host, so figures vary from run to run; compare pages as ratios
to `/healthz`, measured before and after each reader's pages (the mean of the two). Each page
ran {seconds} s at 16 connections. The whole run took {elapsed / 60:.1f} minutes, during which
the host kept {steal:.0%} of the cores' time for other machines (steal time, from /proc/stat).

- **1x**: the Year 3 Q2 plan (1 quarter, 25 key results).
- **large**: plus `generate_scale_data` (100 quarters, 2,500 key results, 50,000 check-ins,
  illustrative), made in {generation:.0f} s.
- Readers: **anonymous** (the page cache: the data version, one query); **bogus cookie** (a
  well-formed session cookie naming no session, new on every request: read as anonymous; the
  data version's one statement also finds no such session); **manager** and **officer** (a signed-in manager's and a Camden officer's
  session: their audience's copy with their own header, CSRF token and owners' buttons put in;
  three queries: Django's session, the reader with their borough and role groups, the data
  version); **rendered** (every request a cache miss: a Host header with a new port each time,
  which the page cache keys on); **API token** (the API's key result list and check-ins, the
  first page of each, with a manager's read-only token: no page cache, every call read afresh;
  the token, the person with their role, the data version for the ETag, then the reads).
- CPU: the CPU time the gunicorn workers, PostgreSQL and wrk used during the run, divided by
  the requests answered.

## Targets

| target | measured | |
| --- | --- | --- |
| anonymous dashboard at least 0.5x `/healthz` (1x, default cache) | {dash["ratio"]:.2f}x | {met(dash["ratio"] >= 0.5)} |
| a signed-in manager's dashboard at least 0.15x `/healthz`, default cache and Redis (the median of {pair_count} pairs of runs by turns) | {pairs(medians["manager"])} (each pair: {each_pair("manager")}) | {met(min(medians["manager"].values()) >= 0.15)} |
| a bogus-cookie reader at least 0.8x of anonymous (dashboard; the median of {pair_count} pairs of runs by turns) | {pairs(medians["bogus cookie"])} (each pair: {each_pair("bogus cookie")}) | {met(min(medians["bogus cookie"].values()) >= 0.8)} |
| a cache miss of the dashboard at most 30 ms of the workers' CPU at 1x | {miss["app_cpu"]:.1f} ms (p50 {miss["p50"]:.1f} ms at 16 connections) | {met(miss["app_cpu"] <= 30)} |
| at most 10 SQL queries a page, whatever the size | at most {max_queries} in this run; asserted at 1x and 10x for every role in `tests/test_scale.py` | {met(max_queries <= 10)} |
| at most 10 SQL queries an API read, whatever the size | at most {max_api_queries} in this run (key results, check-ins); every read asserted at 1x and 10x in `tests/test_api.py` | {met(max_api_queries <= 10)} |
| a gunicorn worker under 120 MB resident | peak {max(memory.values()):.0f} MB ({", ".join(f"{s} {c} {v:.0f}" for (s, c), v in memory.items())}) | {met(max(memory.values()) < 120)} |
| 60 s at 64 connections: no errors, no 5xx | {soak["bad"]} non-2xx, {soak["errors"]} errors | {met(soak["bad"] == 0 and soak["errors"] == 0)} |

## 1x, default cache

{table("1x", "default")}

## 1x, Redis

{table("1x", "Redis")}

## Large, default cache

{table("large", "default")}

## Large, Redis

{table("large", "Redis")}

## 60 s at 64 connections, the main pages in turn, every other request a manager's (large size)

{soak["requests"]:,} requests, {soak["rps"]:,.0f} req/s, p50 {soak["p50"]:.1f} ms, p99
{soak["p99"]:.1f} ms; **{soak["bad"]} non-2xx responses and {soak["errors"]} socket errors**.
Redis held {redis_peak:.1f} MB at its peak (bound it with `maxmemory` and `allkeys-lru`, see
docs/deployment.md); the default cache holds at most `CACHE_MAX_ENTRIES` pages a worker.

## What a signed-in hit costs, part by part (in-process, median of 300)

Default cache:

{cost_table("default")}

With Redis:

{cost_table("Redis")}

Each is read afresh on every request, by Django's own parts: the session (signing out ends it
everywhere at once), the reader (a role taken away or an account deactivated counts at the next
request) and the data version (the one number every app server shares, so no cached page is
stale).

## Run it

```sh
make bench            # BENCH_SECONDS=5 by default; BENCH_DATABASE_URL names a database to (re)create
.venv/bin/python bench/render_times.py [--profile] [--page /quarters/y3-q2/]
.venv/bin/python bench/compare_renders.py OLD_CHECKOUT [--reader manager]  # copy bench/ there first
```
"""
    path.write_text(report)
