"""The public list and every export follow the letter's chosen ordering."""

import pytest

from signon.domain.ordering import Ordering
from signon.letters.services import get_letter
from signon.signing.final_list import final_list
from signon.storage.extensions import db
from tests.moderation.helpers import add_sign_on

SIGNED = [
    ("The Zebra Trust", "GB"),
    ("Émergence", "FR"),
    ("alpha network", "DE"),
    ("Les Amis de la Terre", "FR"),
]


@pytest.mark.parametrize(
    ("ordering", "language", "expected"),
    [
        (Ordering.AS_WRITTEN, "en", [2, 1, 3, 0]),
        (Ordering.IGNORE_ARTICLE, "en", [2, 3, 1, 0]),
        (Ordering.SIGNING, "en", [0, 1, 2, 3]),
        # Allemagne, France, Royaume-Uni.
        (Ordering.BY_COUNTRY, "fr", [2, 1, 3, 0]),
    ],
)
def test_final_list_in_the_letters_order(app, make_letter, runner, ordering, language, expected):
    make_letter()
    with app.app_context():
        for name, country in SIGNED:
            add_sign_on("climate", name, country)
        letter = get_letter("climate")
        letter.ordering, letter.language = ordering, language
        db.session.commit()
        assert [row.name for row in final_list(letter)] == [SIGNED[i][0] for i in expected]
    exported = runner.invoke(args=["letter", "export", "climate", "--format", "txt"]).output
    assert exported.splitlines() == [SIGNED[i][0] for i in expected]
