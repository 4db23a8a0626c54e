"""The streamed list agrees with final_list, and options parse with clear messages."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from signon.letters import services
from signon.roster.options import ExportOptions, OptionError, parse_options
from signon.roster.rows import listing
from signon.signing.final_list import final_list
from signon.signing.models import Signatory, SignOn
from signon.storage.extensions import db
from tests.roster.helpers import NAMES, add_signatories

TRICKY = [
    *NAMES,
    ("elan solidaire", "CH", "organisation"),  # differs from "Élan Solidaire" by case, accent
    ("Élan Solidaire", "BE", "organisation"),  # the same name in another country
    ("Ana Lima", "PT", "individual"),
]


def tricky_letter(app) -> None:
    """Ties, a renamed signatory, and one signatory with two approved sign-ons."""
    with app.app_context():
        add_signatories("climate", TRICKY)
        zeta = db.session.scalar(sa.select(Signatory).where(Signatory.name_key == "zeta alliance"))
        zeta.display_name = "Alliance Zeta"
        first = db.session.scalar(sa.select(SignOn).where(SignOn.signatory_id == zeta.id))
        db.session.add(
            SignOn(
                letter_id=zeta.letter_id,
                signatory_id=zeta.id,
                organisation="ZETA alliance",
                acronym="ZA",
                country="DE",
                contact_name="Second Contact",
                contact_email="second@example.org",
                status="approved",
                created_at=first.created_at - timedelta(days=1),
            )
        )
        db.session.commit()


@pytest.mark.parametrize("database_sorts", [True, False], ids=["icu-in-db", "python-sort"])
def test_the_stream_is_final_list(app, make_letter, monkeypatch, database_sorts):
    monkeypatch.setattr("signon.signing.final_list.CHUNK", 3)  # several chunks
    if not database_sorts:
        monkeypatch.setattr("signon.roster.rows.collation", lambda language=None: None)
    make_letter()
    tricky_letter(app)
    with app.app_context():
        letter = services.get_letter("climate")
        expected = final_list(letter)
        streamed = listing(letter, ExportOptions(individuals_apart=False))
        assert streamed.count == len(TRICKY) and streamed.mixed
        assert list(streamed.rows) == expected
        apart = list(listing(letter, ExportOptions()).rows)
        assert apart == [r for r in expected if r.kind == "organisation"] + [
            r for r in expected if r.kind == "individual"
        ]
        grouped = list(listing(letter, ExportOptions(group_by_country=True, language="fr")).rows)
        countries = [r.country for r in grouped if r.kind == "organisation"]
        assert countries[:3] == ["DE", "BE", "DK"]  # Allemagne, Belgique, Danemark


def test_another_ordering_comes_from_final_list_itself(app, make_letter):
    make_letter()
    with app.app_context():
        add_signatories("climate", NAMES)
        letter = services.get_letter("climate")
        letter.ordering = "signing"
        db.session.commit()
        rows = list(listing(letter, ExportOptions(individuals_apart=False)).rows)
        assert rows == final_list(letter)


def test_options_from_a_query_string():
    options = parse_options(
        {"country": "dash", "group_by_country": "yes", "columns": "name,kind", "lang": "fr"}
    )
    assert options.country == "dash" and options.group_by_country
    assert options.columns == ("name", "kind") and options.language == "fr"
    assert options.public().include_contacts is False


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"country": "left"}, "Option 'country' is one of none, parentheses, dash."),
        ({"columns": "name,email"}, "Unknown column(s) email"),
        ({"lang": "<script>"}, "Option 'lang' is a language code"),
        ({"group_by_country": "maybe"}, "Option 'group_by_country' takes yes or no"),
    ],
)
def test_bad_options_say_what_is_wrong(values, message):
    with pytest.raises(OptionError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_options(values)
