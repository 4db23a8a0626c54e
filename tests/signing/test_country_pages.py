"""International and regional organisations through the pages: the form in each language,
the public list, every export (grouped by country, apart first or last), the import and the
overview's chart."""

import csv
import io
import json

import docx
import lxml.html
import openpyxl
import pytest
from pypdf import PdfReader

from tests.importing.helpers import import_file, stored
from tests.organiser_helpers import log_in
from tests.pages import press_download, text

ANA = "ana@coalition.example.org"
FORMATS = ("txt", "md", "html", "csv", "xlsx", "docx", "pdf", "json")
# Who signs, on which language's page, choosing which words in the country list.
SIGNERS = [
    ("en", "Human Rights Watch", "International", "hrw@hrw.example.org"),
    ("fr", "Réseau africain des défenseurs", "Afrique", "info@rad.example.org"),
    ("es", "Kituo cha Sheria", "Kenia", "info@kituo.example.org"),
]
NAMES = {
    "en": ("International", "Africa", "Kenya"),
    "fr": ("International", "Afrique", "Kenya"),
    "es": ("Internacional", "África", "Kenia"),
}


def sign_through_the_form(client, language: str, organisation: str, country: str, email: str):
    """Open the letter in `language`, pick `country` by its words in the list, and sign."""
    url = f"/letters/climate?lang={language}"
    page = lxml.html.fromstring(client.get(url).text)
    form = next(f for f in page.forms if f.xpath(".//select[@name='country']"))
    options = form.xpath(".//select[@name='country']//option")
    (value,) = [o.get("value") for o in options if o.text_content() == country]
    data = dict(form.form_values())
    data.update(
        organisation=organisation,
        country=value,
        contact_name="Contact",
        contact_email=email,
        consent="y",
    )
    answer = client.post(form.get("action") or url, data=data)
    assert answer.status_code == 303, answer.text
    return value


@pytest.fixture
def signed(app, client, make_letter, organiser, deliver, inbox, confirm, runner):
    """Three organisations signed through the form in English, French and Spanish, confirmed
    and approved; an organiser signed in."""
    make_letter()
    for language, organisation, country, email in SIGNERS:
        sign_through_the_form(client, language, organisation, country, email)
    deliver()
    for message in inbox.messages:
        assert confirm(inbox.link(message)).status_code == 200
    approved = runner.invoke(args=["signatures", "approve", "climate", "--all-verified"])
    assert approved.exit_code == 0, approved.output
    log_in(client, organiser(ANA, letters=("climate",)))
    return client


def test_the_form_offers_international_and_the_regions_apart_in_each_language(client, make_letter):
    make_letter()
    for language, regional, countries in (
        ("en", "International or regional organisation", "Countries"),
        ("fr", "Organisation internationale ou régionale", "Pays"),
        ("es", "Organización internacional o regional", "Países"),
    ):
        page = lxml.html.fromstring(client.get(f"/letters/climate?lang={language}").text)
        groups = page.xpath("//select[@name='country']/optgroup")
        assert [g.get("label") for g in groups] == [regional, countries]
        first = [(o.get("value"), o.text_content()) for o in groups[0].xpath("option")][:2]
        assert first == [("XI", NAMES[language][0]), ("XF", NAMES[language][1])]
        options = {o.get("value"): o.text_content() for o in groups[1].xpath("option")}
        assert "XI" not in options and len(options) > 240
        assert (
            options["CD"]
            == {
                "en": "Democratic Republic of the Congo",
                "fr": "République démocratique du Congo",
                "es": "República Democrática del Congo",
            }[language]
        )


def test_signed_as_international_and_african_they_show_on_the_public_list_in_each_language(
    signed, app
):
    assert [row[1] for row in stored(app, "climate")] == ["XI", "XF", "KE"]
    for language, (international, africa, kenya) in NAMES.items():
        words = text(signed.get(f"/letters/climate/signatories?lang={language}").text)
        assert f"Human Rights Watch – {international}" in words
        assert f"Réseau africain des défenseurs – {africa}" in words
        assert f"Kituo cha Sheria – {kenya}" in words


