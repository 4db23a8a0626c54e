"""A bar chart of sign-ons per day, laid out as numbers a template draws as SVG.

Right to left (an Arabic page) the chart is mirrored: the first day on the right, the value
axis and its numbers on the right, each day's bars received-confirmed-approved from the
right. The numbers themselves stay as they are written (digits never turn round).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

SERIES = ("received", "confirmed", "approved")
WIDTH, HEIGHT = 640, 220
LEFT, BOTTOM, TOP = 36, 26, 10
# A letter runs for weeks: the chart shows its last 60 days (the totals count every day).
MAX_DAYS = 60


@dataclass(frozen=True)
class Bar:
    """One rectangle: which series, where, and the number it stands for."""

    series: str
    x: float
    y: float
    width: float
    height: float
    value: int
    day: date


@dataclass(frozen=True)
class Chart:
    """Everything the SVG needs: bars, the value axis, day labels and the totals."""

    days: tuple[date, ...]
    rows: tuple[tuple[date, int, int, int], ...]
    bars: tuple[Bar, ...]
    ticks: tuple[tuple[float, int], ...]
    # (x, day): the template writes the day in the page's language.
    labels: tuple[tuple[float, date], ...]
    totals: Mapping[str, int]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    bottom: float = HEIGHT - BOTTOM
    rtl: bool = False

    @property
    def grid(self) -> tuple[int, int]:
        """Where the grid lines start and end: the plot, beside the value axis."""
        return (0, self.width - self.left) if self.rtl else (self.left, self.width)

    @property
    def tick_x(self) -> int:
        """Where the value axis's numbers are anchored (their end, towards the plot)."""
        return self.width - self.left + 4 if self.rtl else self.left - 4

    @property
    def tick_anchor(self) -> str:
        """SVG text-anchor of the numbers, in the SVG's own left-to-right coordinates."""
        return "start" if self.rtl else "end"


def _nice_top(peak: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if peak <= step * 4:
            return step * 4
    return -(-peak // 1000) * 1000


def daily_chart(
    per_day: Mapping[str, Mapping[date, int]], today: date, rtl: bool = False
) -> Chart | None:
    """Bars of sign-ons received, confirmed and approved on each day; None before the first.

    `rtl` mirrors it for a right-to-left page.
    """
    known = [d for counts in per_day.values() for d in counts]
    if not known:
        return None
    first = max(min(known), today - timedelta(days=MAX_DAYS - 1))
    last = max(max(known), first)
    days = tuple(first + timedelta(days=i) for i in range((last - first).days + 1))
    values = {s: [per_day.get(s, {}).get(day, 0) for day in days] for s in SERIES}
    top = _nice_top(max(max(v) for v in values.values()) or 1)
    plot_w, plot_h = WIDTH - LEFT - 4, HEIGHT - BOTTOM - TOP
    slot = plot_w / len(days)
    bar_w = slot * 0.8 / len(SERIES)
    bars = []

    def placed(x: float, width: float = 0) -> float:
        return WIDTH - x - width if rtl else x

    for i, day in enumerate(days):
        for k, series in enumerate(SERIES):
            value = values[series][i]
            h = plot_h * value / top
            x = placed(LEFT + i * slot + slot * 0.1 + k * bar_w, bar_w)
            bars.append(Bar(series, round(x, 1), round(TOP + plot_h - h, 1),
                            round(bar_w, 1), round(h, 1), value, day))  # fmt: skip
    ticks = tuple((round(TOP + plot_h - plot_h * t / 4, 1), top * t // 4) for t in range(5))
    every = max(1, -(-len(days) // 7))
    labels = tuple(
        (round(placed(LEFT + i * slot + slot / 2), 1), day)
        for i, day in enumerate(days)
        if i % every == 0
    )
    rows = tuple(
        (day, values["received"][i], values["confirmed"][i], values["approved"][i])
        for i, day in enumerate(days)
    )
    totals = {s: sum(per_day.get(s, {}).values()) for s in SERIES}
    return Chart(days, rows, tuple(bars), ticks, labels, totals, rtl=rtl)


def busiest(rows: Sequence[tuple[date, int, int, int]]) -> tuple[date, int] | None:
    """The day most sign-ons came in, for the chart's one-line summary."""
    best = max(rows, key=lambda r: r[1], default=None)
    return (best[0], best[1]) if best and best[1] else None
