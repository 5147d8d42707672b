"""Four browsers open the SPARQL page of a fresh app at once (issue 12): before the parser
lock, all four got ``TypeError: <lambda>() missing 1 required positional argument`` and the
SPARQL and Data pages kept showing it to every later visitor."""

from __future__ import annotations

import pytest

from tests.browser import StreamlitServer
from tests.test_browser import browser  # noqa: F401 - the shared Chromium fixture

pytestmark = pytest.mark.browser


def test_four_browsers_open_the_sparql_page_of_a_fresh_app_at_once(browser):  # noqa: F811
    server = StreamlitServer()  # fresh: no page has run, no query has been parsed
    pages = [browser.new_page(viewport={"width": 1280, "height": 900}) for _ in range(4)]
    try:
        questions = ["outlook", "wage-by-setting", "specialties", "facts-by-source"]
        for page, question in zip(pages, questions, strict=True):
            page.goto(f"{server.url}/sparql?q={question}", wait_until="commit")
        for page in pages:
            page.get_by_text("row(s) in").first.wait_for(timeout=120000)
        for page in pages + [pages[0]]:
            page.goto(f"{server.url}/data")
            page.get_by_text("conforms").first.wait_for(timeout=120000)
            page.goto(f"{server.url}/sparql?q=outlook")
            page.get_by_text("SELECT · 2 row(s)").wait_for(timeout=60000)
        for page in pages:
            text = page.inner_text("body")
            assert "Traceback" not in text and "TypeError" not in text, text[:2000]
            assert page.locator("[data-testid='stException']").count() == 0
    finally:
        for page in pages:
            page.close()
        server.stop()
