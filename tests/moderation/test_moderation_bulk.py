"""Moderating a long list: select all, all matching a filter, approve all confirmed, sort."""

import re

import lxml.html
import sqlalchemy as sa

from signon.audit.models import AuditEntry
from signon.moderation import decisions
from signon.signing.models import Signatory, SignOn
from signon.signing.self_service import withdraw
from signon.storage.extensions import db
from tests.organiser_helpers import log_in
from tests.pages import checked, link, press, text

SIGN_ONS = "/organise/letters/climate/sign-ons"


def statuses(app) -> dict[int, str]:
    with app.app_context():
        return dict(db.session.execute(sa.select(SignOn.id, SignOn.status)).all())


def audited(app, action: str) -> list[dict]:
    with app.app_context():
        query = sa.select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)
        return [e.detail for e in db.session.scalars(query)]


def names(html: str) -> list[str]:
    return re.findall(r'<strong dir="auto">([^<]+)</strong>', html)


def test_select_all_ticks_every_box_and_approves_them_in_one_press(
    app, client, make_letter, organiser, quick_sign_ons
):
    make_letter()
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    ids = quick_sign_ons(12)
    page = client.get(SIGN_ONS).text
    assert checked(page) == []
    page = client.get(link(page, "Select all 12 shown")).text
    assert checked(page) == [str(i) for i in ids]
    assert "Clear the selection" in page
    answer = press(client, page, "Approve selected")
    assert answer.status_code == 303
    assert "12 approved." in client.get(answer.location).text
    assert set(statuses(app).values()) == {"approved"}


def test_approve_all_matching_a_filter_asks_first_and_leaves_the_unconfirmed(
    app, client, make_letter, organiser, quick_sign_ons, sign
):
    make_letter()
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    kenyan = quick_sign_ons(3, country="KE")
    french = quick_sign_ons(2, country="FR", start=10)
    unconfirmed = sign(organisation="Unconfirmed", country="KE", contact_email="u@unconfirmed.org")
    assert unconfirmed.status_code == 303
    # Every status (without one, the list shows only the confirmed).
    page = client.get(f"{SIGN_ONS}?status=all&country=KE").text
    second_step = press(client, page, "Approve all 4 matching")
    assert second_step.status_code == 200
    words = text(second_step.text)
    assert "Approve 3 sign-ons?" in words
    assert "1 other matching sign-on is left as it is (not confirmed yet" in words
    assert statuses(app)[kenyan[0]] == "verified"  # nothing changed yet
    answer = press(client, second_step.text, "Approve these 3")
    assert "3 approved." in client.get(answer.location).text
    now = statuses(app)
    assert [now[i] for i in kenyan] == ["approved"] * 3
    assert [now[i] for i in french] == ["verified"] * 2
    assert sorted(now.values()).count("pending") == 1
    assert audited(app, "approve_all") == [{"count": 3, "asked": 3}]


def test_approve_all_confirmed_from_the_overview_approves_only_what_was_shown(
    app, client, make_letter, organiser, quick_sign_ons
):
    make_letter()
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    shown = quick_sign_ons(4)
    overview = client.get("/organise/letters/climate/").text
    assert "Next step: 4 confirmed sign-ons wait for approval." in text(overview)
    second_step = client.get(link(overview, "Approve all 4 confirmed")).text
    assert "Approve 4 sign-ons?" in text(second_step)
    arrived_meanwhile = quick_sign_ons(1, start=50)
    answer = press(client, second_step, "Approve these 4")
    overview = client.get(answer.location).text
    assert "4 approved." in overview
    now = statuses(app)
    assert [now[i] for i in shown] == ["approved"] * 4
    assert now[arrived_meanwhile[0]] == "verified"
    assert "approved all 4 confirmed sign-ons at once" in text(overview)
    assert "Next step: 1 confirmed sign-on waits for approval." in text(overview)


def test_the_list_sorts_by_the_column_clicked_and_back(
    client, make_letter, organiser, quick_sign_ons
):
    make_letter()
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    quick_sign_ons(1, start=2, country="FR")
    quick_sign_ons(1, start=0, country="KE")
    quick_sign_ons(1, start=1, country="BR")
    page = client.get(SIGN_ONS).text
    assert names(page) == ["Organisation 002", "Organisation 000", "Organisation 001"]
    by_name = client.get(link(page, "Name")).text
    assert names(by_name) == ["Organisation 000", "Organisation 001", "Organisation 002"]
    assert 'aria-sort="ascending"' in by_name
    reversed_ = client.get(link(by_name, "Name")).text
    assert names(reversed_) == ["Organisation 002", "Organisation 001", "Organisation 000"]
    by_country = client.get(link(page, "Country")).text
    assert names(by_country) == ["Organisation 001", "Organisation 002", "Organisation 000"]


