"""The directory's organiser pages: the list, its CSV file, and the administrators' decisions."""

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_wtf import FlaskForm
from wtforms import IntegerField, StringField
from wtforms.validators import InputRequired

from signon.accounts.access import current_organiser, sign_in_required
from signon.core.errors import NotFound, SignonError
from signon.directory import exports, services, suggestions
from signon.directory.access import directory_admin, directory_reader, may_see
from signon.directory.search import Filters, matching, page, page_number
from signon.domain.countries import country_name, every_choice
from signon.domain.regions import INTERNATIONAL_AND_REGIONAL, REGIONS, UNKNOWN
from signon.storage.extensions import db
from signon.web.i18n import LANGUAGE_NAMES, LANGUAGES, current_language


class AcceptForm(FlaskForm):
    """A letter's decision on two of its signatories, and the administrator's answer."""

    letter = IntegerField(validators=[InputRequired()])
    first = IntegerField(validators=[InputRequired()])
    second = IntegerField(validators=[InputRequired()])
    answer = StringField(validators=[InputRequired()])


class UndoForm(FlaskForm):
    """A decision of the directory to forget."""

    decision = IntegerField(validators=[InputRequired()])


def directory_link() -> str | None:
    """The directory's address for the signed-in organiser, if they may open it."""
    organiser = current_organiser()
    if organiser is None or not may_see(organiser):
        return None
    return url_for("organise.directory.organisations")


def _back() -> Response:
    return redirect(url_for("organise.directory.organisations"), code=303)


@sign_in_required
def organisations() -> str:
    """The organisations found, a page at a time, with the filters and the download."""
    organiser = directory_reader()
    filters = Filters.from_args(request.args)
    found = services.directory()
    shown = page(matching(found.organisations, filters), page_number(request.args.get("page")))
    language = current_language()
    return render_template(
        "directory/organisations.html",
        organiser=organiser,
        directory=found,
        filters=filters,
        shown=shown,
        countries=every_choice(language),
        regions=[*REGIONS.values(), INTERNATIONAL_AND_REGIONAL, UNKNOWN],
        language_choices=[(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
        letters=services.letters(),
        country_name=lambda code: country_name(code, language),
        accept_form=AcceptForm(),
        undo_form=UndoForm(),
    )


@sign_in_required
def download() -> Response:
    """The organisations found as CSV; with their contacts only by the button (POST), logged."""
    organiser = directory_reader()
    filters = Filters.from_args(request.args)
    with_contacts = request.method == "POST"
    if with_contacts and not FlaskForm().validate_on_submit():
        abort(400)
    found = matching(services.directory().organisations, filters)
    if with_contacts:
        exports.record_export(found, organiser.email)
        db.session.commit()
    response = Response(exports.to_csv(found, with_contacts), mimetype="text/csv")
    name = "organisations-contacts.csv" if with_contacts else "organisations.csv"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@sign_in_required
def accept() -> Response:
    """An administrator takes a letter's decision on the directory too, or keeps them apart."""
    organiser = directory_admin()
    form = AcceptForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        suggestions.accept(
            form.letter.data, form.first.data, form.second.data, form.answer.data, organiser.email
        )
    except NotFound:
        abort(404)
    except SignonError as exc:
        flash(str(exc), "error")
        return _back()
    db.session.commit()
    if form.answer.data == "merge":
        flash(gettext("The two are one organisation in the directory now."), "success")
    else:
        flash(gettext("The two are kept apart in the directory."), "success")
    return _back()


@sign_in_required
def undo() -> Response:
    """An administrator forgets a decision of the directory; the letter's is offered again."""
    organiser = directory_admin()
    form = UndoForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        suggestions.undo(form.decision.data, organiser.email)
    except NotFound:
        abort(404)
    db.session.commit()
    flash(gettext("The decision was undone."), "success")
    return _back()
