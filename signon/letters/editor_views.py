"""The letter editor, its state transitions and the secret preview link of a draft."""

from datetime import UTC
from types import SimpleNamespace

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from signon.accounts.access import public_page, require_organiser, sign_in_required
from signon.core.errors import SignonError
from signon.letters import consent, editing, parts, sender, team, translating, versions
from signon.letters import services as letters
from signon.letters.access import organiser_letter
from signon.letters.forms import LetterForm, NewLetterForm
from signon.letters.markdown import render_markdown
from signon.letters.models import Letter, LetterStatus
from signon.storage.extensions import db
from signon.web.urls import external_url

STATES = [s.value for s in LetterStatus]


def letter_status(status: str) -> str:
    """A letter's status as organisers read it."""
    return LetterStatus(status).label


@sign_in_required
def new_letter() -> Response | tuple[str, int]:
    """Start a draft; its creator owns it."""
    organiser = require_organiser()
    form = NewLetterForm()
    if form.validate_on_submit():
        try:
            letter = letters.create_letter(
                form.slug.data, form.title.data, "", actor=organiser.email
            )
            team.add_member(letter, organiser.email, actor=organiser.email, is_owner=True)
        except SignonError as exc:
            db.session.rollback()
            form.slug.errors.append(str(exc))
        else:
            db.session.commit()  # the letter and its owner together
            flash(_("Draft created."))
            return redirect(url_for("organise.letters.edit", slug=letter.slug), code=303)
    return render_template("letters/new_letter.html", form=form), 422 if form.errors else 200


def _changes(form: LetterForm) -> dict[str, object]:
    changes: dict[str, object] = {name: form[name].data or "" for name in parts.PARTS}
    changes["signature_blocks"] = parts.parse_signature_blocks(form.signature_blocks.data)
    deadline = form.deadline.data
    changes["deadline"] = deadline.replace(tzinfo=UTC) if deadline else None
    changes["accept_individuals"] = bool(form.accept_individuals.data)
    changes["live_list"] = bool(form.live_list.data)
    changes["listed_on_home"] = bool(form.listed_on_home.data)
    # A client that leaves these out keeps the letter's current choice.
    for name in ("ordering", "language"):
        if form[name].data:
            changes[name] = form[name].data
    return changes


# Editor field -> part of the consent version; a field a client leaves out keeps its value.
PRIVACY_FIELDS = {
    "consent_text": "consent_text",
    "controller": "controller",
    "privacy_notice": "notice_text",
    "retention_days": "retention_days",
}


def _privacy_changes(form: LetterForm) -> dict[str, object]:
    return {
        part: form[name].data if name == "retention_days" else form[name].data or ""
        for name, part in PRIVACY_FIELDS.items()
        if name in request.form and form[name].data is not None
    }


def _save(letter: Letter, form: LetterForm, actor: str) -> list[str]:
    """Save the letter's parts (not once published) and its privacy terms; changed names."""
    changes = _changes(form)
    text_changed = bool(editing.changed_parts(letter, changes))
    # The sender may change in every state, even once the text is published.
    wanted = sender.checked(
        form.sender_name.data, form.email_signature.data, form.contact_email.data
    )
    changed = sender.update_sender(letter, wanted, actor)
    if letter.status != LetterStatus.PUBLISHED or text_changed:
        changed += editing.update_letter(letter, changes, actor)
    changed += consent.update(letter, _privacy_changes(form), actor)
    db.session.commit()
    return changed


def _form_for(letter: Letter) -> LetterForm:
    terms = consent.current(letter)
    initial = {
        **letter_parts(letter),
        **{name: getattr(terms, part) for name, part in PRIVACY_FIELDS.items()},
        **{name: getattr(letter, name) for name in sender.FIELDS},
        "signature_blocks": parts.format_signature_blocks(letter.signature_blocks),
        # The field shows UTC wall-clock time.
        "deadline": letter.deadline.replace(tzinfo=None) if letter.deadline else None,
    }
    return LetterForm(data=initial)


