"""Forms of the account pages: sign-in, inviting an organiser, adding one to a letter."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField

from signon.web.fields import email_field


class EmailForm(FlaskForm):
    """One email address: sign-in, adding a co-organiser, inviting an organiser."""

    email = email_field(_l("Email"), _l("Enter an email address."))


class InviteForm(EmailForm):
    """An admin invites an organiser."""

    is_admin = BooleanField(_l("Administrator (sees every letter, invites organisers)"))


class TeamForm(EmailForm):
    """Add a co-organiser; an admin may make them an owner."""

    is_owner = BooleanField(_l("Owner (may add other organisers to this letter)"))
