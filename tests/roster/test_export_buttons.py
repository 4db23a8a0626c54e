"""The organisers' downloads page: every format with the chosen options, and a preview."""

import html
import re

from tests.organiser_helpers import log_in
from tests.pages import press

FORMATS = ("docx", "pdf", "xlsx", "csv", "txt", "md", "html", "json")


def test_the_overview_and_the_downloads_page_link_to_every_format(client, make_letter, organiser):
    make_letter()
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    overview = client.get("/organise/letters/climate/").text
    for fmt in FORMATS:
        assert f'action="/organise/letters/climate/export.{fmt}"' in overview
    [more] = re.findall(r'href="([^"]+)">Every format and option', overview)
    page = client.get(more).text
    for fmt in FORMATS:
        assert f'action="/organise/letters/climate/export.{fmt}"' in page
    assert "embed.js" in page
    for option in ('name="country"', 'name="group_by_country"', 'name="lang"', 'name="contacts"'):
        assert option in page
    assert "Nobody is on the list yet" in page


def test_the_buttons_carry_the_options_chosen_and_the_preview_shows_them(
    app, client, make_letter, organiser, confirmed
):
    make_letter()
    me = organiser("ana@coalition.example.org", letters=("climate",))
    for name, country in [("Beta Care", "FR"), ("Alpha Aid", "KE"), ("Gamma Fund", "BR")]:
        sign_on = confirmed(
            organisation=name, country=country, acronym="", contact_email=f"{name[0]}@x.org"
        )
        token = log_in(client, me)
        client.post(
            "/organise/letters/climate/sign-ons/decide",
            data={"action": "approve", "ids": [sign_on], "csrf_token": token},
        )
    page = client.get("/organise/letters/climate/downloads?country=parentheses&fmt=txt").text
    assert "<strong>3</strong> signatories on the list" in page
    preview = re.search(r'<ul class="lines">(.*?)</ul>', page, re.S).group(1)
    assert re.findall(r"<li>([^<]*)</li>", preview) == [
        "Alpha Aid (Kenya)",
        "Beta Care (France)",
        "Gamma Fund (Brazil)",
    ]
    [txt] = re.findall(r'action="(/organise/letters/climate/export.txt[^"]*)"', page)
    assert txt == "/organise/letters/climate/export.txt?country=parentheses"
    assert press(client, page, "Plain text").text.splitlines()[0] == "Alpha Aid (Kenya)"
    csv_page = client.get("/organise/letters/climate/downloads?fmt=xlsx").text
    assert "the XLSX file lists the same names in the same order" in csv_page
    # Its header in words (issue 23), as the CSV the preview shows it through.
    assert '"Organisation","Acronym","Country code"' in html.unescape(csv_page)


def test_a_bad_option_is_a_clear_400(client, make_letter, organiser):
    make_letter()
    log_in(client, organiser("ana@coalition.example.org", letters=("climate",)))
    answer = client.get("/organise/letters/climate/downloads?country=sideways")
    assert answer.status_code == 400 and "country" in answer.text
