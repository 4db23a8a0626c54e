"""Erased data does not survive in an import's upload or a waiting correction, and a re-import
never brings an erased contact back."""

import json
from datetime import timedelta

import sqlalchemy as sa

from signon.importing.models import ImportUpload
from signon.letters.services import get_letter
from signon.signing.models import ProposedChange, SignOn
from signon.storage.database import utcnow
from signon.storage.extensions import db
from tests.importing.helpers import flashes, import_file, stored, upload
from tests.organiser_helpers import log_in
from tests.privacy.helpers import closed_days_ago
from tests.privacy.test_privacy_access import form_action
from tests.support import csrf_token

ANA = "ana@coalition.example.org"
AWA = "awa@equitas.example.org"
FILE = (
    "Organisation,Country,Email,Contact\n"
    f"Réseau Equitas,Côte d'Ivoire,{AWA},Awa Koné\n"
    "Alpha Aid,Kenya,alpha@example.org,Ann\n"
).encode()


def uploads(app) -> list[str]:
    """Every kept upload's cells, as one text each."""
    with app.app_context():
        return [json.dumps(u.sheets) for u in db.session.scalars(sa.select(ImportUpload))]


def sign_on_of(app, email: str) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(SignOn.id).where(SignOn.contact_email == email))


def erase_from_the_sign_on_page(client, sign_on: int):
    page = client.get(f"/organise/letters/climate/sign-ons/{sign_on}").text
    action = form_action(page, "Erase contact details")
    return client.post(action, data={"csrf_token": csrf_token(page)})


def test_an_upload_goes_once_imported_and_erasure_reaches_one_still_waiting(
    app, client, make_letter, organiser
):
    make_letter()
    log_in(client, organiser(ANA, letters=("climate",)))
    import_file(client, "climate", FILE, status="approved")
    assert uploads(app) == []  # imported: nothing of the file is kept
    waiting = upload(client, "climate", FILE)  # the same file again, not confirmed yet
    assert any(AWA in cells for cells in uploads(app))

    erase_from_the_sign_on_page(client, sign_on_of(app, AWA))

    assert not any(AWA in cells for cells in uploads(app))
    assert client.get(waiting.headers["Location"] + "/preview").status_code == 404


def test_a_reimport_never_brings_an_erased_contact_back(app, client, make_letter, organiser):
    make_letter()
    log_in(client, organiser(ANA, letters=("climate",)))
    import_file(client, "climate", FILE, status="approved")
    erase_from_the_sign_on_page(client, sign_on_of(app, AWA))

    sent = upload(client, "climate", FILE.replace(AWA.encode(), AWA.upper().encode()))
    page = client.get(sent.headers["Location"] + "/preview").text
    assert "This contact&#39;s details were erased from the letter: not imported again." in page
    done = import_file(client, "climate", FILE, status="approved", skip=True)
    assert "Not imported because of problems: row 2." in " ".join(flashes(done.text))
    assert [row[2] for row in stored(app, "climate")] == ["", "alpha@example.org"]


def test_privacy_run_deletes_day_old_uploads_and_erasure_by_retention_reaches_the_rest(
    app, client, runner, make_letter, organiser, tmp_path
):
    make_letter()
    log_in(client, organiser(ANA, letters=("climate",)))
    import_file(client, "climate", FILE, status="approved")
    upload(client, "climate", FILE)  # today's, holding Awa's address
    old = upload(client, "climate", b"Organisation,Country\nOld Org,Kenya\n")
    with app.app_context():
        db.session.execute(
            sa.update(ImportUpload)
            .where(ImportUpload.id == old.headers["Location"].rsplit("/", 1)[1])
            .values(created_at=utcnow() - timedelta(days=2))
        )
        db.session.commit()
    assert len(uploads(app)) == 2
    with app.app_context():
        get_letter("climate").status = "closed"
        db.session.commit()
    closed_days_ago(app, "climate", 181)

    result = runner.invoke(args=["privacy", "run"])

    assert result.exit_code == 0, result.output
    assert "Deleted 1 import upload(s)" in result.output
    assert uploads(app) == []  # the old one by its age, today's by the erasure
    path = tmp_path / "again.csv"
    path.write_bytes(FILE)
    again = runner.invoke(args=["signatures", "import", "climate", str(path), "--skip-problems"])
    assert "row 2: This contact's details were erased" in again.output
    assert "row 3: This contact's details were erased" in again.output
    assert all(row[2] == "" for row in stored(app, "climate"))


def test_erasure_drops_the_contact_from_a_waiting_correction(
    app, client, make_letter, organiser, confirmed
):
    make_letter()
    log_in(client, organiser(ANA, letters=("climate",)))
    only_personal, mixed = confirmed(), confirmed(contact_email="bo@example.org")
    with app.app_context():
        db.session.add_all(
            [
                ProposedChange(
                    sign_on_id=only_personal, changes={"contact_name": "Awa K.", "role": "Chair"}
                ),
                ProposedChange(
                    sign_on_id=mixed, changes={"organisation": "Equitas CI", "role": "Chair"}
                ),
            ]
        )
        db.session.commit()

    erase_from_the_sign_on_page(client, only_personal)
    erase_from_the_sign_on_page(client, mixed)

    with app.app_context():
        left = {c.sign_on_id: c.changes for c in db.session.scalars(sa.select(ProposedChange))}
    assert left == {mixed: {"organisation": "Equitas CI"}}
