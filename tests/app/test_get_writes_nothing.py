"""A GET changes nothing: crawlers, link prefetches, mail scanners and a browser's history open
links on their own. Every GET rule of the application's URL map is requested, by an organiser
signed in and by a visitor, with every token a page can carry, and every table (the audit log
among them) must read the same afterwards, row for row. A page added tomorrow is checked
without anyone listing it here."""

import itertools
import re
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa

from signon.accounts import services as accounts
from signon.accounts.models import Organiser
from signon.app.models import Base
from signon.importing import tables
from signon.invitations.models import Invitation
from signon.invitations.sending import invite_url
from signon.letters import editing
from signon.letters.services import get_letter
from signon.mail.unsubscribe import unsubscribe_url
from signon.roster.formats import FORMATS
from signon.storage.extensions import db
from tests.app.test_every_route import path_for
from tests.organiser_helpers import log_in
from tests.signing.helpers import manage_path
from tests.support import create_letter

AWA = "awa@equitas.example.org"
BO = "bo@pending.example.org"

# GETs whose answer may legitimately write, each with the reason. None today: the emailed
# links (confirm, sign in, unsubscribe) show a button and act on its POST, and every download
# that is logged (personal data, contacts) is a POST behind a button.
# The API's GETs (issue 27) write an audit entry and the key's last use when a key is sent
# (every use audited); asked without one, as here, they answer 401 and must write nothing.
WRITING_GETS: dict[str, str] = {}

# Which token each rule that takes one is given; a new rule with a token must say here.
TOKENS = {
    "signing.confirm": "confirm",
    "signing.self_service.manage": "manage",
    "privacy.my_data": "manage",
    "organise.accounts.sign_in_link": "sign_in",
    "organise.letters.preview": "preview",
    "mail.unsubscribe": "unsubscribe",
    "invitations.form": "invitation",
}
# Query strings each GET is also sent with: the options that asked for writes before.
QUERIES = ["", "contacts=yes", "contacts=yes&lang=fr&status=verified"]


@pytest.fixture
def world(app, client, make_letter, organiser, confirmed, sign, deliver, inbox, runner):
    """An open letter with an approved and a pending sign-on, a draft with a preview link, an
    import waiting, and every token the emails carry; its admin organiser's id."""
    make_letter("climate")
    approved = confirmed("climate")
    runner.invoke(args=["signatures", "approve", "climate", str(approved)])
    sign("climate", contact_email=BO, organisation="Pending Org", acronym="")
    deliver()
    me = organiser("root@coalition.example.org", admin=True, letters=("climate",))
    with app.app_context():
        draft = create_letter("draft", "A draft", "Dear all,")
        preview = editing.share_preview(draft, "test")
        member = db.session.get(Organiser, me)
        upload = tables.keep_upload(
            get_letter("climate"), member, tables.PASTED, tables.read_text("Green Earth, KE")
        )
        sign_in = urlsplit(accounts.sign_in_url(member)).path.rsplit("/", 1)[1]
        unsubscribe = urlsplit(unsubscribe_url(get_letter("climate").id, AWA)).path
        # A real invitation to this letter: its link opens the filled form, writing nothing.
        invitation = Invitation(
            letter_id=get_letter("climate").id,
            source_id=approved,
            email="guest@example.org",
            country="CI",
            name_key="guest",
            language="en",
        )
        db.session.add(invitation)
        db.session.flush()
        invited = urlsplit(invite_url(invitation)).path
        db.session.commit()
        upload_id = upload.id
    confirm_link = inbox.link(inbox.to(BO)[0])
    tokens = {
        "confirm": confirm_link.rstrip("/").rsplit("/", 1)[1],
        "manage": manage_path(inbox, AWA).rsplit("/", 1)[1],
        "sign_in": sign_in,
        "preview": preview,
        "unsubscribe": unsubscribe.rsplit("/", 1)[1],
        "invitation": invited.rsplit("/", 1)[1],
    }
    values = {
        "slug": ["climate"],
        "sign_on_id": [str(approved)],
        "upload_id": [str(upload_id)],
        "number": ["1"],
        "fmt": sorted(FORMATS),
        "target": ["open", "closed", "published", "draft"],
        "language": ["fr"],
        "message_id": ["1"],
        "filename": ["style.css"],
    }
    return {"organiser": me, "tokens": tokens, "values": values}


def every_table(app) -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order."""
    with app.app_context(), db.engine.connect() as conn:
        return {
            table.name: sorted(map(tuple, conn.execute(sa.select(table))), key=repr)
            for table in Base.metadata.sorted_tables
        }


def get_paths(app, world) -> list[tuple[str, str]]:
    """(endpoint, path) for every GET rule, with each value its arguments may take."""
    found = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint in WRITING_GETS:
            continue
        names = sorted(rule.arguments)
        if "token" in names:
            assert rule.endpoint in TOKENS, f"{rule.rule}: say which token it takes in TOKENS"
        choices = [
            [world["tokens"][TOKENS[rule.endpoint]]] if name == "token" else world["values"][name]
            for name in names
        ]
        for picked in itertools.product(*choices):
            values = dict(zip(names, picked, strict=True))
            found.append((rule.endpoint, path_for(rule.rule, values)))
    return found


def test_no_get_writes_anything(app, client, world):
    before = every_table(app)
    assert before["audit_log"] and before["sign_ons"] and before["import_uploads"]
    wrote, requested = [], 0
    for who in (world["organiser"], None):
        log_in(client, who)
        for endpoint, path in get_paths(app, world):
            for query in QUERIES:
                answer = client.get(f"{path}?{query}" if query else path)
                answer.get_data()  # a streamed download reads its rows to the end
                answer.close()
                assert answer.status_code < 500, (path, query, answer.status_code)
                after = every_table(app)
                changed = [name for name in before if after[name] != before[name]]
                if changed:
                    wrote.append(f"GET {path}?{query} ({endpoint}) wrote to {changed}")
                    before = after
                requested += 1
    assert not wrote, "\n".join(wrote)
    assert requested >= 2 * 3 * 60


def test_the_tokens_given_open_their_pages(app, client, world):
    """The check above means something only if the pages it opened were the real ones."""
    log_in(client, world["organiser"])
    paths = dict(get_paths(app, world))
    for endpoint in TOKENS:
        answer = client.get(paths[endpoint])
        assert answer.status_code == 200, (endpoint, answer.status_code)
        if endpoint != "organise.letters.preview":  # a draft to read, nothing to do
            assert re.search(r"<button[^>]*>", answer.text), endpoint
