"""Geometry for the server-drawn SVG charts: every coordinate is computed here, so templates
only place values. Each chart has a table or text alternative built from the same figures."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from .models import Status
from .summaries import mean_progress, short_date

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 12, 36
PLOT_WIDTH = WIDTH - LEFT - RIGHT
PLOT_HEIGHT = HEIGHT - TOP - BOTTOM


def _x(quarter, day):
    span = max((quarter.end_date - quarter.start_date).days, 1)
    offset = min(max((day - quarter.start_date).days, 0), span)
    return round(LEFT + PLOT_WIDTH * offset / span, 1)


def _y(percent):
    return round(TOP + PLOT_HEIGHT * (1 - percent / 100), 1)


BASELINE = TOP + PLOT_HEIGHT
LABEL_GAP = 6  # between a gridline's end and its label
TICK_LENGTH = 6
TICK_LABEL_DROP = 22  # from the baseline to a month's label
MARKER_LABEL_DROP = 10  # from the top of the plot to the marker's label


def _axes(quarter):
    """Gridlines at 0, 25, 50, 75, 100% and a tick at the first of each month."""
    gridlines = [
        {"y": _y(p), "x1": LEFT, "x2": WIDTH - RIGHT, "label_x": LEFT - LABEL_GAP, "label": f"{p}%"}
        for p in (0, 25, 50, 75, 100)
    ]
    ticks, day = [], quarter.start_date.replace(day=1)
    while day <= quarter.end_date:
        if day >= quarter.start_date:
            ticks.append({"x": _x(quarter, day), "label": day.strftime("%b %Y")})
        day = (day + datetime.timedelta(days=32)).replace(day=1)
    return {
        "gridlines": gridlines,
        "ticks": ticks,
        "baseline": BASELINE,
        "tick_end": BASELINE + TICK_LENGTH,
        "tick_label_y": BASELINE + TICK_LABEL_DROP,
    }


@dataclass
class LineChart:
    """A progress line over the quarter against the ideal straight line, with a day marked."""

    quarter: object
    points: list  # (date, percent)
    marked_day: datetime.date | None

    width = WIDTH
    height = HEIGHT

    @property
    def polyline(self):
        """The line through every point, less those in the middle of a flat run (a day like
        the days either side of it adds nothing to the line but bytes)."""
        points = self.points
        kept = [
            (day, percent)
            for i, (day, percent) in enumerate(points)
            if i in (0, len(points) - 1) or not (points[i - 1][1] == percent == points[i + 1][1])
        ]
        return " ".join(f"{_x(self.quarter, d)},{_y(p)}" for d, p in kept)

    @property
    def dots(self):
        return [
            {"x": _x(self.quarter, d), "y": _y(p), "date": d, "percent": p} for d, p in self.points
        ]

    @property
    def ideal(self):
        return {
            "x1": _x(self.quarter, self.quarter.start_date),
            "y1": _y(0),
            "x2": _x(self.quarter, self.quarter.end_date),
            "y2": _y(100),
        }

    @property
    def marker(self):
        if self.marked_day is None or not self.quarter.is_running_on(self.marked_day):
            return None
        return {
            "x": _x(self.quarter, self.marked_day),
            "top": TOP,
            "bottom": BASELINE,
            "label_y": TOP + MARKER_LABEL_DROP,
        }

    @property
    def axes(self):
        return _axes(self.quarter)


def burn_up(quarter, key_result_ids, check_ins, day):
    """Mean progress of the quarter's key results on each day up to `day`.

    `check_ins` are (key_result_id, date, progress, status) in the order they were made; a key
    result counts 0 until its first check-in and leaves the mean once dropped.
    """
    by_day = defaultdict(list)
    for key_result_id, date, progress, status in check_ins:
        by_day[date].append((key_result_id, progress, status))
    latest = dict.fromkeys(key_result_ids, (0, Status.NOT_STARTED))  # id -> (progress, status)
    last_day = min(day, quarter.end_date)
    points, cursor = [], quarter.start_date
    # Check-ins dated before the quarter began count from its first day.
    for date in sorted(d for d in by_day if d < cursor):
        latest.update((kr_id, (progress, status)) for kr_id, progress, status in by_day[date])
    while cursor <= last_day:
        latest.update((kr_id, (progress, status)) for kr_id, progress, status in by_day[cursor])
        points.append((cursor, mean_progress(latest.values())))
        cursor += datetime.timedelta(days=1)
    return LineChart(quarter, points, day)


def weekly(chart):
    """Every seventh point and the last, each as (day as "1 Dec 2021", percent, percent expected
    that day): the rows of a burn-up's table alternative."""
    points = chart.points
    rows = points[::7]
    if points and rows[-1] != points[-1]:
        rows.append(points[-1])
    return [
        (short_date(day), percent, chart.quarter.expected_progress(day)) for day, percent in rows
    ]


def key_result_history(key_result, check_ins, day):
    """A key result's check-ins as points, oldest first."""
    points = sorted(((c.date, c.progress) for c in check_ins), key=lambda point: point[0])
    return LineChart(key_result.quarter, points, day)


BAR_WIDTH, BAR_HEIGHT = 600, 28
BAR_LABEL_MIN_WIDTH = 18  # a segment narrower than this shows its count in the table only


@dataclass
class StackedBar:
    label: str
    total: int
    segments: list  # {"verdict", "count", "x", "width", "label_x"}
    width = BAR_WIDTH
    height = BAR_HEIGHT
    text_y = BAR_HEIGHT // 2

    @property
    def description(self):
        """Its accessible name: "Skills: 2 on track, 1 at risk"."""
        counts = ", ".join(f"{s['count']} {s['verdict'].label.lower()}" for s in self.segments)
        return f"{self.label}: {counts}"


