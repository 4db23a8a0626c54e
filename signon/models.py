"""Every model, imported in one place so that Alembic sees the whole schema."""

from signon.database import Base
from signon.letters.models import Letter, LetterStatus
from signon.mail.models import OutboxMessage
from signon.signing.models import Signatory, SignOn, SignOnStatus

__all__ = ["Base", "Letter", "LetterStatus", "OutboxMessage", "Signatory", "SignOn", "SignOnStatus"]
