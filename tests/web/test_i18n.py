"""Pages in the visitor's language: English, French and Spanish, chosen and switched."""

import html
import re

import pytest
from flask.testing import FlaskClient

from tests.support import csrf_token


@pytest.fixture
def letter(make_letter) -> str:
    return make_letter()


def test_a_french_browser_gets_the_letter_page_in_french(client: FlaskClient, letter: str):
    page = client.get(f"/letters/{letter}", headers={"Accept-Language": "fr-FR,fr;q=0.9"})
    assert '<html lang="fr">' in page.text
    assert "Signer cette lettre" in page.text
    assert "Votre adresse e-mail" in page.text
    assert "Accept-Language" in page.headers["Vary"]


def test_a_spanish_browser_gets_spanish_and_an_english_one_english(
    client: FlaskClient, letter: str
):
    spanish = client.get(f"/letters/{letter}", headers={"Accept-Language": "es-419,es"})
    assert '<html lang="es">' in spanish.text and "Firmar esta carta" in spanish.text
    other = client.get(f"/letters/{letter}", headers={"Accept-Language": "de, en;q=0.5"})
    assert '<html lang="en">' in other.text and "Sign this letter" in other.text


@pytest.mark.parametrize(
    ("accept", "language"),
    [
        ("fr-FR,en;q=0.5", "fr"),
        ("es-MX,en;q=0.5", "es"),
        ("es-419,es;q=0.9,en;q=0.8", "es"),
        ("de-DE,fr-CA;q=0.8,en;q=0.5", "fr"),
        ("en-GB,fr;q=0.9", "en"),
        ("fr;q=0,es", "es"),
        ("ar-EG", "ar"),
        ("ar-MA,fr;q=0.8", "ar"),
        ("pt-BR", "pt"),
        ("pt-BR,en;q=0.5", "pt"),
        ("pt-PT,pt;q=0.9,en;q=0.8", "pt"),
        ("pt-AO,fr;q=0.7", "pt"),
        ("en-US,ar;q=0.9", "en"),
    ],
)
def test_the_browsers_first_choice_wins_by_its_language_whatever_its_region(
    client: FlaskClient, letter: str, accept: str, language: str
):
    page = client.get(f"/letters/{letter}", headers={"Accept-Language": accept})
    assert f'<html lang="{language}"' in page.text


@pytest.mark.parametrize(
    ("accept", "sign", "email_error"),
    [
        ("pt-BR,en;q=0.5", "Assinar esta carta", "Indique um endereço de e-mail válido"),
        ("ar-EG,en;q=0.5", "وقّع هذه الرسالة", "أدخل عنوان بريد إلكتروني صالحًا"),
    ],
)
def test_portuguese_and_arabic_browsers_read_the_letter_and_its_errors_in_their_language(
    client: FlaskClient, letter: str, accept: str, sign: str, email_error: str
):
    headers = {"Accept-Language": accept}
    page = client.get(f"/letters/{letter}", headers=headers)
    assert sign in page.text
    # The switcher names each language in itself.
    assert 'lang="pt">Português<' in page.text and 'lang="ar">العربية<' in page.text
    answer = client.post(
        f"/letters/{letter}",
        headers=headers,
        data={"csrf_token": csrf_token(page.text), "contact_email": "not an address"},
    )
    assert answer.status_code == 303  # post/redirect/get: the form's page shows the errors
    assert email_error in client.get(answer.location, headers=headers).text


def test_wtforms_own_messages_come_in_portuguese_and_arabic(app):
    from flask_babel import force_locale
    from flask_wtf import FlaskForm
    from wtforms import IntegerField

    class Form(FlaskForm):
        number = IntegerField("n")

    for language, words in (("pt", "inteiro"), ("ar", "عدد")):
        with (
            app.test_request_context(method="POST", data={"number": "x"}),
            force_locale(language),
        ):
            form = Form(meta={"csrf": False})
            form.validate()
            assert words in form.number.errors[0], form.number.errors


