"""axe-core in Chromium on every page, in the five languages, on a phone and a desktop; WCAG
2.2's target size and focus not obscured; a form's error summary takes the focus."""

import json
import os
import shutil
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import axe_playwright_python
import pytest
from flask import Flask, current_app

from signon import create_app
from signon.storage.extensions import db
from tests.browser import chromium, live_server
from tests.moderation.test_browser_organiser import in_app, sign_in_by_email
from tests.support import Inbox, app_config, free_port
from tests.web.pages_to_check import build_world, links, unvisited

pytestmark = pytest.mark.browser

AXE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
# SIGNON_A11Y_LANGUAGES=en,ar checks fewer while fixing.
LANGUAGES = os.environ.get("SIGNON_A11Y_LANGUAGES", "en,fr,es,pt,ar").split(",")
WIDTHS = [390, 1280]
SCRIPTS = Path(__file__).with_name("a11y_checks.js").read_text(encoding="utf-8")
# Where to write each language's results, as JSON (the report's figures): PATH.<language>.json
RESULTS = os.environ.get("SIGNON_A11Y_RESULTS")
SHOTS = os.environ.get("SIGNON_SCREENSHOTS")


def test_every_get_page_is_visited_or_excused(app):
    assert unvisited(app) == []


@pytest.fixture
def served(tmp_path: Path, sqlite_template: Path, inbox: Inbox) -> Iterator[tuple[Flask, str]]:
    """The application on a SQLite file, served by werkzeug on a free port."""
    path = tmp_path / "signon.db"
    shutil.copy(sqlite_template, path)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    app = create_app(app_config(f"sqlite:///{path}", inbox.port, BASE_URL=base))
    with live_server(app, port):
        yield app, base
    with app.app_context():
        db.engine.dispose()


class Checker:
    """Runs axe and the WCAG 2.2 scripts on a page and keeps what they find."""

    def __init__(self) -> None:
        self.violations: dict[str, Counter] = {}
        self.details: list[dict] = []
        self.targets: list[str] = []
        self.obscured: list[str] = []
        self.pages = 0
        self.timing: Counter = Counter()

    def check(self, page, where: str, language: str) -> None:
        t0 = time.monotonic()
        found = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
        self.timing["axe"] += time.monotonic() - t0
        counts = self.violations.setdefault(language, Counter())
        for v in found["violations"]:
            counts[v["id"]] += len(v["nodes"])
            self.details.append(
                {"where": where, "rule": v["id"], "nodes": [n["target"] for n in v["nodes"][:5]]}
            )
        t0 = time.monotonic()
        self.targets += [f"{where}: {t}" for t in page.evaluate("signonSmallTargets()")]
        self.timing["targets"] += time.monotonic() - t0
        t0 = time.monotonic()
        self.obscured += [f"{where}: {t}" for t in page.evaluate("signonObscuredFocus()")]
        self.timing["focus"] += time.monotonic() - t0
        self.pages += 1


def error_forms(
    page, organiser: bool, base: str, world: dict, language: str, width: int
) -> Iterator[str]:
    """Send each kind of form wrong; yields where the page with errors is, once it shows."""
    forms = [
        (False, "/letters/climate", "section.sign form > button[type=submit]", {}),
        (False, "/organise/sign-in", "main form[novalidate] button[type=submit]", {}),
        (False, f"/letters/climate/my-signature/{world['manage_token']}",
         "main form[novalidate] button[type=submit]", {"#organisation": "", "#contact_name": ""}),
        (True, "/organise/letters/new", "main form[novalidate] button[type=submit]", {}),
        (True, "/organise/letters/climate/team", "main form[novalidate] button[type=submit]",
         {"#email": "not an address"}),
        (True, "/organise/letters/climate/api-keys", "main form[novalidate] button[type=submit]",
         {}),
        (True, "/organise/letters/climate/webhooks", "main form[novalidate] button[type=submit]",
         {"#url": "not an address"}),
        (False, f"/letters/climate/invited/{world['invitation_token']}",
         "main form[novalidate] button[type=submit]", {"#organisation": ""}),
    ]  # fmt: skip
    for theirs, path, submit, fills in forms:
        if theirs != organiser:
            continue
        page.goto(base + path)
        for selector, value in fills.items():
            page.fill(selector, value)
        with page.expect_navigation():
            page.click(submit)
        summary = page.locator(".error-summary")
        assert summary.count() == 1, (path, language, width)
        focused = page.evaluate("document.activeElement.classList.contains('error-summary')")
        assert focused, (path, language, width)
        links = summary.locator("a[href^='#']")
        assert links.count() >= 1, (path, language, width)
        for i in range(links.count()):
            target = links.nth(i).get_attribute("href")[1:]
            assert page.locator(f"[id='{target}']").count() == 1, (path, target)
        if SHOTS:  # a folder: keep the pages with errors to look at
            name = path.strip("/").split("/")[-1][:20]
            page.screenshot(path=f"{SHOTS}/{language}-{width}-{name}.png", full_page=True)
        yield f"{path} (errors)"


