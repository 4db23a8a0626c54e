"""`flask letter add-owner`: a letter created without --owner gets an owner later, logged."""

import sqlalchemy as sa

from signon.audit.models import AuditEntry
from signon.storage.extensions import db
from tests.organiser_helpers import log_in


def test_an_organiser_added_as_owner_then_sees_the_letter(
    app, runner, client, make_letter, organiser
):
    make_letter(slug="climate")
    ana = organiser("ana@coalition.example.org")
    result = runner.invoke(args=["letter", "add-owner", "climate", "Ana@Coalition.example.org"])
    assert result.exit_code == 0, result.output
    assert "ana@coalition.example.org now owns letter 'climate'" in result.output
    log_in(client, ana)
    assert "Joint letter on climate finance" in client.get("/organise/").text
    with app.app_context():
        entry = db.session.scalar(
            sa.select(AuditEntry).where(AuditEntry.action == "organiser_added")
        )
        assert entry.actor == "cli" and entry.detail["owner"] is True


def test_unknown_people_letters_and_repeats_are_refused_in_one_line(runner, make_letter, organiser):
    make_letter(slug="climate")
    organiser("ana@coalition.example.org", letters=("climate",))
    unknown = runner.invoke(args=["letter", "add-owner", "climate", "bo@example.org"])
    assert unknown.exit_code == 1 and "organiser add" in unknown.output
    missing = runner.invoke(args=["letter", "add-owner", "nope", "ana@coalition.example.org"])
    assert missing.exit_code == 1 and "Traceback" not in missing.output
    again = runner.invoke(args=["letter", "add-owner", "climate", "ana@coalition.example.org"])
    assert again.exit_code == 1 and "already organises" in again.output
