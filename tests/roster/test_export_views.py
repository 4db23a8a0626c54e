"""Downloads for organisers, the public list with its search and downloads, and the embed."""

import csv
import io
import json

import openpyxl
import pytest
from pypdf import PdfReader

from signon.accounts.models import Organiser
from signon.letters import services
from signon.letters.models import Letter
from signon.letters.team_models import LetterOrganiser
from signon.roster.public import list_is_public
from signon.storage.extensions import db
from tests.organiser_helpers import log_in
from tests.pages import press
from tests.roster.helpers import HYPERLINK, NAMES, add_signatories


@pytest.fixture
def letter(app, make_letter):
    make_letter(slug="climate")
    make_letter(slug="other")
    with app.app_context():
        add_signatories("climate", NAMES)
    return "climate"


def sign_in(app, client, slug):
    """An organiser of `slug`, signed in on this client."""
    with app.app_context():
        organiser = Organiser(email=f"sec-{slug}@coalition.example.org", name="Secretariat")
        db.session.add(organiser)
        db.session.flush()
        letter_id = services.get_letter(slug).id
        db.session.add(LetterOrganiser(letter_id=letter_id, organiser_id=organiser.id))
        db.session.commit()
        organiser_id = organiser.id
    log_in(client, organiser_id)


def allow_live_list(app, slug="climate", allow=True):
    with app.app_context():
        services.get_letter(slug).live_list = allow
        db.session.commit()


def test_an_organiser_downloads_any_format_with_options(app, client, letter):
    sign_in(app, client, "climate")
    page = client.get("/organise/letters/climate/downloads?contacts=yes&country=dash").text
    response = press(client, page, "CSV")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="climate-signatories.csv"'
    )
    assert response.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[1][0] == "'" + HYPERLINK and "person4@example.org" in rows[1]
    workbook = client.get("/organise/letters/climate/export.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(workbook.data)).active
    assert sheet["A2"].value == "'" + HYPERLINK and sheet["A2"].data_type == "s"
    streamed = client.get("/organise/letters/climate/export.json", buffered=False)
    assert streamed.is_streamed  # sent while rows are read, never built whole
    assert b"".join(streamed.response).startswith(b'{"letter": {"slug": "climate"')
    streamed.close()
    docx = client.get("/organise/letters/climate/export.docx")
    assert docx.headers["Content-Disposition"].endswith('filename="climate.docx"')


def test_a_bad_option_is_a_clear_400_and_an_unknown_format_a_404(app, client, letter):
    sign_in(app, client, "climate")
    response = client.get("/organise/letters/climate/export.txt?country=above")
    assert response.status_code == 400
    assert "Option &#39;country&#39; is one of none, parentheses, dash." in response.text
    assert client.get("/organise/letters/climate/export.exe").status_code == 404


def test_nobody_else_gets_the_organiser_downloads(app, client, letter):
    # Signed out: sent to the sign-in page; another letter's organiser: nothing there.
    signed_out = client.get("/organise/letters/climate/export.csv")
    assert signed_out.status_code == 303 and signed_out.location.endswith("/organise/sign-in")
    sign_in(app, client, "other")
    assert client.get("/organise/letters/climate/export.csv").status_code == 404


def test_a_letter_with_a_live_list_shows_the_names_while_open(client, letter):
    assert "Zeta Alliance" in client.get("/letters/climate/signatories").text


def test_an_organiser_can_keep_names_back_until_publication(app, client, letter):
    allow_live_list(app, allow=False)
    page = client.get("/letters/climate/signatories")
    assert page.status_code == 200
    assert "<strong>8</strong>" in page.text and "Zeta Alliance" not in page.text
    assert client.get("/letters/climate/signatories.txt").status_code == 404
    data = client.get("/letters/climate.json").get_json()
    assert data["count"] == 8 and data["list_public"] is False and data["signatories"] == []


def test_a_published_letter_or_a_live_list_shows_the_names():
    assert list_is_public(Letter(status="published", live_list=False))
    assert list_is_public(Letter(status="open", live_list=True))
    assert not list_is_public(Letter(status="closed", live_list=False))


def test_the_public_list_is_searchable(app, client, letter):
    allow_live_list(app)
    page = client.get("/letters/climate/signatories")
    assert "Élan Solidaire" in page.text and "<bdi>جمعية حقوق الإنسان</bdi>" in page.text
    assert "person" not in page.text  # contacts never shown
    found = client.get("/letters/climate/signatories?q=elan")
    assert "Élan Solidaire" in found.text and "Zeta Alliance" not in found.text
    assert "1 match for" in found.text
    by_country = client.get("/letters/climate/signatories?q=germany")
    assert "Zeta Alliance" in by_country.text and "Élan" not in by_country.text


def test_the_public_downloads_txt_pdf_and_json_without_contacts(app, client, letter):
    allow_live_list(app)
    text = client.get("/letters/climate/signatories.txt?country=parentheses")
    assert text.status_code == 200 and "Zeta Alliance (Germany)\n" in text.text
    data = client.get("/letters/climate/signatories.json?contacts=yes").get_json()
    assert data["count"] == 8 and "@" not in json.dumps(data)
    pdf = client.get("/letters/climate/signatories.pdf")
    assert "Zeta Alliance" in "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages
    )
    assert client.get("/letters/climate/signatories.xlsx").status_code == 404
    assert client.get("/letters/climate/signatories.csv").status_code == 404


