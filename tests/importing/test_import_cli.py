"""`flask signatures import`: the three statuses, --map, --sheet, --dry-run, idempotence."""

import io
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa
from openpyxl import Workbook

from signon.audit.models import AuditEntry
from signon.mail.models import OutboxMessage
from signon.storage.database import utcnow
from signon.storage.extensions import db
from tests.importing.helpers import stored

ROOT = Path(__file__).resolve().parents[2]
CSV = (
    "Organisation,Country,Contact,Email\n"
    "Alpha Aid,Kenya,Ann,ann@alpha.example.org\n"
    "Beta Care,USA,Bob,bob@beta.example.org\n"
    "Gamma Fund,UK,Gil,gil@gamma.example.org\n"
)


def write(tmp_path, text: str, name: str = "members.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(runner, *args, **kwargs):
    return runner.invoke(args=["signatures", "import", *args], **kwargs)


def test_dry_run_prints_the_guess_and_stores_nothing(app, runner, make_letter, tmp_path):
    make_letter("climate")
    result = run(runner, "climate", write(tmp_path, CSV), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "'Organisation' -> organisation" in result.output
    assert "'Contact' -> contact_name" in result.output
    assert "new: 3" in result.output
    assert "Dry run: nothing stored." in result.output
    assert stored(app, "climate") == []


def test_approved_rows_are_listed_at_once_and_confirmed_wait_for_approval(
    app, runner, make_letter, tmp_path, client
):
    make_letter("climate")
    make_letter("other")
    path = write(tmp_path, CSV)
    assert run(runner, "climate", path, "--status", "approved").exit_code == 0
    assert run(runner, "other", path, "--status", "confirmed").exit_code == 0
    assert {s[3] for s in stored(app, "climate")} == {"approved"}
    assert {s[3] for s in stored(app, "other")} == {"verified"}
    assert [s[1] for s in stored(app, "climate")] == ["KE", "US", "GB"]
    with app.app_context():
        sources = db.session.scalars(
            sa.select(AuditEntry.detail).where(AuditEntry.action == "imported")
        ).all()
        assert {"file": "members.csv", "row": 2, "status": "approved"} in sources
        assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage)) == 0
    assert "Alpha Aid" in client.get("/letters/climate/signatories").text


def test_pending_rows_get_a_paced_confirmation_email_each(
    app, runner, make_letter, tmp_path, deliver, inbox, confirm
):
    make_letter("climate")
    app.config["IMPORT_EMAILS_PER_MINUTE"] = 2
    result = run(runner, "climate", write(tmp_path, CSV), "--status", "pending")
    assert result.exit_code == 0, result.output
    assert {s[3] for s in stored(app, "climate")} == {"pending"}
    deliver()
    assert [m["To"] for m in inbox.messages] == ["ann@alpha.example.org"]  # the others wait
    deliver(now=utcnow() + timedelta(seconds=31))
    assert len(inbox.messages) == 2
    deliver(now=utcnow() + timedelta(seconds=61))
    assert len(inbox.messages) == 3
    assert confirm(inbox.link(inbox.messages[0])).status_code == 200
    assert stored(app, "climate")[0][3] == "verified"


def test_the_same_file_twice_adds_nothing(app, runner, make_letter, tmp_path):
    make_letter("climate")
    path = write(tmp_path, CSV)
    assert run(runner, "climate", path, "--status", "pending").exit_code == 0
    again = run(runner, "climate", path, "--status", "pending")
    assert "Imported 0 sign-on(s) from members.csv. 3 row(s) were already on the letter." in (
        again.output
    )
    assert len(stored(app, "climate")) == 3
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage)) == 3


def test_map_corrects_a_column_and_sheet_picks_the_xlsx_sheet(app, runner, make_letter, tmp_path):
    make_letter("climate")
    book = Workbook()
    book.active.title = "Notes"
    book.active.append(["nothing here"])
    sheet = book.create_sheet("Signatures")
    sheet.append(["Group", "Where", "Mail"])
    sheet.append(["Delta Network", "Ghana", "d@delta.example.org"])
    out = io.BytesIO()
    book.save(out)
    path = tmp_path / "book.xlsx"
    path.write_bytes(out.getvalue())
    args = ["climate", str(path), "--sheet", "Signatures", "--status", "approved"]
    result = run(runner, *args, "--map", "Where=country", "--map", "3=email")
    assert result.exit_code == 0, result.output
    assert stored(app, "climate") == [("Delta Network", "GH", "d@delta.example.org", "approved")]
    missing = run(runner, "climate", str(path), "--sheet", "Nope")
    assert missing.exit_code != 0 and "No sheet 'Nope'" in missing.output
    wrong = run(runner, "climate", str(path), "--map", "Where=nation")
    assert wrong.exit_code != 0 and "COLUMN=FIELD" in wrong.output


def test_rows_with_problems_are_left_out_only_when_the_organiser_agrees(
    app, runner, make_letter, tmp_path
):
    make_letter("climate")
    path = write(tmp_path, CSV + "No Country Org,,x@example.org\n,Kenya,,\n")
    refused = run(runner, "climate", path, input="n\n")
    assert refused.exit_code != 0 and "Nothing imported." in refused.output
    assert "row 5: No country." in refused.output
    assert stored(app, "climate") == []
    agreed = run(runner, "climate", path, input="y\n")
    assert "Not imported because of problems: rows 5, 6." in agreed.output
    assert len(stored(app, "climate")) == 3


def test_a_broken_file_is_refused_plainly(app, runner, make_letter, tmp_path):
    make_letter("climate")
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 10)
    result = run(runner, "climate", str(path))
    assert result.exit_code != 0
    assert "scan.pdf: This is not a CSV or XLSX file." in result.output


def test_a_script_imports_a_file_with_one_bad_row_with_skip_problems(
    app, runner, make_letter, tmp_path, database_url
):
    make_letter("climate")
    path = write(tmp_path, CSV + "No Country Org,,x@example.org\n")
    # As cron runs it: no terminal, nothing on standard input, nobody to answer a question.
    env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": "test-secret"}
    env.pop("MAIL_SERVER", None)
    command = [sys.executable, "-m", "flask", "--app", "app", "signatures", "import"]
    asked = subprocess.run(
        [*command, "climate", path],
        env=env, cwd=ROOT, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert asked.returncode != 0
    assert "--skip-problems" in asked.stdout + asked.stderr
    assert stored(app, "climate") == []
    done = subprocess.run(
        [*command, "climate", path, "--skip-problems"],
        env=env, cwd=ROOT, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "row 5: No country." in done.stdout
    assert "Import the other rows" not in done.stdout  # no question asked
    assert "Imported 3 sign-on(s) from members.csv." in done.stdout
    assert "Not imported because of problems: row 5." in done.stdout
    assert [row[0] for row in stored(app, "climate")] == ["Alpha Aid", "Beta Care", "Gamma Fund"]
    again = run(runner, "climate", path, "--skip-problems")
    assert again.exit_code == 0 and "3 row(s) were already on the letter." in again.output
