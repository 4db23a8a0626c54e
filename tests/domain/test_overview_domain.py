"""The pure parts of the overview and versions pages: the chart, regions, the inline diff."""

from datetime import date

from signon.domain.chart import MAX_DAYS, daily_chart
from signon.domain.regions import CountryCount, by_region, region_of
from signon.domain.textdiff import Piece, inline_diff

TODAY = date(2026, 3, 10)


def test_a_day_without_sign_ons_is_an_empty_slot_and_bars_scale_to_the_busiest_day():
    chart = daily_chart({"received": {date(2026, 3, 8): 6, TODAY: 2}, "confirmed": {}}, TODAY)
    assert chart.days == (date(2026, 3, 8), date(2026, 3, 9), TODAY)
    received = [b for b in chart.bars if b.series == "received"]
    assert [b.value for b in received] == [6, 0, 2]
    assert received[0].height == 3 * received[2].height
    assert chart.ticks[-1][1] >= 6 and chart.totals == {
        "received": 8,
        "confirmed": 0,
        "approved": 0,
    }


def test_right_to_left_the_chart_is_mirrored_first_day_and_axis_on_the_right():
    counts = {"received": {date(2026, 3, 8): 6, TODAY: 2}, "confirmed": {TODAY: 1}}
    ltr, rtl = daily_chart(counts, TODAY), daily_chart(counts, TODAY, rtl=True)
    for left, right in zip(ltr.bars, rtl.bars, strict=True):
        # The same bar, reflected: its right edge where the other's left edge was.
        assert abs((right.x + right.width) - (ltr.width - left.x)) < 0.2
        assert (right.y, right.height, right.value, right.day) == (
            left.y, left.height, left.value, left.day,
        )  # fmt: skip
    first, last = rtl.labels[0][0], rtl.labels[-1][0]
    assert first > last  # 8 March on the right, 10 March on the left
    # The axis's numbers sit right of the plot, anchored at their start.
    assert rtl.grid == (0, rtl.width - rtl.left) and rtl.tick_x > rtl.grid[1]
    assert (ltr.tick_anchor, rtl.tick_anchor) == ("end", "start")
    # On each day, received (read first) is the rightmost bar.
    day_one = [b for b in rtl.bars if b.day == date(2026, 3, 8)]
    assert day_one[0].series == "received" and day_one[0].x > day_one[1].x > day_one[2].x


def test_no_chart_before_the_first_sign_on_and_at_most_sixty_days():
    assert daily_chart({"received": {}}, TODAY) is None
    long = daily_chart({"received": {date(2025, 1, 1): 1, TODAY: 1}}, TODAY)
    assert len(long.days) == MAX_DAYS and long.totals["received"] == 2


def test_countries_fall_into_their_regions_most_organisations_first():
    assert region_of("CI") == "Africa" and region_of("BR") == "South America"
    assert region_of("XX") == "Other"
    regions = by_region(
        [CountryCount("FR", "France", 1, 0), CountryCount("KE", "Kenya", 1, 1),
         CountryCount("CI", "Côte d'Ivoire", 3, 0)]
    )  # fmt: skip
    assert [(r.name, r.total) for r in regions] == [("Africa", 5), ("Europe", 1)]
    assert [c.name for c in regions[0].countries] == ["Côte d'Ivoire", "Kenya"]


def test_the_diff_marks_words_and_keeps_one_paragraph_either_side():
    old = "One.\n\nTwo.\n\nWe urge you.\n\nFour.\n\nFive.\n\nSix."
    new = "One.\n\nTwo.\n\nWe strongly urge you.\n\nFour.\n\nFive.\n\nSix."
    assert inline_diff(old, new) == [
        [Piece("same", "Two.")],
        [Piece("same", "We"), Piece("ins", " strongly"), Piece("same", " urge you.")],
        [Piece("same", "Four.")],
    ]
    assert inline_diff("", "Hello") == [[Piece("ins", "Hello")]]
    assert inline_diff("Gone.", "") == [[Piece("del", "Gone.")]]