def test_the_embed_json_is_cacheable_and_changes_with_the_list(app, client, letter):
    allow_live_list(app)
    first = client.get("/letters/climate.json")
    data = first.get_json()
    assert data["title"] == "Joint letter on climate finance" and data["status"] == "open"
    assert data["count"] == 8 and data["signatories"][1] == {
        "name": "Aarhus Climate Network",
        "country": "DK",
        "country_name": "Denmark",
    }
    assert data["sign_url"] == "https://sign.example.org/letters/climate#sign"
    assert first.headers["Cache-Control"] == "public, max-age=60"
    assert first.headers["Access-Control-Allow-Origin"] == "*"
    etag = first.headers["ETag"]
    again = client.get("/letters/climate.json", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    with app.app_context():
        add_signatories("climate", [("Nordic Forest Trust", "NO", "organisation")])
    changed = client.get("/letters/climate.json", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.get_json()["count"] == 9


def test_the_embed_snippet_shows_the_count_and_a_sign_button(app, client, letter):
    page = client.get("/letters/climate/signatories")
    assert "&lt;script src=&#34;https://sign.example.org/letters/climate/embed.js&#34;" in page.text
    script = client.get("/letters/climate/embed.js")
    assert script.mimetype == "text/javascript"
    assert '"https://sign.example.org/letters/climate.json"' in script.text
    assert "Sign this letter" in script.text and "innerHTML" not in script.text


def test_drafts_have_no_json_and_the_letter_page_still_works(app, client, make_letter, letter):
    make_letter(slug="draft", status="draft")
    assert client.get("/letters/draft.json").status_code == 404
    assert client.get("/letters/draft/embed.js").status_code == 404
    assert "We <strong>urge</strong> you" in client.get("/letters/climate").text


def test_unknown_export_languages_share_one_public_build(app, client, letter, monkeypatch):
    """`signatories.pdf?lang=<anything>` used to build a new file for each code asked."""
    from signon.roster import formats

    builds: list[str] = []
    real = formats.export

    def counted(found, fmt, options):
        builds.append(options.language)
        return real(found, fmt, options)

    monkeypatch.setattr(formats, "export", counted)
    for code in ("xx", "qq", "zz_ZZ", "abcdefgh", "", "x_pirate"):
        assert client.get(f"/letters/climate/signatories.txt?lang={code}").status_code == 200
    assert len(builds) == 1
    for code in ("fr", "FR", "fr_ZZ"):
        page = client.get(f"/letters/climate/signatories.txt?lang={code}")
        assert page.status_code == 200
    assert builds == ["", "fr"]


def test_one_public_file_of_a_letter_is_built_at_a_time(app, letter, monkeypatch):
    import threading
    import time

    from signon.roster import formats

    running, most = [0], [0]
    guard = threading.Lock()
    real = formats.export

    def slow(found, fmt, options):
        with guard:
            running[0] += 1
            most[0] = max(most[0], running[0])
        time.sleep(0.2)
        with guard:
            running[0] -= 1
        return real(found, fmt, options)

    monkeypatch.setattr(formats, "export", slow)
    variants = ["country=code", "country=name", "acronym=none", "group_by_country=yes"]

    def fetch(query: str) -> None:
        app.test_client().get(f"/letters/climate/signatories.txt?{query}")

    threads = [threading.Thread(target=fetch, args=(q,)) for q in variants]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert most[0] == 1
