"""Where a letter allows it, individuals sign too, listed apart from organisations."""

import re

import sqlalchemy as sa

from signon.letters.models import Letter
from signon.signing.models import SignOn
from signon.storage.extensions import db


def allow_individuals(app, slug: str = "climate") -> None:
    with app.app_context():
        letter = db.session.scalar(sa.select(Letter).where(Letter.slug == slug))
        letter.accept_individuals = True
        db.session.commit()


def kinds(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(sa.select(SignOn.signing_as).order_by(SignOn.id)))


def test_form_offers_the_choice_only_when_the_letter_allows_it(app, client, make_letter, sign):
    make_letter()
    assert 'name="signing_as"' not in client.get("/letters/climate").text
    # A posted choice is ignored where individuals may not sign.
    assert sign(signing_as="individual").status_code == 303
    assert kinds(app) == ["organisation"]
    allow_individuals(app)
    page = client.get("/letters/climate").text
    assert re.search(
        r'name="signing_as"[^>]*value="organisation"|value="organisation"[^>]*name="signing_as"',
        page,
    )


def test_individuals_are_listed_by_name_with_affiliation_apart(
    app, client, make_letter, confirmed, runner
):
    make_letter()
    allow_individuals(app)
    confirmed(organisation="Zeta Fund", contact_email="z@zeta.example.org")
    confirmed(
        signing_as="individual",
        contact_name="Amina Diallo",
        role="Professor",
        organisation="University of Dakar",
        country="SN",
        contact_email="amina@example.org",
    )
    confirmed(
        signing_as="individual",
        organisation="",
        role="",
        contact_name="Bo Li",
        contact_email="bo@example.org",
    )
    assert kinds(app) == ["organisation", "individual", "individual"]
    assert runner.invoke(args=["signatures", "approve", "climate", "--all-verified"]).exit_code == 0
    page = client.get("/letters/climate/signatories").text
    assert (
        "<strong>1</strong> organisation has signed," in page
        and "<strong>2</strong> individuals" in page
    )
    organisations, individuals = page.split("<h2>Individuals</h2>")
    assert "Zeta Fund" in organisations and "Amina" not in organisations
    assert "for identification only" in individuals
    affiliation = '<span class="affiliation" dir="auto">Professor, University of Dakar</span>'
    assert f"Amina Diallo</span>, {affiliation}" in individuals
    assert "Bo Li" in individuals and "amina@example.org" not in page


def test_an_organisation_still_needs_its_name(app, client, make_letter, sign, sent_back):
    make_letter()
    allow_individuals(app)
    answer = sent_back(sign(organisation="", signing_as="organisation"))
    assert "Enter your organisation" in answer.text
