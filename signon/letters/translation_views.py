"""The letter's translations: which exist, which are out of date, and writing one."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext
from werkzeug.wrappers import Response

from signon.accounts.access import sign_in_required
from signon.core.errors import SignonError
from signon.letters import parts as letter_parts
from signon.letters import translating
from signon.letters.access import organiser_letter
from signon.letters.markdown import render_markdown
from signon.letters.translation_forms import TranslationForm
from signon.storage.extensions import db
from signon.web.i18n import LANGUAGE_NAMES


@sign_in_required
def translations(slug: str) -> str:
    """Each language the letter may be read in, with its translation's state."""
    organiser, letter = organiser_letter(slug)
    found = {t.language: t for t in translating.translations(letter)}
    return render_template(
        "letters/translations.html",
        letter=letter,
        translatable=translating.translatable_languages(letter),
        found=found,
        names=LANGUAGE_NAMES,
    )


def _parts(form: TranslationForm) -> dict[str, object]:
    parts: dict[str, object] = {
        name: form[name].data or "" for name in translating.PARTS if name != "signature_blocks"
    }
    parts["signature_blocks"] = letter_parts.parse_signature_blocks(form.signature_blocks.data)
    return parts


@sign_in_required
def translation(slug: str, language: str) -> Response | tuple[str, int]:
    """Write or update the translation into `language`; saving marks it up to date."""
    organiser, letter = organiser_letter(slug)
    if language not in translating.translatable_languages(letter):
        abort(404)
    existing = translating.translation_of(letter.id, language)
    initial = {}
    if existing is not None:
        initial = {name: getattr(existing, name) for name in translating.PARTS}
        initial["signature_blocks"] = letter_parts.format_signature_blocks(
            existing.signature_blocks
        )
    form = TranslationForm(data=initial)
    refused = False
    if form.validate_on_submit():
        try:
            translating.save_translation(letter, language, _parts(form), organiser.email)
            db.session.commit()
        except SignonError as exc:
            db.session.rollback()
            flash(str(exc), "error")
            refused = True
        else:
            flash(gettext("Translation saved: it is up to date with the main text."))
            return redirect(url_for("organise.letters.translations", slug=slug), code=303)
    html = render_template(
        "letters/translation.html",
        letter=letter,
        language=language,
        language_name=LANGUAGE_NAMES.get(language, language),
        existing=existing,
        form=form,
        main_body=render_markdown(letter.body),
    )
    return html, 422 if form.errors or refused else 200
