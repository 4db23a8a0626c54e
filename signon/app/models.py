"""Every model, imported in one place so that Alembic sees the whole schema."""

from signon.accounts.models import Organiser
from signon.api.models import ApiKey, IdempotentAnswer
from signon.audit.models import AuditEntry
from signon.directory.models import DirectoryDecision
from signon.importing.models import ImportUpload
from signon.invitations.models import Invitation
from signon.letters.consent_models import ConsentVersion
from signon.letters.models import Letter, LetterStatus, LetterTranslation, LetterVersion
from signon.letters.team_models import LetterOrganiser
from signon.mail.models import OutboxMessage
from signon.moderation.duplicate_models import DuplicateCandidate, DuplicateKey, DuplicateProgress
from signon.moderation.merge_models import DistinctPair, SignatoryMerge
from signon.signing.erased import ErasedContact
from signon.signing.models import Signatory, SignOn, SignOnStatus
from signon.storage.database import Base
from signon.webhooks.models import WebhookDelivery, WebhookEndpoint

__all__ = [
    "ApiKey",
    "IdempotentAnswer",
    "AuditEntry",
    "Base",
    "ConsentVersion",
    "DirectoryDecision",
    "DistinctPair",
    "DuplicateCandidate",
    "DuplicateKey",
    "DuplicateProgress",
    "ErasedContact",
    "ImportUpload",
    "Invitation",
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
    "WebhookDelivery",
    "WebhookEndpoint",
]
