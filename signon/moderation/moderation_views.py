"""Moderation pages: a letter's sign-ons, decisions, corrections, notes and the audit log."""

from collections.abc import Mapping
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from signon.accounts.access import sign_in_required
from signon.core.errors import NotFound, SignonError
from signon.domain.acronyms import shown_acronym, with_acronym
from signon.domain.countries import country_name, country_sort_key
from signon.letters.access import organiser_letter
from signon.letters.models import Letter
from signon.moderation import corrections, decisions, log_words, search, seen, services, signals
from signon.moderation.forms import DisplayNameForm, NoteForm
from signon.signing.models import SignOn, SignOnStatus
from signon.storage.extensions import db
from signon.web.i18n import current_language

STATUSES = [s.value for s in SignOnStatus]


def _sign_on(letter: object, sign_on_id: int) -> SignOn:
    try:
        return services.get_sign_on(letter, sign_on_id)
    except NotFound:
        abort(404)


def _filter(values: Mapping[str, str], default_status: str = "") -> search.Filter:
    """The list's filter from a query string or the bulk form's hidden fields.

    No `status` at all means `default_status`; `status=all` (or empty) means every status.
    """
    status = values.get("status", default_status)
    sort = values.get("sort", "when")
    try:
        page = max(1, int(values.get("page", "1")))
    except ValueError:
        page = 1
    return search.Filter(
        status=status if status in STATUSES else "",
        country=values.get("country", "").strip()[:2],
        text=values.get("q", "")[:200],
        sort=sort.removeprefix("-") if sort.removeprefix("-") in search.SORTS else "when",
        descending=sort.startswith("-"),
        page=page,
    )


@sign_in_required
def sign_ons(slug: str) -> str:
    """Sign-ons filtered by status and country, searched by name, sorted by a column."""
    organiser, letter = organiser_letter(slug)
    counts = services.counts(letter)
    language = current_language()
    # The list opens on what waits for the organiser: the confirmed sign-ons, when any.
    wanted = _filter(request.args, SignOnStatus.VERIFIED.value if counts.verified else "")
    found = search.search(letter, wanted, language)
    countries = services.countries(letter)
    return render_template(
        "moderation/sign_ons.html",
        letter=letter,
        found=found,
        sign_ons=found.sign_ons,
        wanted=wanted,
        select_all=request.args.get("select") == "all",
        selected=_selected(request.args.get("selected", "")),
        seen=seen.fingerprint,
        statuses=list(SignOnStatus),
        countries=sorted(countries, key=lambda code: country_sort_key(code, language)),
        country_name=country_name,
        form=FlaskForm(),
        counts=counts,
        signals=signals.trust_signals_for(letter, found.sign_ons),
        shown_acronym=shown_acronym,
    )


def _confirm(letter: Letter, action: str, ids: list[int], back: str, left: int = 0) -> str:
    """The second step of a bulk decision: what will happen, and one button to do it."""
    chosen = services.sign_ons_by_id(letter, ids)
    return render_template(
        "moderation/confirm_bulk.html",
        letter=letter,
        action=action,
        chosen=chosen,
        left=left,
        back=back,
        form=FlaskForm(),
        with_acronym=with_acronym,
        seen=seen.fingerprint,
    )


@sign_in_required
def approve_all(slug: str) -> str:
    """Step one of "approve all confirmed": the sign-ons it will approve."""
    organiser, letter = organiser_letter(slug)
    waiting = search.matching_ids(letter, search.Filter(status=SignOnStatus.VERIFIED))
    # Back to the overview afterwards: its next step tells what waits now.
    return _confirm(
        letter, "approve_all", waiting, url_for("organise.moderation.letter", slug=slug)
    )


