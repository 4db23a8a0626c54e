"""One organisation, one entry, for good: after a merge only "Undo" splits it (issue 23 item 1).

A secretariat merges two spellings of the Comisión Mexicana on the duplicates page; later
one contact corrects its name through its own link, another signs under the old spelling,
one withdraws: the public list and the exports keep one line, the duplicates page never
proposes the pair again, and the history still says merged. Undo splits it.
"""

import csv
import io

from tests.organiser_helpers import log_in
from tests.pages import press, text
from tests.signing.helpers import manage_path, post
from tests.support import csrf_token

PAGE = "/organise/letters/climate/duplicates"
KEPT = "Comisión Mexicana de Defensa y Promoción de los Derechos Humanos"
MERGED = "Comision Mexicana de Defensa y Promocion de los DDHH"
CORRECTED = f"{KEPT} A.C."


def _sign(confirmed, organisation: str, email: str, name: str) -> int:
    return confirmed(
        organisation=organisation,
        acronym="CMDPDH",
        country="MX",
        website="cmdpdh.org",
        contact_name=name,
        contact_email=email,
    )


def _lines(client) -> list[str]:
    """The public list's text export, one organisation a line."""
    body = client.get("/letters/climate/signatories.txt").text
    return [line for line in body.splitlines() if "Comisi" in line]


def _csv_rows(client) -> list[dict]:
    body = client.get("/organise/letters/climate/export.csv").text
    return [r for r in csv.DictReader(io.StringIO(body.lstrip("\ufeff")))]


def test_a_merged_organisation_stays_one_entry_until_undone(
    app, client, make_letter, confirmed, inbox, runner, organiser
):
    make_letter()
    first = _sign(confirmed, KEPT, "ana@cmdpdh.org", "Ana Ruiz")
    second = _sign(confirmed, MERGED, "luis@cmdpdh.org", "Luis Pérez")
    runner.invoke(args=["signatures", "approve", "climate", str(first), str(second)])
    log_in(client, organiser("lead@coalition.example.org", letters=("climate",)))
    assert len(_lines(client)) == 2

    page = client.get(PAGE).text
    assert MERGED in page
    merged = press(client, page, f"Merge, keep “{KEPT}”")
    assert merged.status_code == 303
    assert len(_lines(client)) == 1

    # The merged contact corrects its name through its own link; the list waits ...
    answer = post(
        client,
        manage_path(inbox, "luis@cmdpdh.org"),
        organisation=CORRECTED,
        acronym="CMDPDH",
        country="MX",
        website="cmdpdh.org",
        contact_name="Luis Pérez",
        role="",
    )
    assert answer.status_code == 303
    log_in(client, organiser("second@coalition.example.org", letters=("climate",)))
    lines = _lines(client)
    assert len(lines) == 1 and KEPT in lines[0] and CORRECTED not in lines[0], lines
    # ... until an organiser approves it: then the whole entry takes the new name.
    sign_on_page = f"/organise/letters/climate/sign-ons/{second}"
    done = press(client, client.get(sign_on_page).text, "Approve the change")
    assert done.status_code in (302, 303)
    lines = _lines(client)
    assert len(lines) == 1 and CORRECTED in lines[0], lines
    rows = [r for r in _csv_rows(client) if "Comisi" in str(r)]
    assert len(rows) == 1, rows
    duplicates = text(client.get(PAGE).text)
    assert "No possible duplicates." in duplicates
    assert "(undone)" not in duplicates and "Undo" in duplicates

    # Another contact under the old spelling, who then withdraws: still one entry.
    third = _sign(confirmed, MERGED, "eva@cmdpdh.org", "Eva Soto")
    runner.invoke(args=["signatures", "approve", "climate", str(third)])
    assert len(_lines(client)) == 1
    manage = manage_path(inbox, "eva@cmdpdh.org")
    withdrawn = client.post(
        f"{manage}/withdraw",
        data={"csrf_token": csrf_token(client.get(manage).text)},
    )
    assert withdrawn.status_code in (302, 303)
    lines = _lines(client)
    assert len(lines) == 1 and CORRECTED in lines[0], lines
    assert "No possible duplicates." in text(client.get(PAGE).text)

    # Only Undo splits it: the merged spelling's contacts go back to their own entry.
    undone = press(client, client.get(PAGE).text, "Undo")
    assert undone.status_code == 303
    assert len(_lines(client)) == 2
    assert "(undone)" in text(client.get(PAGE).text)