def status_bars(workstream_summaries):
    """One horizontal bar a workstream, a segment a verdict, each segment labelled with its
    count (widths in the bar's own units; patterns tell verdicts apart without colour)."""
    bars = []
    for row in workstream_summaries:
        total = row.summary.count
        x, segments = 0.0, []
        for verdict, count in row.summary.verdict_counts:
            width = BAR_WIDTH * count / total
            segments.append(
                {
                    "verdict": verdict,
                    "count": count,
                    "x": round(x),
                    "width": round(x + width) - round(x),
                    "label_x": round(x + width / 2),
                    "labelled": width >= BAR_LABEL_MIN_WIDTH,
                }
            )
            x += width
        bars.append(StackedBar(str(row.workstream), total, segments))
    return bars


SPARK_WIDTH, SPARK_HEIGHT = 60, 16


def sparklines(quarter, check_ins, day):
    """Key result id -> the points of its progress line over the quarter (for a small trend
    line), from (key_result_id, date, progress, status) check-ins in the order they were made.
    A key result with fewer than two check-ins has no line."""
    span = max((quarter.end_date - quarter.start_date).days, 1)
    points = defaultdict(list)
    for key_result_id, date, progress, _status in check_ins:
        offset = min(max((date - quarter.start_date).days, 0), span)
        x = round(SPARK_WIDTH * offset / span)
        y = round(1 + (SPARK_HEIGHT - 2) * (1 - progress / 100))
        points[key_result_id].append(f"{x},{y}")
    return {kr_id: " ".join(line) for kr_id, line in points.items() if len(line) > 1}


TILE = 52
TILE_GAP = 4
TILE_LABEL_DROP, TILE_COUNT_DROP = 22, 42  # from a tile's top to its label and its figure

# How the tile map shades each authority: (at least, css suffix, legend label) per scale.
MAP_SCALES = {
    "count": [
        (0, "0", "none"),
        (1, "1", "1"),
        (2, "2", "2"),
        (3, "3", "3 or 4"),
        (5, "5", "5 or more"),
    ],
    "progress": [
        (0, "p0", "0–24%"),
        (25, "p25", "25–49%"),
        (50, "p50", "50–74%"),
        (75, "p75", "75–100%"),
    ],
}
MAP_SHADINGS = {"progress": "average progress", "count": "number of key results"}


def shade_of(value, scale="count"):
    suffix = "none" if value is None else MAP_SCALES[scale][0][1]
    if value is not None:
        for least, css, _label in MAP_SCALES[scale]:
            if value >= least:
                suffix = css
    return suffix


def london_tiles(boroughs, key_results_naming=None, shading="count", quarter=None):
    """The London Squared tile map: one square per authority at its grid position, shaded by
    the number of key results naming it or by their average progress (None where none does).
    Each tile links to its authority's page in `quarter` (includes/london_map.html draws it).

    `key_results_naming` maps a borough's id to those key results; without it, each borough
    carries its `commitment_count` and the map shades by number."""
    tiles = []
    for borough in boroughs:
        if key_results_naming is None:
            named, count = [], borough.commitment_count
        else:
            named = key_results_naming.get(borough.pk, [])
            count = len(named)
        counted = [(kr.progress, kr.status) for kr in named]
        average = mean_progress(counted) if any(s != Status.DROPPED for _p, s in counted) else None
        value = count if shading == "count" else average
        figure = count if shading == "count" else ("–" if average is None else f"{average}%")
        x = (borough.grid_col - 1) * (TILE + TILE_GAP)
        y = (borough.grid_row - 1) * (TILE + TILE_GAP)
        shade = shade_of(value, shading)
        href = borough.get_absolute_url() + (f"?quarter={quarter.slug}" if quarter else "")
        tiles.append(
            {
                "borough": borough,
                "x": x,
                "y": y,
                "count": count,
                "average": average,
                "figure": figure,
                "shade": shade,
                "href": href,
                "text": borough.tile_label.upper(),
            }
        )
    columns = max((b.grid_col for b in boroughs), default=8)
    rows = max((b.grid_row for b in boroughs), default=7)
    legend = [{"shade": css, "label": label} for _least, css, label in MAP_SCALES[shading]]
    if shading == "progress":
        legend.insert(0, {"shade": "none", "label": "no key result"})
    return {
        "tiles": tiles,
        "width": columns * (TILE + TILE_GAP),
        "height": rows * (TILE + TILE_GAP),
        # Each tile is drawn at its own origin (translated), so these hold for every tile.
        "tile": {
            "size": TILE,
            "middle": TILE // 2,
            "label_y": TILE_LABEL_DROP,
            "count_y": TILE_COUNT_DROP,
        },
        "legend": legend,
        "shading": shading,
        "shadings": MAP_SHADINGS,
    }


def borough_workstream_matrix(boroughs, workstreams, key_results_naming):
    """Rows of (borough, [count per workstream]) for boroughs taking part in anything.

    `key_results_naming` maps a borough's id to the key results naming it.
    """
    counts = defaultdict(int)
    for borough_id, named in key_results_naming.items():
        for kr in named:
            counts[(borough_id, kr.workstream_id)] += 1
    rows = []
    for borough in boroughs:
        cells = [counts[(borough.pk, workstream.pk)] for workstream in workstreams]
        if any(cells):
            rows.append((borough, cells))
    return rows