@sign_in_required
def edit(slug: str) -> Response | tuple[str, int]:
    """Edit every part; "Preview" shows the text as it would look, without saving."""
    organiser, letter = organiser_letter(slug)
    form = _form_for(letter)
    preview = question = None
    if form.validate_on_submit():
        try:
            changes = _changes(form)
            if "preview" in request.form:
                shown = SimpleNamespace(**{**letter_parts(letter), **changes})
                preview = SimpleNamespace(letter=shown, body=render_markdown(changes["body"]))
            elif (question := _version_question(letter, form, changes)) is None:
                changed = _save(letter, form, organiser.email)
                flash(_("Saved.") if changed else _("Nothing changed."))
                return redirect(url_for("organise.letters.edit", slug=slug), code=303)
        except SignonError as exc:
            db.session.rollback()
            flash(str(exc), "error")
    html = render_template(
        "letters/edit.html",
        letter=letter,
        form=form,
        preview=preview,
        question=question,
        moves=[s for s in STATES if editing.may_move(letter, s)],
        preview_url=external_url("organise.letters.preview", token=letter.preview_token)
        if letter.preview_token
        else None,
        action=FlaskForm(),
        translations=translating.translations(letter),
    )
    return html, 422 if form.errors else 200


def _version_question(
    letter: Letter, form: LetterForm, changes: dict[str, object]
) -> SimpleNamespace | None:
    """What to ask before a save that makes a new version of the text; None: just save.

    The answer names the version it agrees to, so an edit saved meanwhile asks again.
    """
    changed = editing.changed_parts(letter, changes)
    number = letter.version + 1
    if letter.status == LetterStatus.PUBLISHED or not versions.makes_new_version(letter, changed):
        return None
    if request.form.get("new_version") == str(number):
        return None
    return SimpleNamespace(
        number=number,
        current=letter.version,
        signatures=versions.standing_signatures(letter, letter.version),
        parts=[form[name].label.text for name in versions.TEXT_PARTS if name in changed],
    )


def letter_parts(letter: Letter) -> dict[str, object]:
    """The attributes the letter template reads."""
    names = ("slug", "status", *parts.PARTS, *parts.SETTINGS)
    return {name: getattr(letter, name) for name in names}


@sign_in_required
def status(slug: str, target: str) -> Response | str:
    """Ask to confirm a change of state; the POST makes it."""
    organiser, letter = organiser_letter(slug)
    if target not in STATES:
        abort(404)
    form = FlaskForm()
    if form.validate_on_submit():
        try:
            editing.change_status(letter, target, organiser.email)
            db.session.commit()
            flash(_("The letter is now %(status)s.", status=letter_status(target)))
        except SignonError as exc:
            flash(str(exc), "error")
        return redirect(url_for("organise.letters.edit", slug=slug), code=303)
    return render_template(
        "letters/status.html",
        letter=letter,
        target=target,
        allowed=editing.may_move(letter, target),
        form=form,
    )


def preview_link(slug: str) -> Response:
    """Share a secret preview link of the draft, or revoke it."""
    organiser, letter = organiser_letter(slug)
    if not FlaskForm().validate_on_submit():
        abort(400)
    try:
        if request.form.get("action") == "revoke":
            editing.revoke_preview(letter, organiser.email)
            db.session.commit()
            flash(_("The preview link no longer works."))
        else:
            editing.share_preview(letter, organiser.email)
            db.session.commit()
            flash(_("Preview link ready: anyone with it can read the draft."))
    except SignonError as exc:
        flash(str(exc), "error")
    return redirect(url_for("organise.letters.edit", slug=slug), code=303)


@public_page
def preview(token: str) -> str:
    """A draft, read-only, for whoever has the secret link."""
    letter = editing.letter_by_preview_token(token)
    if letter is None:
        abort(404)
    return render_template("letters/preview.html", letter=letter, body=render_markdown(letter.body))
