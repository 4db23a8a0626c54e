"""In real Chromium: the overview's sign-ons-per-day chart reads right to left in Arabic
(first day on the right, the value axis on the right) and left to right in Portuguese."""

import os
from datetime import timedelta

import pytest
import sqlalchemy as sa

from signon.signing.models import SignOn
from signon.storage.extensions import db
from tests.moderation import test_browser_organiser as organiser_browser
from tests.moderation.test_browser_organiser import in_app, seed, sign_in_by_email

served = organiser_browser.served
browser = organiser_browser.browser
pytestmark = pytest.mark.browser

SWITCH = {"pt": "Português", "ar": "العربية"}
OVERVIEW = {"pt": "Visão geral", "ar": "نظرة عامة"}


def seed_over_days() -> None:
    """The organiser's letter, its sign-ons received over five days rather than one."""
    seed()
    ids = db.session.scalars(sa.select(SignOn.id).order_by(SignOn.id)).all()
    for back, sign_on_id in zip((4, 4, 2), ids, strict=False):
        sign_on = db.session.get(SignOn, sign_on_id)
        sign_on.created_at -= timedelta(days=back)
    db.session.commit()


@pytest.mark.parametrize("language", ["ar", "pt"])
def test_the_per_day_chart_reads_in_the_pages_direction(served, browser, inbox, language):
    app, base = served
    in_app(app, seed_over_days)
    shots = os.environ.get("SIGNON_SCREENSHOTS")
    for width in (390, 1280):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.set_default_timeout(15_000)
        sign_in_by_email(page, app, base, inbox)
        page.get_by_role("link", name=SWITCH[language]).click()
        page.locator(f"html[lang={language}]").wait_for()
        page.get_by_role("link", name="Joint letter on climate finance").click()
        page.locator("nav.letter-nav").get_by_role("link", name=OVERVIEW[language]).click()
        chart = page.locator("svg.per-day")
        chart.wait_for()
        received = page.locator("svg.per-day rect.received")
        first, last = received.first.bounding_box(), received.last.bounding_box()
        ticks = [box["x"] for box in (t.bounding_box() for t in page.locator("text.tick").all())]
        bars = [r.bounding_box()["x"] for r in page.locator("svg.per-day rect").all()]
        if language == "ar":
            # The first day's bar right of the last day's; the axis's numbers right of every bar.
            assert first["x"] > last["x"]
            assert min(ticks) > max(bars)
        else:
            assert first["x"] < last["x"] and max(ticks) < min(bars)
        # Each number on the axis is whole inside the chart, Latin digits left to right.
        box = chart.bounding_box()
        for tick in page.locator("text.tick").all():
            found = tick.bounding_box()
            assert box["x"] <= found["x"] and found["x"] + found["width"] <= box["x"] + box["width"]
            assert tick.text_content().isdigit()
        if shots:
            chart.scroll_into_view_if_needed()
            page.locator("section.chart").screenshot(path=f"{shots}/chart-{language}-{width}.png")
        page.close()