def test_a_browser_without_a_known_language_reads_the_letters_language(app, client, letter):
    from signon.letters.services import get_letter
    from signon.storage.extensions import db

    with app.app_context():
        get_letter(letter).language = "es"
        db.session.commit()
    page = client.get(f"/letters/{letter}", headers={"Accept-Language": "de"})
    assert '<html lang="es">' in page.text


def test_the_switcher_changes_the_language_and_the_choice_is_remembered(
    client: FlaskClient, letter: str
):
    page = client.get(f"/letters/{letter}", headers={"Accept-Language": "en"})
    switch = re.search(r'<a href="([^"]+)" hreflang="fr"', page.text)
    assert switch, "the page links to its French version"
    assert 'rel="alternate" hreflang="es"' in page.text
    french = client.get(switch.group(1).replace("&amp;", "&"))
    assert "Signer cette lettre" in french.text
    # Later pages stay in French although the browser says English.
    later = client.get(f"/letters/{letter}/signatories", headers={"Accept-Language": "en"})
    assert '<html lang="fr">' in later.text and "Signataires" in later.text


def test_an_unknown_lang_parameter_is_ignored(client: FlaskClient, letter: str):
    page = client.get(f"/letters/{letter}?lang=xx", headers={"Accept-Language": "es"})
    assert page.status_code == 200 and '<html lang="es">' in page.text


def test_form_errors_read_in_spanish_including_wtforms_own(
    client: FlaskClient, letter: str, sent_back
):
    headers = {"Accept-Language": "es"}
    page = client.get(f"/letters/{letter}", headers=headers)
    answer = client.post(
        f"/letters/{letter}",
        headers=headers,
        data={"csrf_token": csrf_token(page.text), "contact_email": "not an address"},
    )
    answer = sent_back(answer, f"/letters/{letter}#sign", headers=headers)
    assert "Indique el nombre de su organización." in answer.text
    assert "Indique una dirección de correo electrónico válida" in answer.text
    assert "Corrija los" in answer.text


def test_the_country_select_is_in_french_and_in_french_order(client: FlaskClient, letter: str):
    page = client.get(f"/letters/{letter}", headers={"Accept-Language": "fr"})
    options = re.findall(r'<option (?:selected )?value="[A-Z]{2}">([^<]+)</option>', page.text)
    names = [html.unescape(name) for name in options]
    assert "Côte d'Ivoire" in names
    assert names.index("Allemagne") < names.index("Égypte") < names.index("Espagne")


def test_a_spanish_visitor_signs_and_reads_the_next_page_in_spanish(
    client: FlaskClient, letter: str, sign
):
    client.get(f"/letters/{letter}?lang=es")
    answer = sign(letter)
    assert answer.status_code == 303
    page = client.get(answer.headers["Location"])
    assert "Revise su correo electrónico" in page.text


def test_error_pages_follow_the_browser(client: FlaskClient):
    page = client.get("/letters/no-such-letter", headers={"Accept-Language": "fr"})
    assert page.status_code == 404 and "Page introuvable" in page.text


def test_a_sign_on_made_in_spanish_is_stored_with_its_language_and_mailed_in_it(
    app, client, letter, sign, deliver, inbox
):
    from signon.signing.models import SignOn
    from signon.storage.extensions import db

    client.get(f"/letters/{letter}?lang=es")
    assert sign(letter).status_code == 303
    deliver()
    (message,) = inbox.messages
    assert message["Subject"].startswith("Confirme su firma")
    assert "Gracias por firmar" in inbox.text(message)
    assert "válido durante 7 días" in inbox.text(message)
    assert "Confirmar mi firma" in inbox.html(message)
    assert "Aviso de privacidad" in inbox.html(message) or "aviso de privacidad" in inbox.html(
        message
    )
    with app.app_context():
        assert db.session.query(SignOn.language).scalar() == "es"
