"""The consent to be invited: unticked on the form, stored with its words' version when
ticked; an import sets it only for the rows whose own column says yes."""

from flask import Flask

from signon.domain.import_columns import guess_columns
from signon.domain.import_rows import prepare_rows
from signon.letters.consent import INVITE_WORDING
from tests import pages
from tests.helpers_db import sign_ons


def test_the_form_offers_it_unticked_and_stores_the_words_version(
    app: Flask, client, make_letter, sign
) -> None:
    make_letter()
    page = client.get("/letters/climate").text
    assert "Tell us about this coalition" in page
    assert "invite_consent" not in pages.checked(page)
    assert 'name="invite_consent" type="checkbox" value="y">' in page
    sign(contact_email="no@one.example.org")
    sign(organisation="Other Org", contact_email="yes@two.example.org", invite_consent="y")
    stored = {s.contact_email: s.invite_consent for s in sign_ons(app)}
    assert stored == {"no@one.example.org": None, "yes@two.example.org": INVITE_WORDING}


def test_an_import_sets_it_only_where_its_row_says_yes() -> None:
    headers = ["Organisation", "Country", "Email", "Future letters?"]
    mapping = guess_columns(headers)
    assert mapping[3] == "invite_consent"
    rows = prepare_rows(
        [
            (2, ["A", "KE", "a@a.example.org", "Yes"]),
            (3, ["B", "KE", "b@b.example.org", "oui"]),
            (4, ["C", "KE", "c@c.example.org", ""]),
            (5, ["D", "KE", "d@d.example.org", "maybe"]),
        ],
        mapping,
    )
    assert [r.invite_consent for r in rows] == [True, True, False, False]
    without = prepare_rows([(2, ["A", "KE", "a@a.example.org"])], guess_columns(headers[:3]))
    assert without[0].invite_consent is False


def test_an_imported_row_that_says_yes_is_stored_with_the_words_version(
    app: Flask, make_letter, runner, tmp_path
) -> None:
    make_letter()
    members = tmp_path / "members.csv"
    members.write_text(
        "Organisation,Country,Email,Future letters\n"
        "Alpha,KE,a@alpha.example.org,yes\nBeta,KE,b@beta.example.org,\n",
        encoding="utf-8",
    )
    done = runner.invoke(args=["signatures", "import", "climate", str(members)])
    assert done.exit_code == 0, done.output
    stored = {s.contact_email: s.invite_consent for s in sign_ons(app)}
    assert stored == {"a@alpha.example.org": INVITE_WORDING, "b@beta.example.org": None}
