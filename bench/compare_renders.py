"""What a cache miss costs in two checkouts, measured by turns so that a shared machine's ups
and downs fall on both alike:

    .venv/bin/python bench/compare_renders.py OLD_CHECKOUT [NEW_CHECKOUT] [--page P] [--renders N]

Each checkout runs `bench/render_times.py --serve` (copy this folder into an older checkout
first) with its own scratch database (loti_okr_render_<n>), the plan and the default sample
check-ins; then each page is rendered N times (default 60) in each, one render each by turns,
every render a miss. It prints each checkout's median and the median of the renders' ratios.
"""

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
WARM_UP = 5


def start(checkout, number, reader):
    database = f"postgres://postgres@127.0.0.1:5432/loti_okr_render_{number}"
    worker = subprocess.Popen(
        [sys.executable, "bench/render_times.py", "--serve", reader],
        cwd=checkout,
        env={"RENDER_DATABASE_URL": database, "PATH": "/usr/bin:/bin"},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    while worker.stdout.readline().strip() != "ready":
        if worker.poll() is not None:
            raise SystemExit(f"{checkout}: bench/render_times.py --serve did not start")
    return worker


def render(worker, page):
    worker.stdin.write(page + "\n")
    worker.stdin.flush()
    return float(worker.stdout.readline())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("old")
    parser.add_argument("new", nargs="?", default=str(HERE.parent))
    parser.add_argument("--page", action="append")
    parser.add_argument("--renders", type=int, default=60)
    parser.add_argument("--reader", choices=["anonymous", "manager"], default="anonymous")
    options = parser.parse_args()
    workers = [start(c, n, options.reader) for n, c in enumerate((options.old, options.new))]
    for page in options.page or ["/quarters/y3-q2/"]:
        times = ([], [])
        for turn in range(WARM_UP + options.renders):
            for index, worker in enumerate(workers):
                elapsed = render(worker, page)
                if turn >= WARM_UP:
                    times[index].append(elapsed)
        old, new = (statistics.median(t) for t in times)
        ratios = statistics.median(n / o for o, n in zip(*times, strict=True))
        print(
            f"{page} as {options.reader}: old {old:.1f} ms, new {new:.1f} ms, "
            f"new/old {new / old:.2f} (median of the turns' ratios {ratios:.2f})"
        )
    for worker in workers:
        worker.stdin.close()
        worker.wait()


if __name__ == "__main__":
    main()
