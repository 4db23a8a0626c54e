"""The organisers' side in French and Spanish: every page, form errors, flashes and emails."""

import html

import pytest

from signon.accounts.models import Organiser
from signon.letters.services import get_letter
from signon.storage.extensions import db
from tests.organiser_helpers import log_in
from tests.pages import link, links, press, text

OVERVIEW = "/organise/letters/climate/"
# Words each page of the letter area says, in the order of its navigation.
AREA = {
    "fr": [
        ("Vue d’ensemble", "Signatures par jour"),
        ("Signatures", "Trier par"),
        ("Doublons", "Doublons possibles"),
        ("Texte", "Modifier la lettre"),
        ("Versions", "Versions du texte"),
        ("Traductions", "Texte principal"),
        ("Équipe", "Ajouter un organisateur ou un propriétaire"),
        ("Téléchargements", "Télécharger avec ces options"),
        ("Importer", "Importer des signatures"),
    ],
    "es": [
        ("Resumen", "Firmas por día"),
        ("Firmas", "Ordenar por"),
        ("Duplicados", "Posibles duplicados"),
        ("Texto", "Editar la carta"),
        ("Versiones", "Versiones del texto"),
        ("Traducciones", "Texto principal"),
        ("Equipo", "Añadir un organizador o un propietario"),
        ("Descargas", "Descargar con estas opciones"),
        ("Importar", "Importar firmas"),
    ],
}
# Pages outside the letter area: the link followed from the dashboard, and what it says.
ACCOUNT = {
    "fr": [("Notifications", "Me prévenir des signatures confirmées"),
           ("Organisateurs", "Inviter un organisateur"),
           ("Commencer une nouvelle lettre", "Créer le brouillon")],
    "es": [("Notificaciones", "Avisarme de las firmas confirmadas"),
           ("Organizadores", "Invitar a un organizador"),
           ("Empezar una carta nueva", "Crear el borrador")],
}  # fmt: skip


@pytest.fixture
def signed_in(client, make_letter, organiser, quick_sign_ons):
    """An admin owning the letter `climate`, with one confirmed sign-on; its id."""
    make_letter()
    log_in(client, organiser("ana@coalition.example.org", admin=True, letters=("climate",)))
    [one] = quick_sign_ons(1)
    return one


@pytest.mark.parametrize("language", ["fr", "es"])
def test_every_page_of_the_letter_area_speaks_the_chosen_language(client, signed_in, language):
    dashboard = client.get(f"/organise/?lang={language}").text
    assert f'<html lang="{language}">' in dashboard
    overview = client.get(link(dashboard, "Joint letter on climate finance")).text
    nav = links(overview, "nav.letter-nav")[1:]
    assert [words for words, _ in nav] == [name for name, _ in AREA[language]]
    for (_, says), (_, href) in zip(AREA[language], nav, strict=True):
        page = client.get(href)
        assert page.status_code == 200, href
        assert f'<html lang="{language}">' in page.text, href
        assert says in html.unescape(page.text), href
    detail = client.get(f"{OVERVIEW}sign-ons/{signed_in}").text
    assert {"fr": "Indices de confiance", "es": "Indicios de confianza"}[language] in detail


@pytest.mark.parametrize("language", ["fr", "es"])
def test_the_account_pages_speak_the_chosen_language(client, signed_in, language):
    dashboard = client.get(f"/organise/?lang={language}").text
    assert {"fr": "Mes lettres", "es": "Mis cartas"}[language] in dashboard
    for words, says in ACCOUNT[language]:
        page = client.get(link(dashboard, words))
        assert page.status_code == 200 and says in html.unescape(page.text), words


def test_the_sign_ons_list_names_statuses_and_counts_in_spanish(client, signed_in):
    page = text(client.get(f"{OVERVIEW}sign-ons?lang=es").text)
    assert "1 confirmadas, 0 aprobadas, 0 rechazadas" in page
    assert "confirmada" in page and "Kenia" in page
    assert "Aprobar las 1 confirmadas" in page


def test_wtforms_own_required_message_comes_out_in_french(client, signed_in):
    editor = client.get(f"{OVERVIEW}edit?lang=fr").text
    answer = press(client, editor, "Enregistrer", at=f"{OVERVIEW}edit", title="")
    assert answer.status_code == 422
    assert "Ce champ est requis." in html.unescape(answer.text)  # WTForms' own catalogue
    spanish = client.get(f"{OVERVIEW}edit?lang=es").text
    answer = press(client, spanish, "Guardar", at=f"{OVERVIEW}edit", title="")
    assert "Este campo es obligatorio." in answer.text


def test_a_flash_and_a_status_change_read_in_french(client, signed_in):
    editor = client.get(f"{OVERVIEW}edit?lang=fr").text
    confirm = client.get(link(editor, "Clore")).text
    assert "Clore la lettre" in confirm
    done = press(client, confirm, "Confirmer", at=f"{OVERVIEW}status/closed")
    page = html.unescape(client.get(done.location).text)
    assert "La lettre est désormais à l’état « close »." in page
    assert '<span class="badge closed">close</span>' in page


def test_sign_in_from_a_french_page_sends_the_link_in_french(client, organiser, deliver, inbox):
    organiser("ana@coalition.example.org")
    page = client.get("/organise/sign-in?lang=fr").text
    assert "Les organisateurs se connectent avec un lien" in html.unescape(page)
    sent = press(
        client, page, "M’envoyer un lien", at="/organise/sign-in", email="ana@coalition.example.org"
    )
    assert "Consultez votre messagerie" in client.get(sent.location).text
    deliver()
    [message] = inbox.to("ana@coalition.example.org")
    assert message["Subject"] == "Votre lien de connexion à Signon"
    assert "Ouvrez ce lien pour vous connecter à Signon" in inbox.text(message)
    assert '<html lang="fr">' in inbox.html(message)


def test_organisers_of_a_spanish_letter_hear_of_a_sign_on_in_spanish(
    app, client, make_letter, organiser, confirmed, inbox, deliver
):
    make_letter()
    ana = organiser("ana@coalition.example.org", letters=("climate",))
    with app.app_context():
        get_letter("climate").language = "es"
        db.session.get(Organiser, ana).notify = "each"
        db.session.commit()
    confirmed(organisation="Red Verde", country="MX")
    deliver()
    [message] = inbox.to("ana@coalition.example.org")
    assert message["Subject"] == "Nueva firma confirmada: Joint letter on climate finance"
    assert "está confirmada y espera su decisión" in inbox.text(message)


def test_the_sign_out_flash_follows_the_remembered_language(client, signed_in):
    page = client.get("/organise/?lang=fr").text
    answer = press(client, page, "Se déconnecter")
    assert "Vous êtes déconnecté·e." in client.get(answer.location).text
