"""The directory as files: the CSV download (contacts only by the logged button, cells never
formulas) and `flask organisations list` (text and JSON, no contacts)."""

import json

from tests.directory.helpers import ADMIN, AWA, OWNER, add, audit_actions, coalition, csv_rows
from tests.organiser_helpers import log_in
from tests.pages import press

PAGE = "/organise/organisations"


def test_the_csv_link_has_no_contacts_and_logs_nothing(app, client, make_letter, organiser):
    coalition(app, make_letter)
    log_in(client, organiser(OWNER, letters=("climate",)))
    answer = client.get(f"{PAGE}.csv?country=SN")
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    assert answer.headers["Content-Disposition"] == 'attachment; filename="organisations.csv"'
    rows = csv_rows(answer.text)
    assert rows[0] == ["Organisation", "Acronym", "Country", "Website", "Letters signed"]
    assert sorted(r[0] for r in rows[1:]) == ["RAS Network", "RESEAU AFRIQUE SANTE"]
    assert "@" not in answer.text
    assert audit_actions(app, "contacts_exported") == []


def test_the_contacts_button_downloads_them_and_is_logged_on_each_letter(
    app, client, make_letter, organiser
):
    coalition(app, make_letter)
    log_in(client, organiser(OWNER, letters=("climate",)))
    page = client.get(f"{PAGE}?q=reseau").text
    answer = press(client, page, "Download as CSV with contacts")
    assert answer.status_code == 200
    assert "no-store" in answer.headers["Cache-Control"]
    rows = csv_rows(answer.text)
    assert rows[0][-4:] == ["Contact name", "Email", "Position", "Language"]
    assert [(r[0], r[6]) for r in rows[1:]] == [("RESEAU AFRIQUE SANTE", AWA)]
    logged = audit_actions(app, "contacts_exported")
    assert [(e.actor, e.detail["format"]) for e in logged] == [(OWNER, "directory.csv")] * 2
    assert {e.letter_id for e in logged} == {1, 2}  # Awa signed both letters


def test_the_contacts_download_needs_the_pages_token(app, client, make_letter, organiser):
    coalition(app, make_letter)
    log_in(client, organiser(ADMIN, admin=True))
    assert client.post(f"{PAGE}.csv").status_code == 400
    assert audit_actions(app, "contacts_exported") == []


def test_cells_that_start_a_formula_are_neutralised(app, client, make_letter, organiser):
    make_letter("climate")
    with app.app_context():
        add("climate", '=HYPERLINK("http://evil.example")', "KE", contact_name="+cmd|calc")
    log_in(client, organiser(ADMIN, admin=True))
    page = client.get(PAGE).text
    rows = csv_rows(press(client, page, "Download as CSV with contacts").text)
    assert rows[1][0].startswith("'=") and rows[1][5] == "'+cmd|calc"


def test_the_command_lists_the_organisations_in_text_and_json(app, runner, make_letter):
    coalition(app, make_letter)
    result = runner.invoke(args=["organisations", "list"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "Equitas (EQ) – CA – water" in lines
    assert "RESEAU AFRIQUE SANTE (RAS) – SN https://ras.example.org – climate, water" in lines
    assert lines[-1] == "3 organisation(s)."
    assert "@" not in result.output

    result = runner.invoke(args=["organisations", "list", "--country", "sn", "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert [o["name"] for o in found] == ["RAS Network", "RESEAU AFRIQUE SANTE"]
    assert found[1] == {
        "name": "RESEAU AFRIQUE SANTE",
        "acronym": "RAS",
        "country": "SN",
        "website": "https://ras.example.org",
        "letters": ["climate", "water"],
        "contacts": 1,
    }


def test_the_command_refuses_an_unknown_country(app, runner, make_letter):
    result = runner.invoke(args=["organisations", "list", "--country", "ZZ"])
    assert result.exit_code == 2 and "Unknown country code" in result.output
