"""An admin adds owners to any letter from its team page; the command line shares the service."""

import sqlalchemy as sa

from signon.accounts.services import find_organiser
from signon.audit.models import AuditEntry
from signon.storage.extensions import db
from tests.organiser_helpers import log_in
from tests.pages import link, links, press, text


def team_page(client, slug: str = "climate") -> str:
    """From the dashboard to the letter, then its Team link, as an organiser clicks."""
    dashboard = client.get("/organise/").text
    overview = client.get(link(dashboard, "Joint letter on climate finance")).text
    team = dict(links(overview, "nav.letter-nav"))["Team"]
    return client.get(team).text


def audit(app, action: str) -> list[dict]:
    with app.app_context():
        rows = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == action))
        return [{"actor": e.actor, **e.detail} for e in rows]


def test_an_admin_adds_an_owner_to_a_letter_nobody_organises(
    app, client, make_letter, organiser, inbox, deliver
):
    make_letter()
    log_in(client, organiser("root@secretariat.example.org", admin=True))
    page = team_page(client)
    assert "Nobody organises this letter yet" in page
    done = press(client, page, "Add", at="/organise/letters/climate/team",
                 email="Dora@Partner.example.org", is_owner="y")  # fmt: skip
    assert done.status_code == 303
    page = client.get(done.location).text
    assert "dora@partner.example.org now owns this letter." in page
    assert "dora@partner.example.org (owner)" in text(page)
    assert audit(app, "organiser_added") == [
        {"actor": "root@secretariat.example.org", "email": "dora@partner.example.org",
         "owner": True}
    ]  # fmt: skip
    deliver()
    assert inbox.to("dora@partner.example.org")
    # The new owner may now add co-organisers herself.
    with app.app_context():
        dora = find_organiser("dora@partner.example.org").id
    log_in(client, dora)
    assert "Add a co-organiser" in team_page(client)


def test_an_admin_makes_a_co_organiser_an_owner_and_the_log_says_so(
    app, client, make_letter, organiser
):
    make_letter()
    organiser("cleo@coalition.example.org", letters=("climate",), owner=False)
    log_in(client, organiser("root@secretariat.example.org", admin=True))
    done = press(client, team_page(client), "Add", at="/organise/letters/climate/team",
                 email="cleo@coalition.example.org", is_owner="y")  # fmt: skip
    assert "cleo@coalition.example.org (owner)" in text(client.get(done.location).text)
    assert audit(app, "owner_made") == [
        {"actor": "root@secretariat.example.org", "email": "cleo@coalition.example.org"}
    ]
    overview = client.get("/organise/letters/climate/").text
    assert "made cleo@coalition.example.org an owner" in overview
    again = press(client, team_page(client), "Add", at="/organise/letters/climate/team",
                  email="cleo@coalition.example.org", is_owner="y")  # fmt: skip
    assert again.status_code == 422 and "already organises this letter as an owner" in again.text


def test_an_owner_who_is_not_an_admin_adds_co_organisers_but_not_owners(
    app, client, make_letter, organiser
):
    make_letter()
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    page = team_page(client)
    assert 'name="is_owner"' not in page
    refused = press(client, page, "Add", at="/organise/letters/climate/team",
                    email="eve@example.org", is_owner="y")  # fmt: skip
    assert refused.status_code == 403
    assert "eve@example.org" not in team_page(client)
    assert audit(app, "organiser_added")[-1]["email"] == "ana@coalition.example.org"


def test_the_command_line_makes_a_co_organiser_an_owner_through_the_same_service(
    app, runner, make_letter, organiser
):
    make_letter()
    organiser("cleo@coalition.example.org", letters=("climate",), owner=False)
    result = runner.invoke(args=["letter", "add-owner", "climate", "cleo@coalition.example.org"])
    assert result.exit_code == 0, result.output
    assert audit(app, "owner_made") == [{"actor": "cli", "email": "cleo@coalition.example.org"}]
