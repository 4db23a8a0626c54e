"""At signing, "Did you mean ana@gmail.com?": asked once, server-side, and the signer decides."""

from tests.helpers_db import sign_ons, stored
from tests.pages import press, text

QUESTION = "Did you mean ana@gmail.com?"


def asked(client, sign, sent_back, address: str = "ana@gmial.com", **fields: str) -> str:
    """Sign with `address`: the form comes back with the question, and nothing is stored."""
    return sent_back(sign(contact_email=address, **fields)).text


def test_a_mistyped_provider_is_questioned_and_nothing_is_stored_yet(
    app, client, make_letter, sign, sent_back
):
    make_letter()
    page = asked(client, sign, sent_back)
    assert QUESTION in text(page)
    assert "Use ana@gmail.com" in text(page) and "Keep ana@gmial.com" in text(page)
    assert stored(app)["sign_ons"] == 0
    # What was typed is still there, for either answer.
    assert 'value="Réseau Equitas Côte d&#39;Ivoire"' in page


def test_use_signs_with_the_suggested_address(app, client, make_letter, sign, sent_back):
    make_letter()
    page = asked(client, sign, sent_back)
    answer = press(client, page, "Use ana@gmail.com")
    assert answer.headers["Location"].endswith("/check-email")
    [row] = sign_ons(app)
    assert (row.contact_email, row.organisation) == (
        "ana@gmail.com",
        "Réseau Equitas Côte d'Ivoire",
    )
    assert "ana@gmail.com" in client.get(answer.headers["Location"]).text


def test_keep_signs_with_the_address_as_typed(app, client, make_letter, sign, sent_back):
    make_letter()
    answer = press(client, asked(client, sign, sent_back), "Keep ana@gmial.com")
    assert answer.headers["Location"].endswith("/check-email")
    assert [row.contact_email for row in sign_ons(app)] == ["ana@gmial.com"]


def test_the_form_s_own_button_keeps_it_too_but_a_new_typo_is_asked_about(
    app, client, make_letter, sign, sent_back
):
    make_letter()
    page = asked(client, sign, sent_back)
    # The signer typed another address with a typo of its own: that one is asked about.
    again = press(client, page, "Sign the letter", contact_email="ana@hotmial.com")
    page = sent_back(again).text
    assert "Did you mean ana@hotmail.com?" in text(page)
    answer = press(client, page, "Sign the letter")
    assert answer.headers["Location"].endswith("/check-email")
    assert [row.contact_email for row in sign_ons(app)] == ["ana@hotmial.com"]


def test_the_question_comes_with_the_other_errors(app, client, make_letter, sign, sent_back):
    make_letter()
    page = asked(client, sign, sent_back, organisation="")
    assert QUESTION in text(page) and "Enter your organisation" in page
    page = sent_back(press(client, page, "Use ana@gmail.com")).text
    assert "Enter your organisation" in page and QUESTION not in text(page)
    answer = press(client, page, "Sign the letter", organisation="Equitas")
    assert answer.headers["Location"].endswith("/check-email")
    assert [row.contact_email for row in sign_ons(app)] == ["ana@gmail.com"]


def test_the_question_is_the_visitor_s_alone_and_asked_once(
    client, app, make_letter, sign, sent_back
):
    make_letter()
    asked(client, sign, sent_back)
    assert QUESTION not in text(client.get("/letters/climate").text)
    assert QUESTION not in text(app.test_client().get("/letters/climate").text)


def test_the_answer_with_the_question_is_kept_by_no_cache(client, make_letter, sign):
    make_letter()
    answer = sign(contact_email="ana@gmial.com")
    page = client.get(answer.headers["Location"])
    assert page.headers["Cache-Control"] == "no-store"


def test_the_question_in_french_and_spanish(client, make_letter, sign, sent_back):
    make_letter()
    for lang, question, keep in (
        ("fr", "Vouliez-vous dire ana@gmail.com ?", "Garder ana@gmial.com"),
        ("es", "¿Quería decir ana@gmail.com?", "Mantener ana@gmial.com"),
    ):
        client.get(f"/letters/climate?lang={lang}")
        page = asked(client, sign, sent_back)
        assert question in text(page) and keep in text(page)


def test_a_domain_three_confirmed_signers_share_is_suggested(
    app, client, make_letter, confirmed, sign, sent_back
):
    make_letter()
    for n in range(3):
        confirmed(organisation=f"Equitas {n}", contact_email=f"p{n}@equitas-network.org")
    page = asked(client, sign, sent_back, address="ana@equitas-netwrok.org", organisation="New")
    assert "Did you mean ana@equitas-network.org?" in text(page)


def test_a_domain_fewer_confirmed_signers_use_is_never_revealed(
    app, client, make_letter, confirmed, sign
):
    # Suggesting it would tell anyone who typed near it that this person signed.
    make_letter()
    for n in range(2):
        confirmed(organisation=f"Equitas {n}", contact_email=f"p{n}@equitas-network.org")
    for n in range(3):  # not confirmed: not counted either
        waiting = sign(organisation=f"Pending {n}", contact_email=f"q{n}@pending-ngo.org")
        assert waiting.status_code == 303
    for typed in ("ana@equitas-netwrok.org", "ana@pendign-ngo.org"):
        answer = sign(organisation="New", contact_email=typed)
        assert answer.headers["Location"].endswith("/check-email"), typed
