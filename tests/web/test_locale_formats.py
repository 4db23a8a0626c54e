"""Dates and numbers in the page's locale; Arabic writes them with Latin digits (CLDR's `ar`)."""

from datetime import date

import pytest
from flask_babel import force_locale, format_date, format_decimal


@pytest.mark.parametrize(
    ("language", "day", "number"),
    [
        ("en", "March 12, 2026", "12,345"),
        ("fr", "12 mars 2026", "12\u202f345"),
        ("pt", "12 de março de 2026", "12.345"),
        # Latin digits: CLDR's default for `ar`, the Maghreb's usage, and the digits of every
        # count, id and link the messages carry; the month is Arabic.
        ("ar", "12 مارس 2026", "12,345"),
    ],
)
def test_dates_and_numbers_read_as_the_language_writes_them(app, language, day, number):
    with app.test_request_context(), force_locale(language):
        assert format_date(date(2026, 3, 12), "long") == day
        assert format_decimal(12345) == number


def test_an_arabic_page_gives_the_deadline_in_arabic_with_latin_digits(client, make_letter, app):
    from datetime import UTC, datetime

    from signon.letters.services import get_letter
    from signon.storage.extensions import db

    slug = make_letter()
    with app.app_context():
        get_letter(slug).deadline = datetime(2030, 3, 12, 17, 0, tzinfo=UTC)
        db.session.commit()
    page = client.get(f"/letters/{slug}?lang=ar")
    assert "12 مارس 2030" in page.text and "17:00" in page.text
    portuguese = client.get(f"/letters/{slug}?lang=pt")
    assert "12 de março de 2030" in portuguese.text
