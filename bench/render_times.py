"""What a cache miss costs: the median time to render each main page in-process (Django's test
client, DEBUG off, PostgreSQL), every request a miss. It compares code, not machines: run it
from two checkouts on one machine to compare them.

    .venv/bin/python bench/render_times.py            # Year 3 Q2 with seed_demo_progress's samples
    .venv/bin/python bench/render_times.py --profile  # and the dashboard's top costs (cProfile)
    .venv/bin/python bench/render_times.py --profile --page /quarters/y3-q2/report/  # a page's

It makes its own scratch database (RENDER_DATABASE_URL, default loti_okr_render on the local
PostgreSQL), loads the plan and the default sample check-ins, then renders each page RENDERS
times (default 25) as an anonymous reader and as a signed-in manager; the first five are
warm-up and left out of the median.
"""

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

from bench import fresh_database  # bench/bench.py: this script runs from bench/

ROOT = Path(__file__).resolve().parent.parent
DATABASE_URL = os.environ.get(
    "RENDER_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/loti_okr_render"
)
PAGES = [
    "/quarters/y3-q2/",
    "/quarters/y3-q2/key-results/",
    "/quarters/y3-q2/key-results/17/",
    "/boroughs/camden/",
    "/quarters/y3-q2/report/",
]
WARM_UP = 5


def setup():
    os.environ.update(
        DATABASE_URL=DATABASE_URL,
        DEBUG="false",
        SECRET_KEY="render-times-only",
        SECURE_SSL_REDIRECT="false",
        ALLOWED_HOSTS="testserver",
        DJANGO_SETTINGS_MODULE="loti_okr.settings",
        LOG_LEVEL="WARNING",
    )
    os.environ.pop("CACHE_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("collectstatic", "--no-input", verbosity=0)
    call_command("migrate", verbosity=0)
    call_command("load_plan", verbosity=0)
    call_command("seed_demo_progress", "--quarter", "y3-q2", verbosity=0)


def manager_client():
    from django.contrib.auth.models import Group, User
    from django.test import Client

    manager = User.objects.create_user("render-manager")
    manager.groups.add(Group.objects.get(name="Managers"))
    client = Client()
    client.force_login(manager)
    return client


def median_ms(client, page, renders):
    from django.core.cache import cache

    times = []
    for _ in range(renders):
        cache.clear()  # every request a miss
        started = time.perf_counter()
        response = client.get(page)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, (page, response.status_code)
    return statistics.median(times[WARM_UP:]) * 1000, len(response.content)


def profile(client, page, renders):
    from django.core.cache import cache

    profiler = cProfile.Profile()
    for _ in range(renders):
        cache.clear()
        profiler.enable()
        client.get(page)
        profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(40)
    return out.getvalue()


def serve(reader):
    """Render a page each time a line names one on standard input, and answer the milliseconds
    it took (bench/compare_renders.py drives two checkouts this way, by turns)."""
    from django.core.cache import cache

    print("ready", flush=True)
    for line in sys.stdin:
        cache.clear()  # every request a miss
        started = time.perf_counter()
        response = reader.get(line.strip())
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, (line, response.status_code)
        print(f"{elapsed:.3f}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--profile",
        action="store_true",
        help="profile each page's renders (default: the dashboard's)",
    )
    parser.add_argument("--renders", type=int, default=int(os.environ.get("RENDERS", "25")))
    parser.add_argument("--page", action="append", help="only this page (may be repeated)")
    parser.add_argument(
        "--serve",
        choices=["anonymous", "manager"],
        help="render, as this reader, the pages named on standard input, one a line",
    )
    options = parser.parse_args()
    fresh_database(DATABASE_URL)
    setup()
    from django.test import Client

    readers = {"anonymous": Client(), "manager": manager_client()}
    if options.serve:
        serve(readers[options.serve])
        return
    print(f"{'page':40s} {'anonymous':>10s} {'manager':>10s} {'bytes':>8s}")
    for page in options.page or PAGES:
        figures = {name: median_ms(c, page, options.renders) for name, c in readers.items()}
        size = figures["anonymous"][1]
        print(
            f"{page:40s} {figures['anonymous'][0]:8.1f} ms {figures['manager'][0]:7.1f} ms "
            f"{size:8,}"
        )
    if options.profile:
        for page in options.page or PAGES[:1]:
            print(f"\n{page}, as a manager:\n{profile(readers['manager'], page, options.renders)}")


if __name__ == "__main__":
    main()
