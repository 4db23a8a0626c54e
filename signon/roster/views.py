"""Downloads: organisers get every format; the public gets txt, pdf and json, and an embed."""

from flask import (
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask_wtf import FlaskForm

from signon.accounts.access import sign_in_required
from signon.letters.access import organiser_letter
from signon.letters.models import Letter
from signon.letters.public import public_letter
from signon.roster import contacts, formats
from signon.roster.options import QUERY_NAMES, ExportOptions, OptionError, parse_options
from signon.roster.preview import preview
from signon.roster.public import embed_payload, list_is_public, signatory_count
from signon.roster.public_cache import cached_answer
from signon.storage.extensions import db
from signon.web.i18n import lang_chooses_content
from signon.web.limits import limit_builds
from signon.web.pagecache import page_cache
from signon.web.urls import external_url


def _options() -> ExportOptions:
    try:
        return parse_options(request.args)
    except OptionError as exc:
        abort(400, description=str(exc))


def _chosen() -> dict[str, str]:
    """The export options in the query, as the buttons carry them on (never the format)."""
    return {k: v for k, v in request.args.items() if k in QUERY_NAMES}


def download(letter: Letter, fmt: str, options: ExportOptions) -> Response:
    """The file as an attachment; txt, csv, json, md and html stream as rows are read."""
    chunks = formats.export(letter, fmt, options)
    # Binary documents are built whole anyway: finish them first, so a failure is a clean 500.
    body = stream_with_context(chunks) if formats.FORMATS[fmt].streamed else b"".join(chunks)
    response = Response(body, mimetype=formats.FORMATS[fmt].mimetype)
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{formats.filename(letter, fmt)}"'
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response


@lang_chooses_content
@sign_in_required
def organiser_export(slug: str, fmt: str) -> Response:
    """Any format, any options, for the letter's organisers; contacts only by the button (POST)."""
    organiser, letter = organiser_letter(slug)
    if fmt not in formats.FORMATS:
        abort(404)
    options = _options()
    with_contacts = options.include_contacts or formats.FORMATS[fmt].contacts
    if request.method == "POST":
        if not FlaskForm().validate_on_submit():
            abort(400)
        if with_contacts:
            contacts.record_export(letter, organiser.email, fmt)
            db.session.commit()
    elif with_contacts:
        # A link a crawler, a prefetch or a browser's history can open takes no personal data
        # and logs nothing: it leads to the downloads page, whose button posts and is logged.
        return redirect(url_for(".downloads", slug=slug, **_chosen(), fmt=fmt), code=303)
    return download(letter, fmt, options)


@lang_chooses_content
@sign_in_required
def downloads(slug: str) -> str:
    """Every format with the chosen options, the count and the first lines as they come out."""
    _, letter = organiser_letter(slug)
    options = _options()
    fmt = request.args.get("fmt", "docx")
    fmt = fmt if fmt in formats.FORMATS else "docx"
    return render_template(
        "roster/downloads.html",
        letter=letter,
        export_buttons=formats.BUTTONS,
        # The buttons carry the options chosen here; the format is the button's own.
        chosen=_chosen(),
        fmt=fmt,
        preview=preview(letter, fmt, options),
    )


@lang_chooses_content
@limit_builds("PUBLIC_BUILD_LIMIT_PER_IP")
def public_export(slug: str, fmt: str) -> Response:
    """txt, pdf or json of a public list; never contact data. Built once per list version."""
    if fmt not in formats.PUBLIC_FORMATS:
        abort(404)
    options = _options().public()

    def letter() -> Letter:
        found = public_letter(slug)
        if not list_is_public(found) or not public_pdf_allowed(found, fmt):
            abort(404)
        return found

    def build(found: Letter) -> bytes:
        # One public file of a letter is built at a time in each process, whatever the
        # options: varying them keeps one thread busy, never every core.
        with page_cache().one_at_a_time(f"public files of {found.id}"):
            return b"".join(formats.export(found, fmt, options))

    return cached_answer(
        f"export {slug} {fmt} {options!r}",
        letter,
        build,
        formats.FORMATS[fmt].mimetype,
        {"Content-Disposition": f'attachment; filename="{formats.filename_for(slug, fmt)}"'},
        compress=fmt != "pdf",
    )


def public_pdf_allowed(letter: Letter, fmt: str) -> bool:
    """The public PDF is built for lists up to `PUBLIC_PDF_MAX_SIGNATORIES` names only."""
    limit = current_app.config["PUBLIC_PDF_MAX_SIGNATORIES"]
    return fmt != "pdf" or signatory_count(letter) <= limit


@limit_builds("PUBLIC_BUILD_LIMIT_PER_IP")
def embed_json(slug: str) -> Response:
    """Title, status, count and names for coalition websites, with an ETag."""
    return cached_answer(
        f"embed {slug}",
        lambda: public_letter(slug),
        embed_payload,
        "application/json",
        # Coalition websites fetch it from their own origin; it holds nothing private.
        {"Cache-Control": "public, max-age=60", "Access-Control-Allow-Origin": "*"},
    )


def embed_script(slug: str) -> Response:
    """A script that shows the live count and a "Sign this letter" button where it is pasted."""
    letter = public_letter(slug)
    script = render_template(
        "roster/embed.js", json_url=external_url("roster.embed_json", slug=letter.slug)
    )
    response = Response(script, mimetype="text/javascript")
    response.headers["Cache-Control"] = "public, max-age=300"
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response
