"""Two identical sign-ons at the same instant end as one signatory: the database decides."""

import threading

import pytest
import sqlalchemy as sa

from signon.letters.services import get_letter
from signon.signing.models import Signatory, SignOn
from signon.signing.services import SignOnInput, submit_sign_on
from signon.storage.extensions import db

SAME = SignOnInput(
    organisation="Réseau Equitas Côte d'Ivoire",
    country="CI",
    contact_name="Awa Koné",
    contact_email="awa@equitas.example.org",
)


def test_the_unique_key_is_in_the_database(app, make_letter):
    make_letter()
    with app.app_context():
        letter_id = get_letter("climate").id
        for name in ("One", "One"):
            db.session.add(Signatory(letter_id=letter_id, country="CI", name_key=name.lower()))
        with pytest.raises(sa.exc.IntegrityError):
            db.session.commit()


@pytest.mark.parametrize("rounds", [3])
def test_simultaneous_identical_sign_ons_make_one_signatory(app, make_letter, rounds):
    make_letter()
    for round_ in range(rounds):
        data = SignOnInput(**{**SAME.__dict__, "organisation": f"{SAME.organisation} {round_}"})
        barrier = threading.Barrier(2)
        errors: list[BaseException] = []

        def submit(
            data: SignOnInput = data,
            barrier: threading.Barrier = barrier,
            errors: list[BaseException] = errors,
        ) -> None:
            try:
                with app.app_context():
                    # On SQLite a transaction holds the write lock from its start: wait first.
                    barrier.wait(timeout=10)
                    submit_sign_on(get_letter("climate"), data)
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=submit) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert errors == []
    with app.app_context():
        signatories = db.session.scalars(sa.select(Signatory)).all()
        assert len(signatories) == rounds
        owners = set(db.session.scalars(sa.select(SignOn.signatory_id)))
        assert owners == {s.id for s in signatories}


def test_twenty_identical_sign_ons_for_a_signed_organisation_store_one(app, make_letter):
    """An organisation already on the letter; one new contact presses Sign 20 times at once."""
    make_letter()
    with app.app_context():
        submit_sign_on(get_letter("climate"), SAME)
    again = SignOnInput(**{**SAME.__dict__, "contact_email": "second@equitas.example.org"})
    barrier = threading.Barrier(20)
    errors: list[BaseException] = []

    def submit() -> None:
        try:
            with app.app_context():
                barrier.wait(timeout=20)
                submit_sign_on(get_letter("climate"), again)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=submit) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    with app.app_context():
        emails = db.session.scalars(sa.select(SignOn.contact_email).order_by(SignOn.id)).all()
        assert emails == [SAME.contact_email, again.contact_email]
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Signatory)) == 1
