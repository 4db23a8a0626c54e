"""The directory tests' coalition: two letters, one organisation on both under two spellings."""

import csv
import io

import sqlalchemy as sa
from flask import Flask

from signon.audit.models import AuditEntry
from signon.letters.services import get_letter
from signon.moderation import duplicates
from signon.signing.models import SignOn, SignOnStatus
from signon.storage.extensions import db
from tests.moderation.helpers import add_sign_on

AWA = "awa@ras.example.org"
IBOU = "ibou@ras.example.org"
ADMIN = "root@secretariat.example.org"
OWNER = "ana@coalition.example.org"


def add(slug: str, organisation: str, country: str, language: str = "en", **fields: str) -> int:
    """An approved sign-on made in `language`; its id."""
    sign_on = add_sign_on(slug, organisation, country, **fields)
    sign_on.language = language
    db.session.commit()
    return sign_on.id


def coalition(app: Flask, make_letter) -> dict[str, int]:
    """Letters "climate" and "water"; the Réseau Afrique Santé signs both, merged on climate.

    On climate it signed twice, as "Réseau Afrique Santé" and "RAS Network", and the
    organisers merged the second into the first; on water it signed "RESEAU AFRIQUE SANTE".
    Returns the ids of the sign-ons by a short name.
    """
    make_letter("climate", title="Climate finance now")
    make_letter("water", title="Water is a right")
    with app.app_context():
        ids = {
            "ras": add(
                "climate", "Réseau Afrique Santé", "SN", acronym="RAS",
                website="https://ras.example.org", contact_name="Awa Diop", contact_email=AWA,
                language="fr",
            ),
            "ras_network": add(
                "climate", "RAS Network", "SN", contact_name="Ibou Fall", contact_email=IBOU
            ),
            "ras_water": add(
                "water", "RESEAU AFRIQUE SANTE", "SN", contact_name="Awa Diop",
                contact_email=AWA,
            ),
            "equitas": add(
                "water", "Equitas", "CA", acronym="EQ", contact_email="lea@equitas.example.org"
            ),
        }  # fmt: skip
        climate = get_letter("climate")
        keep, merged = (db.session.get(SignOn, ids[n]).signatory_id for n in ("ras", "ras_network"))
        duplicates.merge(climate, keep, merged, "lead@coalition.example")
        db.session.commit()
    return ids


def set_status(app: Flask, sign_on_id: int, status: SignOnStatus) -> None:
    """Put a sign-on in another state, as the moderation would."""
    with app.app_context():
        db.session.get(SignOn, sign_on_id).status = status
        db.session.commit()


def csv_rows(text: str) -> list[list[str]]:
    """A downloaded CSV's rows (the BOM dropped)."""
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def audit_actions(app: Flask, action: str) -> list[AuditEntry]:
    """Every audit entry of this action, oldest first."""
    with app.app_context():
        query = sa.select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)
        return list(db.session.scalars(query))
