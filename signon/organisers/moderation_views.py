"""Moderation pages: a letter's sign-ons, decisions, corrections, notes and the audit log."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from signon.domain.countries import country_name
from signon.errors import NotFound, SignonError
from signon.organisers import corrections, services, signals
from signon.organisers.access import organiser_letter, sign_in_required
from signon.organisers.forms import DisplayNameForm, NoteForm
from signon.organisers.views import bp
from signon.signing.models import SignOn, SignOnStatus

STATUSES = [s.value for s in SignOnStatus]


def _sign_on(letter: object, sign_on_id: int) -> SignOn:
    try:
        return services.get_sign_on(letter, sign_on_id)
    except NotFound:
        abort(404)


@bp.get("/letters/<slug>/")
@sign_in_required
def letter(slug: str) -> str:
    """A letter's home for its organisers: counts, and links to everything else."""
    organiser, letter = organiser_letter(slug)
    return render_template(
        "organisers/letter.html",
        letter=letter,
        counts=services.counts(letter),
        log=corrections.letter_history(letter, limit=30),
    )


@bp.get("/letters/<slug>/sign-ons")
@sign_in_required
def sign_ons(slug: str) -> str:
    """Sign-ons filtered by status and country, searched by name."""
    organiser, letter = organiser_letter(slug)
    status = request.args.get("status", "")
    status = status if status in STATUSES else ""
    country = request.args.get("country", "").strip()[:2]
    text = request.args.get("q", "")[:200]
    found = services.search_sign_ons(letter, status=status, country=country, text=text)
    return render_template(
        "organisers/sign_ons.html",
        letter=letter,
        sign_ons=found,
        status=status,
        country=country,
        q=text,
        statuses=STATUSES,
        countries=services.countries(letter),
        country_name=country_name,
        form=FlaskForm(),
        counts=services.counts(letter),
        signals=signals.trust_signals_for(letter, found),
    )


@bp.post("/letters/<slug>/sign-ons/decide")
def decide(slug: str) -> Response:
    """Approve or reject the ticked sign-ons, all at once."""
    organiser, letter = organiser_letter(slug)
    if not FlaskForm().validate_on_submit():
        abort(400)
    action = request.form.get("action")
    try:
        ids = [int(v) for v in request.form.getlist("ids")]
    except ValueError:
        abort(400)
    try:
        if action == "approve":
            done = services.approve(letter, ids, actor=organiser.email)
            flash(f"Approved {len(done)} sign-on(s).")
        elif action == "reject":
            done = services.reject(letter, ids, actor=organiser.email)
            flash(f"Rejected {len(done)} sign-on(s).")
        else:
            abort(400)
    except SignonError as exc:
        flash(str(exc), "error")
    back = request.form.get("next", "")
    if not back.startswith(f"/organise/letters/{slug}/"):
        back = url_for("organisers.sign_ons", slug=slug)
    return redirect(back, code=303)


@bp.get("/letters/<slug>/sign-ons/<int:sign_on_id>")
@sign_in_required
def sign_on(slug: str, sign_on_id: int) -> str:
    """One sign-on: what was typed, trust signals, corrections, note and history."""
    organiser, letter = organiser_letter(slug)
    item = _sign_on(letter, sign_on_id)
    return render_template(
        "organisers/sign_on.html",
        letter=letter,
        s=item,
        others=[o for o in item.signatory.sign_ons if o.id != item.id],
        signals=signals.trust_signals(item),
        history=corrections.history(item),
        form=FlaskForm(),
        name_form=DisplayNameForm(display_name=item.signatory.display_name or ""),
        note_form=NoteForm(note=item.note),
        country_name=country_name,
    )


@bp.post("/letters/<slug>/sign-ons/<int:sign_on_id>/display-name")
def display_name(slug: str, sign_on_id: int) -> Response:
    """Correct the name on the list (the sign-on keeps what was typed)."""
    organiser, letter = organiser_letter(slug)
    item = _sign_on(letter, sign_on_id)
    form = DisplayNameForm()
    if not form.validate_on_submit():
        flash(" ".join(e for errors in form.errors.values() for e in errors), "error")
    else:
        try:
            corrections.set_display_name(item, form.display_name.data or "", organiser.email)
            flash("Name on the list saved.")
        except SignonError as exc:
            flash(str(exc), "error")
    return redirect(url_for("organisers.sign_on", slug=slug, sign_on_id=item.id), code=303)


@bp.post("/letters/<slug>/sign-ons/<int:sign_on_id>/note")
def note(slug: str, sign_on_id: int) -> Response:
    """Save the internal note."""
    organiser, letter = organiser_letter(slug)
    item = _sign_on(letter, sign_on_id)
    form = NoteForm()
    if not form.validate_on_submit():
        flash(" ".join(e for errors in form.errors.values() for e in errors), "error")
    else:
        corrections.set_note(item, form.note.data or "", organiser.email)
        flash("Note saved.")
    return redirect(url_for("organisers.sign_on", slug=slug, sign_on_id=item.id), code=303)
