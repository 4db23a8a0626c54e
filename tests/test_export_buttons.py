"""The organisers' download partial links to every format with the shared options."""

from flask import render_template

from signon.letters import services


def test_the_partial_links_to_the_organiser_downloads(app, make_letter):
    make_letter()
    with app.test_request_context(), app.app_context():
        html = render_template(
            "organisers/_export_buttons.html", letter=services.get_letter("climate")
        )
    for fmt in ("docx", "pdf", "xlsx", "csv", "txt"):
        assert f'href="/organise/letters/climate/export.{fmt}"' in html
    assert "embed.js" in html
    for option in ('name="country"', 'name="group_by_country"', 'name="lang"', 'name="contacts"'):
        assert option in html