def decide(slug: str) -> Response | str:
    """Approve or reject the ticked sign-ons, or (after a second step) all that match."""
    organiser, letter = organiser_letter(slug)
    if not FlaskForm().validate_on_submit():
        abort(400)
    action = request.form.get("action", "")
    if action in ("approve_matching", "reject_matching"):
        # Everything matching the filter, on every page: show what that means first.
        wanted = search.matching_ids(letter, _filter(request.form))
        doable = services.decidable(letter, wanted, action.removesuffix("_matching"))
        then = "approve_all" if action == "approve_matching" else "reject"
        back = request.form.get("next", "")
        return _confirm(letter, then, doable, back, left=len(wanted) - len(doable))
    try:
        ids = [int(v) for v in request.form.getlist("ids")]
    except ValueError:
        abort(400)
    if action not in DECIDERS:
        abort(400)
    printed = seen.parse(request.form.getlist("seen"))
    left: list[int] = []
    try:
        outcome = DECIDERS[action](letter, ids, actor=organiser.email, seen=printed)
        db.session.commit()
    except SignonError as exc:
        db.session.rollback()
        flash(str(exc), "error")
    else:
        flash(outcome.summary(), _category(outcome))
        left = [s.id for s in outcome.skipped]
    back = request.form.get("next", "")
    if not back.startswith(f"/organise/letters/{slug}/"):
        back = url_for("organise.moderation.sign_ons", slug=slug)
    # What could not be decided stays ticked on the page the organiser comes back to.
    return redirect(with_selection(back, left), code=303)


DECIDERS = {
    "approve": services.approve,
    "approve_all": services.approve_confirmed,
    "reject": services.reject,
}


def _category(outcome: decisions.Outcome) -> str:
    if outcome.nothing_done:
        return "error"
    return "warning" if outcome.skipped else "message"


def with_selection(path: str, ids: list[int]) -> str:
    """The path with `selected=` naming these ids, and no earlier selection ("select all")."""
    parts = urlsplit(path)
    earlier = ("selected", "select")
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in earlier]
    if ids:
        query.append(("selected", ",".join(map(str, ids))))
    return urlunsplit(parts._replace(query=urlencode(query)))


def _selected(value: str) -> set[int]:
    """The ids a redirect asked to keep ticked (`selected=1,2,3`)."""
    return {int(v) for v in value.split(",") if v.isdigit() and len(v) < 19}


@sign_in_required
def sign_on(slug: str, sign_on_id: int) -> str:
    """One sign-on: what was typed, trust signals, corrections, note and history."""
    organiser, letter = organiser_letter(slug)
    item = _sign_on(letter, sign_on_id)
    return render_template(
        "moderation/sign_on.html",
        letter=letter,
        s=item,
        others=[o for o in item.signatory.sign_ons if o.id != item.id],
        signals=signals.trust_signals(item),
        history=log_words.in_words(corrections.history(item)),
        form=FlaskForm(),
        seen=seen.fingerprint,
        change_seen=seen.change_fingerprint,
        name_form=DisplayNameForm(display_name=item.signatory.display_name or ""),
        note_form=NoteForm(note=item.note),
        country_name=country_name,
    )


def display_name(slug: str, sign_on_id: int) -> Response:
    """Correct the name on the list (the sign-on keeps what was typed)."""
    organiser, letter = organiser_letter(slug)
    item = _sign_on(letter, sign_on_id)
    form = DisplayNameForm()
    if not form.validate_on_submit():
        flash(" ".join(str(e) for errors in form.errors.values() for e in errors), "error")
    else:
        try:
            corrections.set_display_name(item, form.display_name.data or "", organiser.email)
            db.session.commit()
            flash(_("Name on the list saved."))
        except SignonError as exc:
            flash(str(exc), "error")
    return redirect(url_for("organise.moderation.sign_on", slug=slug, sign_on_id=item.id), code=303)


def note(slug: str, sign_on_id: int) -> Response:
    """Save the internal note."""
    organiser, letter = organiser_letter(slug)
    item = _sign_on(letter, sign_on_id)
    form = NoteForm()
    if not form.validate_on_submit():
        flash(" ".join(str(e) for errors in form.errors.values() for e in errors), "error")
    else:
        corrections.set_note(item, form.note.data or "", organiser.email)
        db.session.commit()
        flash(_("Note saved."))
    return redirect(url_for("organise.moderation.sign_on", slug=slug, sign_on_id=item.id), code=303)
