"""The streamed list agrees with final_list, and options parse with clear messages."""

import pytest

from signon.exports.options import ExportOptions, OptionError, parse_options
from signon.exports.rows import listing
from signon.extensions import db
from signon.letters import services
from signon.signing.listing import final_list
from tests.export_data import NAMES, add_signatories


def test_the_stream_is_final_list_in_chunks(app, make_letter, monkeypatch):
    monkeypatch.setattr("signon.exports.rows.CHUNK", 3)  # several chunks from 8 rows
    make_letter()
    with app.app_context():
        add_signatories("climate", NAMES)
        letter = services.get_letter("climate")
        expected = final_list(letter)
        streamed = listing(letter, ExportOptions(individuals_apart=False))
        assert streamed.count == 8 and streamed.mixed
        assert list(streamed.rows) == expected


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
