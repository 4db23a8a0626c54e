"""CSV presets for CRMs on the Downloads page: Action Network's and CiviCRM's columns, a row
per contact, by a button only, audited, formula cells neutralised."""

import csv
import io

import sqlalchemy as sa

from signon.audit.models import AuditEntry
from signon.storage.extensions import db
from tests.organiser_helpers import log_in
from tests.pages import link, press_download


def rows_of(answer) -> list[dict]:
    text = answer.data.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_presets_download_from_the_downloads_page_audited(
    app, client, make_letter, organiser, confirmed, runner
):
    make_letter("climate")
    first = confirmed("climate")
    formula = confirmed(
        "climate",
        organisation='=HYPERLINK("http://x")',
        acronym="",
        contact_email="bo@formula.example.org",
        contact_name="Bo",
        website="",
    )
    runner.invoke(args=["signatures", "approve", "climate", str(first), str(formula)])
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    overview = client.get("/organise/letters/climate/")
    downloads = client.get(link(overview.text, "Downloads"))
    assert "CSV for Action Network" in downloads.text and "CSV for CiviCRM" in downloads.text
    action_network = press_download(client, downloads.text, "actionnetwork")
    assert action_network.status_code == 200
    assert action_network.mimetype == "text/csv"
    assert "climate-signatories-actionnetwork.csv" in action_network.headers["Content-Disposition"]
    people = rows_of(action_network)
    awa = next(p for p in people if p["email"] == "awa@equitas.example.org")
    assert (awa["first_name"], awa["last_name"], awa["country"]) == ("Awa", "Koné", "CI")
    assert awa["organization"] == "Réseau Equitas Côte d'Ivoire" and awa["acronym"] == "REQCI"
    assert awa["job_title"] == "Director"
    assert any(p["organization"].startswith("'=HYPERLINK") for p in people)
    civicrm = rows_of(press_download(client, downloads.text, "civicrm"))
    awa = next(p for p in civicrm if p["Email"] == "awa@equitas.example.org")
    assert awa["Current Employer"] == "Réseau Equitas Côte d'Ivoire"
    assert awa["Source"] == "Signon: Joint letter on climate finance"
    with app.app_context():
        logged = db.session.scalars(
            sa.select(AuditEntry.detail).where(AuditEntry.action == "contacts_exported")
        ).all()
    assert [d["format"] for d in logged] == ["actionnetwork", "civicrm"]


def test_a_link_to_a_preset_takes_no_contacts_and_logs_nothing(app, client, make_letter, organiser):
    make_letter("climate")
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    answer = client.get("/organise/letters/climate/export.civicrm")
    assert answer.status_code == 303 and "/downloads" in answer.location
    assert client.get("/letters/climate/signatories.civicrm").status_code == 404
    with app.app_context():
        assert not db.session.scalars(
            sa.select(AuditEntry).where(AuditEntry.action == "contacts_exported")
        ).all()


def test_the_cli_audits_a_preset(app, runner, make_letter):
    make_letter("climate")
    result = runner.invoke(args=["letter", "export", "climate", "--format", "actionnetwork"])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.decode("utf-8-sig").startswith('"email","first_name"')
    with app.app_context():
        assert db.session.scalar(
            sa.select(sa.func.count(AuditEntry.id)).where(AuditEntry.action == "contacts_exported")
        )
