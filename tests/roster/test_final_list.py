"""The final list: approved organisations, once each, in collation order."""

import csv
import io

import pytest

NAMES = [
    "Zimbabwe Lawyers for Human Rights",
    "the Arab Center for Human Rights",
    "Fédération internationale pour les droits humains",
    "Le Club des Juristes",
    "amnesty international",
    "Éco-Justice",
    "ECPAT",
    "Association Zéro",
    "Ärzte ohne Grenzen",
    "fian",
]
EXPECTED = [
    "amnesty international",
    "Ärzte ohne Grenzen",
    "Association Zéro",
    "Éco-Justice",
    "ECPAT",
    "Fédération internationale pour les droits humains",
    "fian",
    "Le Club des Juristes",
    "the Arab Center for Human Rights",
    "Zimbabwe Lawyers for Human Rights",
]


@pytest.fixture
def approved(make_letter, sign, deliver, inbox, confirm, runner):
    """Sign, confirm and approve each name; a couple of them twice."""

    def run(names, **fields):
        fields.setdefault("acronym", "")  # the ordering of names, without acronyms after them
        make_letter()
        for n, name in enumerate(names):
            sign(organisation=name, contact_email=f"c{n}@example.org", **fields)
        deliver()
        for message in inbox.messages:
            confirm(inbox.link(message))
        assert (
            runner.invoke(args=["signatures", "approve", "climate", "--all-verified"]).exit_code
            == 0
        )

    return run


def export(runner, fmt, *extra):
    result = runner.invoke(args=["letter", "export", "climate", "--format", fmt, *extra])
    assert result.exit_code == 0, result.output
    return result.output


def test_txt_is_the_names_in_final_order(approved, runner):
    approved(NAMES)
    assert export(runner, "txt").splitlines() == EXPECTED


def test_repeats_are_listed_once_with_the_earliest_spelling(approved, runner):
    approved(
        ["Human Rights Watch", "HUMAN RIGHTS  WATCH", "Human-Rights Watch.", "human rights wätch"]
    )
    assert export(runner, "txt") == "Human Rights Watch\n"


def test_unapproved_sign_ons_are_not_listed(make_letter, sign, runner):
    make_letter()
    sign()
    assert export(runner, "txt") == ""


def test_csv_columns_and_no_contacts(approved, runner):
    approved(
        ['=HYPERLINK("http://x")', "Amnesty International"], acronym="AI", website="amnesty.example"
    )
    text = export(runner, "csv")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    # Symbols sort before letters in the CLDR root order.
    assert [r["Organisation"] for r in rows] == [
        '\'=HYPERLINK("http://x")',
        "Amnesty International",
    ]
    rows = rows[1:]
    assert rows[0]["Acronym"] == "AI"
    assert rows[0]["Country code"] == "CI"
    assert rows[0]["Country"] == "Côte d'Ivoire"
    assert rows[0]["Website"] == "https://amnesty.example"
    assert len(rows[0]["Signed on"]) == 10
    assert "example.org" not in text and "Awa" not in text


def test_csv_with_contacts(approved, runner, tmp_path):
    approved(["Amnesty International"])
    target = tmp_path / "out.csv"
    export(runner, "csv", "--include-contacts", "-o", str(target))
    text = target.read_text(encoding="utf-8-sig")
    assert "c0@example.org" in text and "Awa Koné" in text


def test_public_list_has_count_order_and_no_emails(approved, client):
    approved(NAMES)
    page = client.get("/letters/climate/signatories").text
    assert "<strong>10</strong>" in page
    positions = [page.index(name.replace("'", "&#39;")) for name in EXPECTED]
    assert positions == sorted(positions)
    assert "@example.org" not in page and "Awa" not in page


def test_public_list_escapes_names(approved, client):
    approved(["<img src=x onerror=alert(1)>"])
    page = client.get("/letters/climate/signatories").text
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