def test_statuses_read_the_same_words_as_the_counts(client, make_letter, organiser, quick_sign_ons):
    make_letter()
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    [one] = quick_sign_ons(1)
    page = client.get(SIGN_ONS).text
    assert '<span class="badge verified">confirmed</span>' in page
    assert ">verified<" not in page
    assert '<option value="verified" selected>confirmed</option>' in page  # opens on them
    detail = client.get(f"{SIGN_ONS}/{one}").text
    assert '<span class="badge verified">confirmed</span>' in detail


def test_odd_sort_page_and_ids_get_a_page_or_a_clear_400_never_a_500(
    app, client, make_letter, organiser, quick_sign_ons
):
    make_letter()
    token = log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    quick_sign_ons(2)
    # A page number no column could hold is refused before any view runs (a clear 400).
    assert client.get(f"{SIGN_ONS}?page=99999999999").status_code == 400
    for query in ["sort=<script>", "sort=--name", "page=-3", "page=x"]:
        page = client.get(f"{SIGN_ONS}?{query}")
        assert page.status_code == 200 and "<script>" not in page.text, query
        assert len(names(page.text)) == 2, query
    bad = client.post(
        f"{SIGN_ONS}/decide", data={"action": "approve_all", "ids": "x", "csrf_token": token}
    )
    assert bad.status_code == 400
    nothing = client.post(
        f"{SIGN_ONS}/decide",
        data={"action": "approve_all", "csrf_token": token},
        follow_redirects=True,
    )
    assert "No confirmed sign-on is waiting for approval any more." in nothing.text
    assert set(statuses(app).values()) == {"verified"}


def flashed(html: str) -> list[str]:
    return [
        " ".join(p.text_content().split()) for p in lxml.html.fromstring(html).find_class("flash")
    ]


def test_approve_selected_approves_every_confirmed_one_and_keeps_the_rest_ticked(
    app, client, make_letter, organiser, quick_sign_ons, sign
):
    make_letter()
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    ids = quick_sign_ons(4)
    assert (
        sign(organisation="Not Yet Org", country="KE", contact_email="n@y.org").status_code == 303
    )
    [waiting] = [i for i, s in statuses(app).items() if s == "pending"]
    page = client.get(f"{SIGN_ONS}?status=all").text
    page = client.get(link(page, "Select all 5 shown")).text
    answer = press(client, page, "Approve selected")
    assert answer.status_code == 303
    after = client.get(answer.location).text
    assert flashed(after) == [
        f"4 approved; 1 not yet confirmed its email: Not Yet Org (#{waiting})."
    ]
    assert 'class="flash warning"' in after
    assert checked(after) == [str(waiting)]  # still selected, the others are not
    now = statuses(app)
    assert [now[i] for i in ids] == ["approved"] * 4 and now[waiting] == "pending"
    # Pressing again with only that one ticked: nothing can be done, and it says so.
    again = client.get(press(client, after, "Approve selected").location).text
    assert flashed(again) == [f"1 not yet confirmed its email: Not Yet Org (#{waiting})."]
    assert 'class="flash error"' in again and checked(again) == [str(waiting)]


def test_reject_selected_rejects_all_but_the_withdrawn_in_french(
    app, client, make_letter, organiser, quick_sign_ons
):
    make_letter()
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    ids = quick_sign_ons(3)
    with app.app_context():
        withdraw(db.session.get(SignOn, ids[1]))
        db.session.commit()
    page = client.get(f"{SIGN_ONS}?lang=fr&status=all&select=all").text
    after = client.get(press(client, page, "Refuser la sélection").location).text
    assert flashed(after) == [
        f"2 refusées ; 1 retirée par son signataire : Organisation 001 (#{ids[1]})."
    ]
    assert checked(after) == [str(ids[1])]
    now = statuses(app)
    assert [now[i] for i in ids] == ["rejected", "withdrawn", "rejected"]


def test_the_summary_counts_in_every_language(app):
    with app.test_request_context("/?lang=es"):
        many = [SignOn(id=i, organisation=f"Org {i}", signing_as="organisation") for i in range(7)]
        for s in many:
            s.signatory = Signatory(display_name=None)
        outcome = decisions.Outcome(status="approved", done=many[:1], unconfirmed=many[1:])
        assert outcome.summary() == (
            "1 aprobada; 6 aún no han confirmado su correo: Org 1 (#1), Org 2 (#2), Org 3 (#3),"
            " Org 4 (#4), Org 5 (#5) y 1 más."
        )
