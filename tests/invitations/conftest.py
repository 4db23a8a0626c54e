"""Invitations' fixtures: two letters and a member organisation that agreed to be invited."""

import pytest
from flask import Flask

from tests.invitations.helpers import OTHER_SPELLING, merge_spellings


@pytest.fixture
def member(make_letter, confirmed, organiser, app: Flask) -> int:
    """Two letters; the organisation signed the first under two spellings (merged), agreeing
    to be invited; another contact did not agree. The second letter's owner's id."""
    make_letter("first", title="First letter")
    make_letter("second", title="Second letter")
    confirmed("first", invite_consent="y")
    confirmed("first", organisation=OTHER_SPELLING, invite_consent="y")
    confirmed("first", organisation="Silent Org", contact_email="bob@silent.example.org")
    merge_spellings(app)
    return organiser("owner@example.org", letters=("first", "second"))
