"""Exports with contact data are audited: who took them, when, for which letter."""

import logging

from signon.audit import trail as audit
from signon.letters.models import Letter

log = logging.getLogger(__name__)


def record_export(letter: Letter, actor: str, fmt: str) -> None:
    """Audit an export with contact data: who, when (the entry's time), which letter."""
    audit.record(letter.id, actor, "contacts_exported", format=fmt)
    log.info("letter %s: export with contacts (%s)", letter.slug, fmt)
