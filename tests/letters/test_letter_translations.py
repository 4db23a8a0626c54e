"""A letter in several languages: written in the editor or the CLI, read in the visitor's own."""

import re

import pytest

from signon.letters import editing
from signon.letters.services import get_letter
from signon.letters.translating import translation_of
from signon.storage.extensions import db
from tests.helpers_db import sign_ons
from tests.organiser_helpers import log_in
from tests.support import VALID_SIGN_ON, csrf_token

FRENCH = {
    "title": "Lettre commune sur le financement climatique",
    "salutation": "Mesdames et Messieurs les Ministres,",
    "body": "Nous vous **demandons** d'agir[^1].\n\n[^1]: Voir le rapport 2025.",
    "closing": "Veuillez agréer nos salutations distinguées.",
    "signature_blocks": "Awa Koné | Directrice | Réseau Equitas",
}


@pytest.fixture
def owner(client, organiser, make_letter):
    """A signed-in owner of the open letter "climate"."""
    make_letter()
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    return client


def translate_in_editor(client, parts: dict[str, str]):
    """From the letter's text page, follow the links to the French translation and save it."""
    edit = client.get("/organise/letters/climate/edit")
    listing = client.get(re.search(r'href="([^"]+/translations)"', edit.text)[1])
    assert listing.status_code == 200
    form_url = re.search(r'href="([^"]+/translations/fr)"', listing.text)[1]
    page = client.get(form_url)
    return client.post(
        form_url, data={**parts, "csrf_token": csrf_token(page.text)}, follow_redirects=True
    )


def test_an_organiser_adds_a_french_translation_from_the_editor(owner):
    saved = translate_in_editor(owner, FRENCH)
    assert "Translation saved" in saved.text
    assert "up to date (version 1)" in saved.text


def test_a_french_browser_reads_the_french_version_with_links_to_the_others(owner, client):
    translate_in_editor(owner, FRENCH)
    page = client.get("/letters/climate", headers={"Accept-Language": "fr"})
    assert "<h1>Lettre commune sur le financement climatique</h1>" in page.text
    assert "Nous vous <strong>demandons</strong>" in page.text
    assert '<article class="letter" lang="fr" dir="ltr">' in page.text
    assert 'hreflang="en"' in page.text and "?lang=en" in page.text
    english = client.get("/letters/climate?lang=en")
    assert "<h1>Joint letter on climate finance</h1>" in english.text
    assert "Lettre commune" not in english.text


def test_a_spanish_browser_without_a_spanish_translation_reads_the_main_text(owner, client):
    translate_in_editor(owner, FRENCH)
    page = client.get("/letters/climate", headers={"Accept-Language": "es"})
    assert "<h1>Joint letter on climate finance</h1>" in page.text
    assert '<html lang="es">' in page.text


def test_a_sign_on_on_the_french_version_records_french_and_gets_french_mail(
    owner, app, client, deliver, inbox
):

    translate_in_editor(owner, FRENCH)
    headers = {"Accept-Language": "fr"}
    page = client.get("/letters/climate", headers=headers)
    answer = client.post(
        "/letters/climate",
        data={**VALID_SIGN_ON, "csrf_token": csrf_token(page.text)},
        headers=headers,
    )
    assert answer.status_code == 303
    [row] = sign_ons(app)
    assert row.language == "fr"
    deliver()
    [message] = inbox.to(VALID_SIGN_ON["contact_email"])
    assert message["Subject"] == (
        "Veuillez confirmer votre signature : Lettre commune sur le financement climatique"
    )
    assert "Lettre commune sur le financement climatique" in inbox.text(message)


def test_changing_the_main_text_marks_the_translation_out_of_date_until_it_is_saved(owner):
    translate_in_editor(owner, FRENCH)
    edit = owner.get("/organise/letters/climate/edit")
    owner.post(
        "/organise/letters/climate/edit",
        data={
            "title": "Joint letter on climate finance",
            "body": "Dear Ministers,\n\nWe urge you to act now.",
            "save": "1",
            "new_version": "2",  # the answer to "Save as version 2 of the text?"
            "csrf_token": csrf_token(edit.text),
        },
    )
    listing = owner.get("/organise/letters/climate/translations")
    assert "out of date" in listing.text
    assert "out of date" in owner.get("/organise/letters/climate/edit").text
    saved = translate_in_editor(owner, {**FRENCH, "body": "Nous vous demandons d'agir."})
    assert "out of date" not in saved.text
    assert "up to date (version 2)" in saved.text


def test_a_translation_without_a_title_or_in_the_main_language_is_refused(owner):
    refused = translate_in_editor(owner, {**FRENCH, "title": ""})
    assert refused.status_code == 422
    assert owner.get("/organise/letters/climate/translations/en").status_code == 404
    assert "not translated yet" in owner.get("/organise/letters/climate/translations").text


