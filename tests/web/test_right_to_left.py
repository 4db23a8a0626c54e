"""Arabic reads right to left: the page, the emails, the arrows and one stylesheet for both."""

import re
from pathlib import Path

import pytest
from flask.testing import FlaskClient

ROOT = Path(__file__).resolve().parents[2]
PHYSICAL = re.compile(
    r"margin-left|margin-right|padding-left|padding-right|text-align:\s*left|text-align:\s*right"
    r"|(?<![-\w])left\s*:|(?<![-\w])right\s*:|border-left|border-right|float:\s*(left|right)"
)


@pytest.fixture
def letter(make_letter) -> str:
    return make_letter()


def test_an_arabic_page_reads_right_to_left_and_a_french_one_left_to_right(
    client: FlaskClient, letter: str
):
    arabic = client.get(f"/letters/{letter}", headers={"Accept-Language": "ar-EG"})
    assert '<html lang="ar" dir="rtl">' in arabic.text
    french = client.get(f"/letters/{letter}", headers={"Accept-Language": "fr-FR"})
    assert '<html lang="fr">' in french.text
    # The switcher writes each language in its own direction, whatever the page's.
    assert 'dir="rtl" lang="ar">العربية<' in french.text
    assert 'dir="ltr" lang="pt">Português<' in arabic.text
    # An English letter on an Arabic page still reads left to right.
    assert '<article class="letter" lang="en" dir="ltr">' in arabic.text


def test_the_stylesheet_has_no_left_or_right_only_start_and_end():
    css = (ROOT / "static" / "style.css").read_text(encoding="utf-8")
    found = [line for line in css.splitlines() if PHYSICAL.search(line)]
    assert not found, found
    assert "margin-inline-start" in css and "border-inline-start" in css


def test_an_arabic_signatorys_confirmation_email_reads_right_to_left(
    client: FlaskClient, letter: str, sign, deliver, inbox
):
    client.get(f"/letters/{letter}?lang=ar")
    assert sign(letter).status_code == 303
    deliver()
    (message,) = inbox.messages
    html = inbox.html(message)
    assert '<html lang="ar" dir="rtl"><body dir="rtl"' in html
    assert "تأكيد توقيعي" in html
    assert message["Subject"].startswith("يُرجى تأكيد توقيعك")


def test_the_arrow_between_a_change_points_the_way_the_page_reads(app):
    from flask_babel import force_locale

    from signon.web.i18n import arrow, text_direction

    with app.test_request_context():
        with force_locale("ar"):
            assert (text_direction(), arrow(), arrow("back")) == ("rtl", "←", "→")
        with force_locale("pt"):
            assert (text_direction(), arrow(), arrow("back")) == ("ltr", "→", "←")
    assert text_direction("ar_EG") == "rtl"