def export_text(fmt: str, body: bytes) -> str:
    """What a reader of the file sees, line by line."""
    if fmt == "xlsx":
        book = openpyxl.load_workbook(io.BytesIO(body))
        return "\n".join(
            " ".join(str(c) for c in row if c is not None)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
        )
    if fmt == "docx":
        return "\n".join(p.text for p in docx.Document(io.BytesIO(body)).paragraphs)
    if fmt == "pdf":
        return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages)
    if fmt == "html":
        return lxml.html.fromstring(body.decode("utf-8")).text_content()
    if fmt == "json":
        return json.dumps(json.loads(body), ensure_ascii=False)
    return body.decode("utf-8-sig")


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_every_export_names_them_in_its_language_grouped_apart_first_or_last(signed, language):
    international, africa, kenya = NAMES[language]
    orders = {"first": [international, africa, kenya], "last": [kenya, international, africa]}
    for placement, order in orders.items():
        downloads = signed.get(
            "/organise/letters/climate/downloads",
            query_string={"group_by_country": "yes", "lang": language, "international": placement},
        ).text
        for fmt in FORMATS:
            answer = press_download(signed, downloads, fmt)
            assert answer.status_code == 200, (fmt, answer.text)
            seen = export_text(fmt, answer.data)
            where = [seen.find(name) for name in order]
            assert -1 not in where and where == sorted(where), (fmt, placement, seen)


def test_the_csv_keeps_the_codes_and_names_them_in_its_language(signed):
    downloads = signed.get("/organise/letters/climate/downloads?lang=es").text
    answer = press_download(signed, downloads, "csv")
    rows = list(csv.reader(io.StringIO(answer.text.lstrip("\ufeff"))))
    found = {row[0]: (row[2], row[3]) for row in rows[1:]}
    assert found["Human Rights Watch"] == ("XI", "Internacional")
    assert found["Réseau africain des défenseurs"] == ("XF", "África")


def test_an_unknown_placement_is_refused_with_a_clear_message(signed):
    answer = signed.get("/organise/letters/climate/export.txt?international=middle")
    assert answer.status_code == 400
    assert "Option &#39;international&#39; is one of first, last." in answer.text


def test_the_overview_counts_them_in_a_region_of_their_own(signed, app, quick_sign_ons):
    quick_sign_ons(1, country="XM", start=50)
    page = signed.get("/organise/letters/climate/").text
    rows = [
        " ".join(cell.text_content().strip() for cell in tr)
        for tr in lxml.html.fromstring(page).xpath("//table[@class='countries']//tr")
    ]
    assert rows[rows.index("International and regional organisations (3)") :][:4] == [
        "International and regional organisations (3)",
        "Africa 1 0",
        "International 1 0",
        "Middle East and North Africa 0 1",
    ]
    assert "1 country; organisations with a confirmed sign-on." in text(page)


def test_an_import_understands_global_and_regional_africa(app, client, make_letter, organiser):
    make_letter()
    log_in(client, organiser(ANA, letters=("climate",)))
    data = (
        "Organisation,Country\n"
        "FIDH,Global\n"
        "TRIAL International,Internacional\n"
        "Réseau panafricain,Regional – Africa\n"
        "EuroMed Rights,Regional - Middle East and North Africa\n"
        "Collectif Afrique,Afrique\n"
    ).encode()
    done = import_file(client, "climate", data, status="approved")
    assert done.status_code == 200
    assert [row[:2] for row in stored(app, "climate")] == [
        ("FIDH", "XI"),
        ("TRIAL International", "XI"),
        ("Réseau panafricain", "XF"),
        ("EuroMed Rights", "XM"),
        ("Collectif Afrique", "XF"),
    ]
    words = text(client.get("/letters/climate/signatories?lang=fr").text)
    assert "FIDH – International" in words and "EuroMed Rights – Moyen-Orient" in words


def test_without_a_database_collation_the_groups_go_apart_the_same_way(signed, monkeypatch):
    monkeypatch.setattr("signon.roster.rows.collation", lambda language=None: None)
    orders = {"first": ["Internacional", "Kenia"], "last": ["Kenia", "Internacional"]}
    for placement, order in orders.items():
        answer = signed.get(
            "/letters/climate/signatories.txt",
            query_string={"group_by_country": "yes", "lang": "es", "international": placement},
        )
        lines = answer.text.splitlines()
        assert [line for line in lines if line in order] == order


def test_the_cli_export_takes_the_same_choice(signed, runner):
    for placement, order in (("first", ["Afrique", "Kenya"]), ("last", ["Kenya", "Afrique"])):
        done = runner.invoke(
            args=["letter", "export", "climate", "--group-by-country", "--lang", "fr",
                  "--international", placement],
        )  # fmt: skip
        assert done.exit_code == 0, done.output
        assert [line for line in done.output.splitlines() if line in order] == order
