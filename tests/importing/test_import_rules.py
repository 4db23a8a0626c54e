"""The import applies the sign-on form's rules to every field: what one refuses, so does the other.

A value the form refuses is reported on its row (with the limit when it is too long) and
never stored, shortened or not.
"""

import csv
import io

import pytest

from tests.importing.helpers import flashes, import_file, stored, upload
from tests.organiser_helpers import log_in
from tests.support import VALID_SIGN_ON, csrf_token

ANA = "ana@coalition.example.org"
HEADERS = ["Organisation", "Acronym", "Country", "Website", "Contact name", "Email", "Position"]
FORM_FIELDS = ["organisation", "acronym", "country", "website", "contact_name", "contact_email",
               "role"]  # fmt: skip
GOOD = {
    "organisation": "Alpha Aid",
    "acronym": "AA",
    "country": "KE",
    "website": "alpha.example.org",
    "contact_name": "Ann Wanjiru",
    "contact_email": "ann@alpha.example.org",
    "role": "Director",
}

# (form field, value): values the form refuses, each for one of its rules.
REFUSED = [
    ("contact_email", "ütilisateur@example.org"),  # beyond ASCII before the @
    ("contact_email", "not-an-email"),
    ("contact_email", "a" * 250 + "@example.org"),
    ("organisation", "\u200d"),  # a zero-width joiner: nothing visible
    ("organisation", "\u3164\u3164"),  # Hangul fillers
    ("organisation", "\u0301\u0302"),  # combining marks only
    ("organisation", "N" * 301),
    ("organisation", "\ufdfa" * 40),  # a short name whose key is over 400 characters
    ("acronym", "\u3164"),
    ("acronym", "A" * 41),
    ("contact_name", "\u200d"),
    ("contact_name", "C" * 201),
    ("website", "w" * 282 + ".example.org"),  # 294 characters, 302 once https:// is added
    ("website", "not a website"),
    ("role", "R" * 201),
]
ACCEPTED = [
    ("contact_email", "ann@bücher.example"),  # an internationalised domain: xn--
    ("organisation", "N" * 300),
    ("website", "w" * 280 + ".example.org"),
    ("acronym", "A" * 40),
    ("contact_name", "C" * 200),
    ("role", "R" * 200),
]


@pytest.fixture
def ana(client, make_letter, organiser):
    make_letter("climate")
    log_in(client, organiser(ANA, letters=("climate",)))


def csv_of(*rows: dict[str, str]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow([row[f] for f in FORM_FIELDS])
    return out.getvalue().encode("utf-8")


def form_accepts(client, values: dict[str, str]) -> bool:
    page = client.get("/letters/climate")
    data = {**VALID_SIGN_ON, **values, "csrf_token": csrf_token(page.text)}
    answer = client.post("/letters/climate", data=data)
    # Taken: on to check-your-email; refused: back to the form with why (post/redirect/get).
    assert answer.status_code == 303, answer.status_code
    return answer.headers["Location"].endswith("/check-email")


def preview_of(client, data: bytes, status: str = "pending") -> str:
    sent = upload(client, "climate", data)
    assert sent.status_code == 303, sent.text
    columns = sent.headers["Location"]
    page = client.get(columns)
    form = {"csrf_token": csrf_token(page.text), "status": status, "sheet": "list.csv"}
    form |= {f"column-{i}": field for i, field in enumerate(
        ["organisation", "acronym", "country", "website", "contact_name", "email", "position"]
    )}  # fmt: skip
    answer = client.post(columns, data=form)
    return client.get(answer.headers["Location"]).text


@pytest.mark.parametrize(("field", "value"), REFUSED, ids=lambda v: str(v)[:20])
def test_what_the_form_refuses_the_import_reports_on_its_row_and_never_stores(
    app, client, ana, field, value
):
    assert not form_accepts(client, {**GOOD, field: value})
    bad = {**GOOD, field: value, "organisation": GOOD["organisation"]}
    if field == "organisation":
        bad["organisation"] = value
    good = {**GOOD, "organisation": "Beta Care", "contact_email": "bob@beta.example.org"}
    page = preview_of(client, csv_of(bad, good))
    assert 'class="error"' in page
    done = import_file(client, "climate", csv_of(bad, good), status="pending", skip=True)
    assert "Not imported because of problems: row 2." in " ".join(flashes(done.text))
    assert [row[0] for row in stored(app, "climate")] == ["Beta Care"]


@pytest.mark.parametrize(("field", "value"), ACCEPTED, ids=lambda v: str(v)[:20])
def test_what_the_form_accepts_the_import_accepts_as_the_form_stores_it(
    app, client, ana, field, value
):
    assert form_accepts(client, {**GOOD, field: value})
    form_row = stored(app, "climate")[0]
    other = {
        **GOOD,
        field: value,
        "organisation": "Beta Care" if field != "organisation" else value,
    }
    if field != "organisation":
        other["contact_email"] = "bob@beta.example.org" if field != "contact_email" else value
    import_file(client, "climate", csv_of(other), status="approved")
    imported = stored(app, "climate")[-1]
    assert len(stored(app, "climate")) == 2 or field == "organisation"
    if field == "contact_email":
        assert imported[2] == form_row[2] == "ann@xn--bcher-kva.example"


def test_an_over_long_value_is_reported_with_its_limit(client, ana):
    page = preview_of(client, csv_of({**GOOD, "organisation": "N" * 315}))
    assert "The organisation&#39;s name is over 300 characters: shorten it in the file." in page


def test_a_non_ascii_address_imported_as_pending_is_refused_and_mail_still_flows(
    app, client, ana, inbox, deliver
):
    bad = {**GOOD, "contact_email": "ütilisateur@example.org"}
    good = {**GOOD, "organisation": "Beta Care", "contact_email": "bob@beta.example.org"}
    page = preview_of(client, csv_of(bad, good))
    assert "has letters like ë or ä before the @" in page
    import_file(client, "climate", csv_of(bad, good), status="pending", skip=True)
    assert [row[2] for row in stored(app, "climate")] == ["bob@beta.example.org"]
    deliver()
    assert [m["To"] for m in inbox.messages] == ["bob@beta.example.org"]
