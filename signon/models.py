"""Every model, imported in one place so that Alembic sees the whole schema."""

from signon.database import Base
from signon.importing.models import ImportUpload
from signon.letters.models import Letter, LetterStatus, LetterTranslation, LetterVersion
from signon.mail.models import OutboxMessage
from signon.organisers.merge_models import DistinctPair, SignatoryMerge
from signon.organisers.models import AuditEntry, LetterOrganiser, Organiser
from signon.privacy.models import ConsentVersion
from signon.signing.models import Signatory, SignOn, SignOnStatus

__all__ = [
    "AuditEntry",
    "Base",
    "ConsentVersion",
    "DistinctPair",
    "ImportUpload",
    "Letter",
    "LetterOrganiser",
    "LetterStatus",
    "LetterTranslation",
    "LetterVersion",
    "Organiser",
    "OutboxMessage",
    "SignOn",
    "SignOnStatus",
    "Signatory",
    "SignatoryMerge",
]