@pytest.mark.timeout(600)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_has_no_axe_violations(served, inbox, language):
    app, base = served
    world = in_app(app, build_world)
    checker = Checker()
    started = time.monotonic()
    with chromium() as browser:
        contexts = {}
        for width in WIDTHS:
            viewport = {"width": width, "height": 844 if width == 390 else 900}
            public = _context(browser, viewport).new_page()
            organiser = _context(browser, viewport).new_page()
            sign_in_by_email(organiser, app, base, inbox)
            for page in (public, organiser):
                page.context.set_extra_http_headers({"Accept-Language": language})
            contexts[width] = (public, organiser)
        world["upload"] = _upload(contexts[390][1], base)
        world = in_app(app, _links, world)
        for width, pages in contexts.items():
            for visit, url in world["urls"]:
                page = pages[visit.organiser]
                dev = visit.endpoint.startswith("mail.dev.")
                smtp = app.config["MAIL_SERVER"]
                if dev:  # the developer's outbox shows only where no SMTP server is set
                    app.config["MAIL_SERVER"], app.config["DEV_OUTBOX"] = "", True
                answer = page.goto(base + url)
                app.config["MAIL_SERVER"] = smtp
                assert answer.status == 200, (visit.name, answer.status)
                assert page.get_attribute("html", "lang") == language, visit.name
                checker.check(page, f"{visit.name} {language} {width}", language)
            for organiser, page in enumerate(pages):
                for where in error_forms(page, bool(organiser), base, world, language, width):
                    checker.check(page, f"{where} {language} {width}", language)
            # The thank-you page: a fresh sign-on confirmed in this language.
            page = pages[0]
            page.goto(base + world["confirm_urls"].pop())
            with page.expect_navigation():
                page.click("main form button[type=submit]")
            checker.check(page, f"thank-you {language} {width}", language)
    seconds = time.monotonic() - started
    summary = {
        "seconds": round(seconds, 1),
        "pages": checker.pages,
        "timing": {k: round(v, 1) for k, v in checker.timing.items()},
        "violations": {k: dict(v) for k, v in checker.violations.items()},
        "details": checker.details,
        "small_targets": checker.targets,
        "obscured_focus": checker.obscured,
    }
    print(json.dumps({k: v for k, v in summary.items() if k != "details"}, indent=1))
    if RESULTS:
        Path(f"{RESULTS}.{language}.json").write_text(
            json.dumps(summary, indent=1, ensure_ascii=False)
        )
    assert checker.details == []
    assert checker.targets == []
    assert checker.obscured == []


def _context(browser, viewport: dict):
    """A browser context with axe and the WCAG 2.2 checks in every page it opens."""
    context = browser.new_context(viewport=viewport, bypass_csp=True)
    context.add_init_script(script=AXE + "\n" + SCRIPTS)
    return context


def _upload(page, base: str) -> str:
    """A pasted list read by the import page: the id of the upload its next steps show."""
    page.goto(f"{base}/organise/letters/climate/import")
    page.fill("#pasted", "Réseau Equitas, Côte d'Ivoire\nRede Terra Viva, Brazil")
    page.click("form.import button[type=submit]")
    page.wait_for_url("**/import/*")
    return page.url.rstrip("/").rsplit("/", 1)[1].split("?")[0]


def _links(world: dict) -> dict:
    with current_app.test_request_context():
        return links(world, thanks=len(WIDTHS))
