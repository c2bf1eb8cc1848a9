"""Geometry for the server-drawn SVG charts: every coordinate is computed here, so templates
only place values. Each chart has a table or text alternative built from the same figures."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from .models import Status
from .summaries import mean_progress

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
        return " ".join(f"{_x(self.quarter, d)},{_y(p)}" for d, p in self.points)

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
    """Every seventh point and the last, each as (day, percent, percent expected that day): the
    rows of a burn-up's table alternative."""
    points = chart.points
    rows = points[::7]
    if points and rows[-1] != points[-1]:
        rows.append(points[-1])
    return [(day, percent, chart.quarter.expected_progress(day)) for day, percent in rows]


def key_result_history(key_result, check_ins, day):
    """A key result's check-ins as points, oldest first."""
    points = sorted(((c.date, c.progress) for c in check_ins), key=lambda point: point[0])
    return LineChart(key_result.quarter, points, day)


@dataclass
class StackedBar:
    label: str
    total: int
    segments: list  # {"status", "count", "x", "width"}


def status_bars(workstream_summaries):
    """One horizontal bar a workstream, a segment a status, widths in percent of the bar."""
    bars = []
    for row in workstream_summaries:
        total = row.summary.count
        x, segments = 0.0, []
        for status, count in row.summary.status_counts:
            if count:
                width = 100 * count / total
                segments.append(
                    {"status": status, "count": count, "x": round(x, 2), "width": round(width, 2)}
                )
                x += width
        bars.append(StackedBar(str(row.workstream), total, segments))
    return bars


TILE = 52
TILE_GAP = 4
TILE_LABEL_DROP, TILE_COUNT_DROP = 22, 42  # from a tile's top to its label and its count
SHADES = [(0, "0"), (1, "1"), (2, "2"), (3, "3"), (5, "5")]  # (at least, css suffix)


def shade_of(count):
    suffix = "0"
    for least, css in SHADES:
        if count >= least:
            suffix = css
    return suffix


def london_tiles(boroughs):
    """The London Squared tile map: one square per authority at its grid position.

    `boroughs` carry `commitment_count`; the tile's shade follows it.
    """
    tiles = []
    for borough in boroughs:
        count = borough.commitment_count
        x = (borough.grid_col - 1) * (TILE + TILE_GAP)
        y = (borough.grid_row - 1) * (TILE + TILE_GAP)
        tiles.append(
            {
                "borough": borough,
                "x": x,
                "y": y,
                "size": TILE,
                "text_x": x + TILE / 2,
                "label_y": y + TILE_LABEL_DROP,
                "count_y": y + TILE_COUNT_DROP,
                "count": count,
                "shade": shade_of(count),
            }
        )
    columns = max((b.grid_col for b in boroughs), default=8)
    rows = max((b.grid_row for b in boroughs), default=7)
    return {
        "tiles": tiles,
        "width": columns * (TILE + TILE_GAP),
        "height": rows * (TILE + TILE_GAP),
        "legend": [
            {"shade": "0", "label": "none"},
            {"shade": "1", "label": "1"},
            {"shade": "2", "label": "2"},
            {"shade": "3", "label": "3 or 4"},
            {"shade": "5", "label": "5 or more"},
        ],
    }


def borough_workstream_matrix(boroughs, workstreams, pairs):
    """Rows of (borough, [count per workstream]) for boroughs taking part in anything.

    `pairs` are (borough_id, workstream_id), one per participation.
    """
    counts = defaultdict(int)
    for pair in pairs:
        counts[pair] += 1
    rows = []
    for borough in boroughs:
        cells = [counts[(borough.pk, workstream.pk)] for workstream in workstreams]
        if any(cells):
            rows.append((borough, cells))
    return rows
