"""Every page a person reads, with the records that fill it: what the accessibility test visits.

The list is checked against the URL map (`unvisited`): a new GET page is either visited here
or excused with a reason, never forgotten.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

import sqlalchemy as sa
from flask import Flask, url_for

from signon.accounts import services as accounts
from signon.accounts.models import Organiser
from signon.api.keys import create_key
from signon.api.models import KeyScope
from signon.invitations.choosing import Choice
from signon.invitations.models import Invitation
from signon.invitations.sending import send_invitations
from signon.letters import editing, team, translating
from signon.letters.consent import INVITE_WORDING
from signon.letters.services import get_letter
from signon.mail.models import OutboxMessage
from signon.moderation import decisions, publishing
from signon.signing import self_service
from signon.signing.models import SignOn
from signon.signing.services import SignOnInput, confirm_sign_on, submit_sign_on
from signon.storage.database import utcnow
from signon.storage.extensions import db
from signon.web.tokens import Purpose, make_bound_token, make_token
from signon.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from tests.support import create_letter

ORGANISER = "ana@coalition.example.org"
# (name, country, what becomes of it)
SIGN_ONS = [
    ("Alpha Aid", "KE", "approved"),
    ("شبكة المدافعات عن حقوق الإنسان", "EG", "approved"),
    ("Beta Care", "FR", "rejected"),
    ("Gamma Fund", "BR", "verified"),
    ("Human Rights Watch", "US", "verified"),
    ("Human Rights Watch (HRW)", "US", "verified"),
    ("Delta Unconfirmed", "PT", "pending"),
    ("Epsilon Withdrawn", "AO", "withdrawn"),
]

# GET rules that are not pages for people, and why.
EXCUSED = {
    "static": "files (CSS, scripts), checked through the pages that use them",
    "health.healthz": "a load balancer's probe: plain text, no page",
    "roster.embed_json": "JSON for the embed",
    "roster.embed_script": "JavaScript for the embed",
    "roster.public_export": "files to download (CSV, DOCX, PDF...), not pages",
    "organise.roster.organiser_export": "files to download; with contacts it redirects to the "
    "downloads page, which is visited",
    "api.openapi": "JSON: the API's OpenAPI description (its guide page is visited)",
    "api.petition": "JSON for API clients, no page",
    "api.signatures": "JSON for API clients, no page",
    "organise.directory.download": "a CSV file to download (the directory page is visited)",
}


@dataclass(frozen=True)
class Visit:
    """A page: its endpoint, its URL arguments (`$name` is a record of `World`), who sees it."""

    endpoint: str
    args: dict = field(default_factory=dict)
    organiser: bool = False
    query: dict = field(default_factory=dict)

    def url(self, world: dict) -> str:
        values = {k: world[v[1:]] if str(v).startswith("$") else v for k, v in self.args.items()}
        return url_for(self.endpoint, **values, **self.query)

    @property
    def name(self) -> str:
        shown = ",".join(f"{k}={v}" for k, v in {**self.args, **self.query}.items())
        return f"{self.endpoint}({shown})"


def _o(endpoint: str, **args: object) -> Visit:
    return Visit(endpoint, {"slug": "climate", **args}, organiser=True)


PAGES = [
    Visit("index"),
    Visit("signing.show", {"slug": "climate"}),
    Visit("signing.show", {"slug": "sent"}),  # published: the final list under the letter
    Visit("signing.check_email", {"slug": "climate"}),
    Visit("signing.confirm", {"slug": "climate", "token": "$confirm_token"}),
    Visit("signing.self_service.manage", {"slug": "climate", "token": "$manage_token"}),
    Visit("privacy.my_data", {"slug": "climate", "token": "$manage_token"}),
    Visit("privacy.notice", {"slug": "climate"}),
    Visit("roster.signatories", {"slug": "climate"}),
    Visit("roster.signatories", {"slug": "sent"}),
    Visit("mail.unsubscribe", {"token": "$unsubscribe_token"}),
    Visit("mail.dev.outbox"),
    Visit("mail.dev.message", {"message_id": "$message_id"}),
    Visit("organise.accounts.sign_in"),
    Visit("organise.accounts.check_email"),
    Visit("organise.accounts.sign_in_link", {"token": "$sign_in_token"}),
    Visit("organise.moderation.dashboard", organiser=True),
    _o("organise.moderation.letter"),
    _o("organise.moderation.sign_ons"),
    Visit("organise.moderation.sign_ons", {"slug": "climate"}, True, {"status": "all"}),
    _o("organise.moderation.sign_on", sign_on_id="$approved"),
    _o("organise.moderation.sign_on", sign_on_id="$pending"),
    _o("organise.moderation.approve_all"),
    _o("organise.moderation.duplicates"),
    _o("organise.moderation.publish"),
    _o("organise.privacy.sign_on_data", sign_on_id="$approved"),
    _o("organise.roster.downloads"),
    _o("organise.letters.edit"),
    _o("organise.letters.status", target="closed"),
    _o("organise.letters.team"),
    _o("organise.letters.translations"),
    _o("organise.letters.translation", language="fr"),
    _o("organise.signing.versions_list"),
    _o("organise.signing.version", number=1),
    _o("organise.importing.start"),
    _o("organise.importing.columns", upload_id="$upload"),
    _o("organise.importing.review", upload_id="$upload"),
    Visit("organise.letters.new_letter", organiser=True),
    Visit("organise.accounts.organisers", organiser=True),
    Visit("organise.letters.preview", {"token": "$preview_token"}, organiser=True),
    Visit("organise.signing.settings", organiser=True),
    _o("organise.api.keys"),
    _o("organise.api.guide"),
    _o("organise.webhooks.endpoints"),
    _o("organise.invitations.invitations"),
    Visit("invitations.form", {"slug": "climate", "token": "$invitation_token"}),
    Visit("organise.directory.organisations", organiser=True),
]


def unvisited(app: Flask) -> list[str]:
    """GET endpoints neither visited nor excused."""
    seen = {p.endpoint for p in PAGES} | set(EXCUSED)
    rules = [r for r in app.url_map.iter_rules() if "GET" in (r.methods or ())]
    return sorted({r.endpoint for r in rules} - seen)


def build_world() -> dict:
    """Letters in every state, sign-ons in every state, an organiser: committed; their ids."""
    letter = create_letter(
        "climate", "Joint letter on climate finance", "Dear Ministers,\n\nAct.", open_now=True
    )
    owner = accounts.add_organiser(ORGANISER, is_admin=True)
    team.add_member(letter, ORGANISER, actor="test", is_owner=True)
    world: dict = {"organiser_id": owner.id}
    for i, (name, country, state) in enumerate(SIGN_ONS):
        data = SignOnInput(
            organisation=name,
            country=country,
            contact_name=f"Contact {i}",
            contact_email=f"contact{i}@org{i}.example.org",
            website=f"org{i}.example.org",
        )
        sign_on = db.session.get(SignOn, submit_sign_on(letter, data))
        if state != "pending":
            confirm_sign_on(sign_on)
        if state == "approved":
            decisions.approve(letter, [sign_on.id], actor="test")
        elif state == "rejected":
            decisions.reject(letter, [sign_on.id], actor="test")
        elif state == "withdrawn":
            self_service.withdraw(sign_on)
        world.setdefault(state, sign_on.id)
    editing.update_letter(letter, {"body": "Dear Ministers,\n\nAct **now**."}, "test")
    translating.save_translation(
        letter, "fr", {"title": "Lettre commune", "body": "Mesdames et Messieurs,"}, "test"
    )
    draft = create_letter("draft", "A draft letter", "Draft.", open_now=False)
    team.add_member(draft, ORGANISER, actor="test", is_owner=True)
    world["preview_token"] = editing.share_preview(draft, "test")
    sent = create_letter("sent", "A sent letter", "Sent.", open_now=True)
    team.add_member(sent, ORGANISER, actor="test", is_owner=True)
    zeta = SignOnInput(
        organisation="Zeta Union",
        country="MZ",
        contact_name="Z",
        contact_email="z@zeta.example.org",
        invite_consent=INVITE_WORDING,
    )
    listed = submit_sign_on(sent, zeta)
    confirm_sign_on(db.session.get(SignOn, listed))
    decisions.approve(sent, [listed], actor="test")
    editing.change_status(sent, "closed", "test")
    publishing.publish(sent, "test", date(2026, 11, 2), tell=False)
    # Zeta Union agreed to hear of future letters: invited to sign the open one.
    send_invitations(letter, Choice(), "test")
    create_key(letter, name="CRM sync", scope=KeyScope.WRITE, contacts=False, actor="test")
    _webhook(letter.id)
    db.session.commit()
    return world


def _webhook(letter_id: int) -> None:
    """An endpoint with a delivered event and a failed one (made here: no address to resolve)."""
    endpoint = WebhookEndpoint(
        letter_id=letter_id,
        url="https://crm.coalition.example.org/hooks/signon",
        events=["sign_on.confirmed", "sign_on.approved"],
        secret="whsec_test",
        created_by=ORGANISER,
        failing_since=utcnow() - timedelta(hours=2),
    )
    for i, (status, code, error) in enumerate(
        [(DeliveryStatus.DELIVERED, 200, ""), (DeliveryStatus.FAILED, 503, "HTTP 503")]
    ):
        endpoint.deliveries.append(
            WebhookDelivery(
                event_type="sign_on.approved",
                event_id=f"evt_test_{i}",
                payload={"test": i},
                status=status,
                attempts=1 + i * 7,
                last_status_code=code,
                last_error=error,
                last_attempt_at=utcnow() - timedelta(minutes=5),
                delivered_at=utcnow() if status == DeliveryStatus.DELIVERED else None,
            )
        )
    db.session.add(endpoint)


def links(world: dict, thanks: int) -> dict:
    """The world with the links emailed to its people (made after the organiser signed in),
    each page's URL, and `thanks` new sign-ons' confirmation links (one thank-you page each).
    In a request context."""
    letter = get_letter("climate")
    message = db.session.query(OutboxMessage).order_by(OutboxMessage.id).first()
    organiser = db.session.get(Organiser, world["organiser_id"])
    world = {
        **world,
        "confirm_token": make_token(Purpose.CONFIRM_SIGN_ON, world["pending"]),
        "manage_token": make_token(Purpose.MANAGE_SIGN_ON, world["verified"]),
        "unsubscribe_token": make_bound_token(Purpose.UNSUBSCRIBE, letter.id, ORGANISER),
        "sign_in_token": accounts.sign_in_url(organiser).rsplit("/", 1)[1],
        "message_id": message.id,
        "invitation_token": make_bound_token(
            Purpose.INVITATION, db.session.scalar(sa.select(Invitation.id)), str(letter.id)
        ),
    }
    world["urls"] = [(visit, visit.url(world)) for visit in PAGES]
    world["confirm_urls"] = []
    for i in range(thanks):
        data = SignOnInput(
            organisation=f"Thanks {i}",
            country="SN",
            contact_name="T",
            contact_email=f"t{i}@thanks{i}.example.org",
        )
        token = make_token(Purpose.CONFIRM_SIGN_ON, submit_sign_on(letter, data))
        world["confirm_urls"].append(f"/letters/climate/confirm/{token}")
    db.session.commit()
    return world
