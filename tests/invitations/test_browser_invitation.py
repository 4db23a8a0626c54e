"""On a phone (390 px): from the invitation email (read from the inbox) to the thank-you
page. The invited member checks the filled form and taps once."""

import re
import time

import pytest

from tests import pages
from tests.browser import chromium, live_server
from tests.invitations.helpers import EMAIL, ORG, invitations_page, sign_ons_of

# The browser test runs on SQLite only (the conftest's own database, by its parameter):
# the server thread shares the file.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.parametrize("database_url", ["sqlite"], indirect=True),
]


def test_from_the_invitation_email_to_thank_you_in_one_tap(
    app, member, client, deliver, inbox
) -> None:
    pages.press(client, invitations_page(client, member), "Send 1 invitation")
    with live_server(app) as base, chromium() as browser:
        app.config["BASE_URL"] = base  # the email is rendered as it goes out
        deliver()
        (message,) = [m for m in inbox.to(EMAIL) if "invited" in m["Subject"]]
        link = re.search(r"https?://\S+/invited/\S+", inbox.text(message)).group(0)
        assert link.startswith(base)
        page = browser.new_page(
            viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
        )
        started = time.perf_counter()
        page.goto(link)
        assert page.input_value("#organisation") == ORG
        assert page.input_value("#contact_email") == EMAIL
        # Nothing is wider than the phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        height = page.evaluate("document.body.scrollHeight")
        button = page.get_by_role("button", name="Sign the letter")
        button.scroll_into_view_if_needed()
        button.tap()
        page.get_by_text("Thank you: your signature is confirmed").first.wait_for()
        seconds = time.perf_counter() - started
        print(
            f"invited member: 1 tap, {seconds:.2f} s from the link to thank you; form {height} px"
        )
    (sign_on,) = sign_ons_of(app, "second")
    assert sign_on.status == "verified"
