"""The signatory's own page, reached through the link in their confirmation email."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from signon.core.errors import WrongState
from signon.letters.public import public_letter
from signon.signing import self_service
from signon.signing.creating import SignOnInput
from signon.signing.forms import DetailsForm
from signon.signing.models import SignOn
from signon.storage.extensions import db
from signon.web import returned_form
from signon.web.tokens import TokenError


def _page(letter: object, sign_on: SignOn, form: DetailsForm) -> tuple[str, int]:
    html = render_template(
        "signing/manage.html",
        letter=letter,
        sign_on=sign_on,
        form=form,
        withdraw_form=FlaskForm(),
        can_change=self_service.can_change(sign_on),
    )
    return html, 200


def _correction_message(done: self_service.Correction) -> str:
    if done.held:
        return gettext(
            "Thank you: the organisers will review your change before it appears on the list. "
            "Until then the list shows your details as approved."
        )
    return gettext("Your details are corrected.") if done.applied else gettext("Nothing changed.")


def manage(slug: str, token: str) -> Response | tuple[str, int]:
    """See and correct one's details while the letter is open."""
    letter = public_letter(slug)
    try:
        sign_on = self_service.sign_on_from_manage_token(letter, token)
    except TokenError as exc:
        return render_template("signing/bad_link.html", letter=letter, reason=exc.reason), 400
    if request.method == "GET":
        return _page(letter, sign_on, _details_form(sign_on))
    form = DetailsForm(is_individual=sign_on.signing_as == "individual")
    if form.validate_on_submit():
        data = SignOnInput(
            **{name: form[name].data or "" for name in self_service.EDITABLE},
            contact_email=sign_on.contact_email,
            signing_as=sign_on.signing_as,
        )
        try:
            done = self_service.correct_details(sign_on, data)
        except WrongState as exc:
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(_correction_message(done))
    else:
        # Back to the page with what was typed and why (post/redirect/get): Back and reload
        # never send the form again.
        returned_form.keep(_kept_for(sign_on), self_service.EDITABLE, form.errors)
    return redirect(url_for("signing.self_service.manage", slug=slug, token=token), code=303)


def _kept_for(sign_on: SignOn) -> str:
    return f"my-signature {sign_on.id}"


def _details_form(sign_on: SignOn) -> DetailsForm:
    """The details as they stand, or as typed when the last correction was sent back."""
    individual = sign_on.signing_as == "individual"
    kept = returned_form.take(_kept_for(sign_on))
    if kept is None:
        return DetailsForm(is_individual=individual, **self_service.details_as_proposed(sign_on))
    form = DetailsForm(is_individual=individual, formdata=returned_form.formdata(kept))
    returned_form.restore_errors(form, kept)
    return form


def withdraw(slug: str, token: str) -> Response | tuple[str, int]:
    """Take the signature back."""
    letter = public_letter(slug)
    try:
        sign_on = self_service.sign_on_from_manage_token(letter, token)
    except TokenError as exc:
        return render_template("signing/bad_link.html", letter=letter, reason=exc.reason), 400
    if not FlaskForm().validate_on_submit():
        abort(400)
    try:
        self_service.withdraw(sign_on)
        db.session.commit()
        flash(gettext("Your signature is withdrawn: it no longer appears on the letter."))
    except WrongState as exc:
        flash(str(exc), "error")
    return redirect(url_for("signing.self_service.manage", slug=slug, token=token), code=303)
