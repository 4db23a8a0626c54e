"""Organiser pages: upload a file or paste a list, map its columns, preview, confirm."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from signon.accounts.access import sign_in_required
from signon.core.errors import NotFound, SignonError
from signon.domain.countries import country_name, every_choice, is_country
from signon.domain.import_columns import FIELDS
from signon.domain.spreadsheets import FileProblem
from signon.importing import services, tables
from signon.importing.models import ImportUpload
from signon.importing.preview import preview
from signon.letters.access import organiser_letter
from signon.storage.extensions import db
from signon.web.i18n import current_language
from signon.web.uploads import accepts_upload

# The fields a column can feed, as the column page names them (the keys are FIELDS').
FIELD_LABELS = {
    "organisation": _l("Organisation"),
    "acronym": _l("Acronym"),
    "country": _l("Country"),
    "website": _l("Website"),
    "contact_name": _l("Contact name"),
    "email": _l("Email"),
    "position": _l("Position"),
    "signed_at": _l("Signed at"),
    "invite_consent": _l("Agreed to hear of future letters"),
}

SHOWN = 1000  # rows shown in a preview; problems and notes first


def _upload(slug: str, upload_id: str) -> tuple[object, object, ImportUpload]:
    organiser, letter = organiser_letter(slug)
    try:
        return organiser, letter, tables.get_upload(letter, organiser, upload_id)
    except NotFound:
        abort(404)


@accepts_upload("IMPORT_MAX_BYTES")
@sign_in_required
def start(slug: str) -> Response | tuple[str, int]:
    """Step 1: a CSV or XLSX file, or a list pasted one organisation per line."""
    organiser, letter = organiser_letter(slug)
    form = FlaskForm()
    error = ""
    if form.validate_on_submit():
        file = request.files.get("file")
        pasted = request.form.get("pasted", "")
        try:
            if file and file.filename:
                name = file.filename.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
                sheets = tables.read_sheets(file.read(), name)
            elif pasted.strip():
                name, sheets = tables.PASTED, tables.read_text(pasted)
            else:
                raise FileProblem(gettext("Choose a file, or paste a list of organisations."))
        except FileProblem as exc:
            error = str(exc)
        else:
            upload = tables.keep_upload(letter, organiser, name, sheets)
            db.session.commit()
            return redirect(
                url_for("organise.importing.columns", slug=slug, upload_id=upload.id), 303
            )
    elif form.is_submitted():
        error = "This form has expired: reload the page and send it again."
    max_mb = request.max_content_length // (1024 * 1024) if request.max_content_length else 0
    html = render_template(
        "importing/start.html", letter=letter, form=form, error=error, max_mb=max_mb
    )
    return html, 422 if error else 200


@sign_in_required
def columns(slug: str, upload_id: str) -> Response | str:
    """Step 2: which column is which field (guessed), the sheet, the status of the rows."""
    _, letter, upload = _upload(slug, upload_id)
    form = FlaskForm()
    if form.validate_on_submit():
        table = tables.upload_table(upload)
        mapping = [request.form.get(f"column-{i}", "") for i in range(len(table.headers))]
        if any(field and field not in FIELDS for field in mapping):
            abort(400)
        used = [field for field in mapping if field]
        if len(used) != len(set(used)):
            flash(gettext("Each field can go to one column only: leave the others out."), "error")
            return redirect(
                url_for("organise.importing.columns", slug=slug, upload_id=upload.id), 303
            )
        default = request.form.get("default_country", "").strip().upper()
        if default and not is_country(default):
            abort(400)
        try:
            sheet = request.form.get("sheet", upload.sheet)
            if sheet not in table.sheet_names:
                abort(400)
            tables.choose(
                upload,
                sheet=sheet,
                mapping=mapping,
                default_country=default,
                status=request.form.get("status", ""),
            )
        except SignonError as exc:
            flash(str(exc), "error")
            return redirect(
                url_for("organise.importing.columns", slug=slug, upload_id=upload.id), 303
            )
        db.session.commit()
        target = (
            "organise.importing.columns" if sheet != table.sheet else "organise.importing.review"
        )
        return redirect(url_for(target, slug=slug, upload_id=upload.id), 303)
    table = tables.upload_table(upload)
    return render_template(
        "importing/columns.html",
        letter=letter,
        upload=upload,
        table=table,
        sample=table.rows[:5],
        fields=FIELD_LABELS,
        statuses=tables.STATUSES,
        countries=every_choice(current_language()),
        form=form,
    )


@sign_in_required
def review(slug: str, upload_id: str) -> Response | str:
    """Step 3: each row as it will be stored; countries to choose; confirm."""
    organiser, letter, upload = _upload(slug, upload_id)
    form = FlaskForm()
    table = tables.upload_table(upload)
    if form.validate_on_submit() and request.form.get("action") == "countries":
        chosen = {}
        for i, typed in enumerate(request.form.getlist("typed")):
            code = request.form.get(f"country-{i}", "").strip().upper()
            if code and not is_country(code):
                abort(400)
            chosen[typed[:2000]] = code
        tables.choose(upload, countries=chosen)
        db.session.commit()
        return redirect(url_for("organise.importing.review", slug=slug, upload_id=upload.id), 303)
    if form.validate_on_submit() and request.form.get("action") == "import":
        try:
            report = services.import_rows(
                letter,
                table.prepared(upload.status),
                status=upload.status,
                actor=organiser.email,
                file_name=upload.file_name,
                skip_problems=request.form.get("skip_problems") == "yes",
                logged_as=f"organiser {organiser.id}",
            )
        except SignonError as exc:
            flash(str(exc), "error")
            return redirect(
                url_for("organise.importing.review", slug=slug, upload_id=upload.id), 303
            )
        file_name, status = upload.file_name, tables.STATUSES[upload.status].value
        tables.forget_upload(upload)
        db.session.commit()
        flash(services.summary(report, file_name))
        return redirect(url_for("organise.moderation.sign_ons", slug=slug, status=status), 303)
    if form.is_submitted():
        abort(400)
    seen = preview(letter, table.prepared(upload.status))
    shown = sorted(seen.rows, key=lambda r: (not (r.row.problems or r.notes), r.row.number))
    return render_template(
        "importing/preview.html",
        letter=letter,
        upload=upload,
        table=table,
        seen=seen,
        shown=shown[:SHOWN],
        countries=every_choice(current_language()),
        country_name=country_name,
        form=form,
    )