def test_the_cli_translates_a_letter_and_refuses_a_bad_language(app, runner, make_letter, tmp_path):
    make_letter()
    body = tmp_path / "es.md"
    body.write_text("Señores Ministros:\n\nLes **pedimos** que actúen.", encoding="utf-8")
    args = ["letter", "translate", "climate", "--title", "Carta conjunta"]
    done = runner.invoke(args=[*args, "--lang", "es", "--body-file", str(body)])
    assert done.exit_code == 0, done.output
    assert "Saved the es translation" in done.output
    again = runner.invoke(args=[*args, "--lang", "es", "--closing", "Atentamente,"])
    assert again.exit_code == 0, again.output
    with app.app_context():
        saved = translation_of(get_letter("climate").id, "es")
        assert (saved.title, saved.closing) == ("Carta conjunta", "Atentamente,")
        assert saved.body.startswith("Señores Ministros")
    refused = runner.invoke(args=[*args, "--lang", "xx"])
    assert refused.exit_code != 0
    assert "not 'xx'" in refused.output


def test_an_arabic_organisation_name_is_isolated_in_a_french_confirmation_email(
    owner, client, deliver, inbox
):

    arabic = "جمعية حقوق الإنسان"
    translate_in_editor(owner, FRENCH)
    headers = {"Accept-Language": "fr"}
    page = client.get("/letters/climate", headers=headers)
    client.post(
        "/letters/climate",
        data={**VALID_SIGN_ON, "organisation": arabic, "csrf_token": csrf_token(page.text)},
        headers=headers,
    )
    deliver()
    [message] = inbox.to(VALID_SIGN_ON["contact_email"])
    # The listed name, acronym after it, is isolated as one.
    assert f"\u2068{arabic} (REQCI)\u2069" in inbox.text(message)
    assert f"<bdi>{arabic} (REQCI)</bdi>" in inbox.html(message)


def test_a_translation_saved_later_shows_at_once_on_the_cached_page(
    app, client, runner, make_letter
):
    make_letter()
    french = {"Accept-Language": "fr"}
    assert (
        "<h1>Joint letter on climate finance</h1>"
        in client.get("/letters/climate", headers=french).text
    )
    done = runner.invoke(
        args=["letter", "translate", "climate", "--lang", "fr", "--title", "Lettre commune"]
    )
    assert done.exit_code == 0, done.output
    page = client.get("/letters/climate", headers=french)
    assert "<h1>Lettre commune</h1>" in page.text
    assert "<h1>Joint letter on climate finance</h1>" in client.get("/letters/climate").text


def test_the_check_your_email_page_shows_the_title_in_the_signers_language(owner, client):

    translate_in_editor(owner, FRENCH)
    french = {"Accept-Language": "fr"}
    page = client.get("/letters/climate", headers=french)
    answer = client.post(
        "/letters/climate",
        data={**VALID_SIGN_ON, "csrf_token": csrf_token(page.text)},
        headers=french,
        follow_redirects=True,
    )
    assert "Lettre commune sur le financement climatique" in answer.text


def test_an_english_visitor_follows_the_link_to_the_french_version_and_signs_in_french(
    owner, app, client
):

    translate_in_editor(owner, FRENCH)
    english = client.get("/letters/climate", headers={"Accept-Language": "en"})
    assert "This letter in:" in english.text
    french = client.get(
        re.search(r'href="([^"]+)" hreflang="fr" dir="ltr" lang="fr">Français', english.text)[1]
    )
    assert "<h1>Lettre commune sur le financement climatique</h1>" in french.text
    client.post("/letters/climate", data={**VALID_SIGN_ON, "csrf_token": csrf_token(french.text)})
    [row] = sign_ons(app)
    assert row.language == "fr"


def test_senders_that_cannot_be_read_are_refused_and_nothing_is_stored(owner):
    refused = translate_in_editor(owner, {**FRENCH, "signature_blocks": "A | B | C | D"})
    assert refused.status_code == 422
    assert "Name | Title | Organisation" in refused.text
    assert "not translated yet" in owner.get("/organise/letters/climate/translations").text


def test_a_published_letter_takes_no_new_translation(app, runner, make_letter):
    make_letter(status="closed")
    with app.app_context():
        editing.change_status(get_letter("climate"), "published", "test")
        db.session.commit()
    args = ["letter", "translate", "climate", "--lang", "fr", "--title", "Lettre commune"]
    refused = runner.invoke(args=args)
    assert refused.exit_code != 0
    assert "published" in refused.output
    with app.app_context():
        assert translation_of(get_letter("climate").id, "fr") is None


def test_a_main_text_in_another_language_lists_only_the_versions_one_can_reach(
    app, client, runner, make_letter
):

    make_letter()
    with app.app_context():
        get_letter("climate").language = "de"
        db.session.commit()
    runner.invoke(args=["letter", "translate", "climate", "--lang", "fr", "--title", "Lettre"])
    page = client.get("/letters/climate", headers={"Accept-Language": "fr"})
    assert "<h1>Lettre</h1>" in page.text
    # No page speaks German, so there is no other version to link to: no empty links.
    assert "Cette lettre en :" not in page.text
