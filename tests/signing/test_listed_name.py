"""The name on the list: the organisers' spelling when they chose one, else what was typed
(an individual's own name, an organisation's name), the same on every page, email and export."""

import sqlalchemy as sa

from signon.signing.models import Signatory, SignOn
from signon.storage.extensions import db
from tests.organiser_helpers import log_in
from tests.signing.test_individuals import allow_individuals
from tests.support import csrf_token


def set_name_on_list(client, sign_on_id: int, name: str) -> str:
    """Correct the name through the sign-on page's own form; the page it returns to."""
    path = f"/organise/letters/climate/sign-ons/{sign_on_id}"
    token = csrf_token(client.get(path).text)
    response = client.post(f"{path}/display-name", data={"display_name": name, "csrf_token": token})
    assert response.status_code == 303
    return client.get(path).text


def test_an_individual_is_thanked_under_their_own_name(
    app, make_letter, sign, deliver, inbox, confirm
):
    make_letter()
    allow_individuals(app)
    sign(
        signing_as="individual",
        contact_name="Amina Diallo",
        organisation="University of Dakar",
        contact_email="amina@example.org",
    )
    deliver()
    page = confirm(inbox.link(inbox.to("amina@example.org")[-1])).text
    assert "Amina Diallo</strong> has signed" in page
    assert "University of Dakar</strong> has signed" not in page


def test_the_organisers_spelling_shows_on_their_pages_their_digest_and_every_list(
    app, client, runner, make_letter, organiser, confirmed, deliver, inbox
):
    make_letter()
    ana = organiser("ana@coalition.example.org", letters=("climate",))  # digest by default
    first = confirmed(organisation="Reseau equitas", contact_email="a@equitas.example.org")
    log_in(client, ana)
    page = set_name_on_list(client, first, "Réseau Equitas Côte d'Ivoire")
    assert '<h1 dir="auto">Réseau Equitas Côte d&#39;Ivoire</h1>' in page
    listed = client.get("/organise/letters/climate/sign-ons").text
    assert "Réseau Equitas Côte d&#39;Ivoire" in listed and "Reseau equitas</strong>" not in listed

    assert "Sent 1 digest(s)." in runner.invoke(args=["organiser", "digest"]).output
    deliver()
    [digest] = inbox.to("ana@coalition.example.org")
    assert "Réseau Equitas Côte d'Ivoire (REQCI) (CI)" in inbox.text(digest)

    assert runner.invoke(args=["signatures", "approve", "climate", "--all-verified"]).exit_code == 0
    export = runner.invoke(args=["letter", "export", "climate", "--format", "txt"]).output
    assert "Réseau Equitas Côte d'Ivoire (REQCI)" in export and "Reseau equitas" not in export
    public = client.get("/letters/climate/signatories").text
    assert "Réseau Equitas Côte d&#39;Ivoire (REQCI)" in public


def test_python_and_sql_read_the_same_name_on_the_list(app, make_letter, confirmed):
    make_letter()
    allow_individuals(app)
    chosen = confirmed(organisation="Zeta fund", contact_email="z@zeta.example.org")
    cleared = confirmed(organisation="Alpha Trust", contact_email="a@alpha.example.org")
    confirmed(signing_as="individual", contact_name="Bo Li", contact_email="bo@example.org")
    with app.app_context():
        db.session.get(SignOn, chosen).signatory.display_name = "Zeta Fund"
        db.session.get(SignOn, cleared).signatory.display_name = ""  # as good as none
        db.session.commit()
        sign_ons = db.session.scalars(sa.select(SignOn).order_by(SignOn.id)).all()
        in_python = [s.name_on_list for s in sign_ons]
        in_sql = db.session.scalars(
            sa.select(SignOn.name_on_list)
            .join(Signatory, SignOn.signatory_id == Signatory.id)
            .order_by(SignOn.id)
        ).all()
    assert in_python == in_sql == ["Zeta Fund", "Alpha Trust", "Bo Li"]
