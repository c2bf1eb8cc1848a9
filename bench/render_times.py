"""Median time to render each main page on a cache miss, in-process: compare code, not machines.

Run after `make bench` (which leaves its scratch database with the large data loaded), from the
checkout whose code you want to measure: `.venv/bin/python bench/render_times.py`. Set
BENCH_DATABASE_URL to measure another database and RENDERS for another count (default 25; the
first five are warm-up and left out).
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    "/quarters/y3-q2/",
    "/quarters/y3-q2/key-results/?borough=camden&status=not_started",
    "/quarters/y3-q2/key-results/17/",
    "/boroughs/camden/",
    "/quarters/y3-q2/report/",
]


def main():
    os.environ.update(
        DATABASE_URL=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/loti_okr_bench"
        ),
        DEBUG="false",
        SECRET_KEY="render-times-only",
        SECURE_SSL_REDIRECT="false",
        ALLOWED_HOSTS="testserver",
        DJANGO_SETTINGS_MODULE="loti_okr.settings",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.cache import cache
    from django.test import Client

    client, renders = Client(), int(os.environ.get("RENDERS", "25"))
    for page in PAGES:
        times = []
        for _ in range(renders):
            cache.clear()  # every request a miss
            started = time.perf_counter()
            response = client.get(page)
            times.append(time.perf_counter() - started)
            assert response.status_code == 200, (page, response.status_code)
        median = statistics.median(times[5:]) * 1000
        print(f"{page:68s} {median:6.1f} ms  {len(response.content):>7,} bytes")


if __name__ == "__main__":
    main()
