"""End-to-end in a real browser: Playwright driving Debian's Chromium against
``streamlit run``. Skipped with a reason where no browser is installed, except in CI
(CI=true), where they must run. Screenshots go to artifacts/."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser import CHROMIUM_ARGS, ROOT, StreamlitServer, chromium_path, click_node

D = "https://w3id.org/careerpath/data/"
ARTIFACTS = ROOT / "artifacts"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    path = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if path is None or sync_playwright is None:
        reason = "no Chromium at /usr/bin/chromium" if path is None else "playwright is not installed"
        if os.environ.get("CI"):
            pytest.fail(f"browser tests must run in CI: {reason}")
        pytest.skip(f"browser tests skipped: {reason} (apt-get install chromium; pip install playwright)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def server():
    s = StreamlitServer()
    yield s
    s.stop()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    yield page
    context.close()


def shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def test_plan_high_school_to_cma(page, server):
    page.goto(f"{server.url}/plan?have={D}credential/high-school-diploma&to={D}cert/cma&k=2")
    page.get_by_text("2. CMA Category 1: recent graduate of an accredited program").first.wait_for(timeout=60000)
    assert page.get_by_text("1. Complete an accredited medical assistant certificate or diploma program").count() >= 1
    page.get_by_text("What can I sit for now?").wait_for(timeout=30000)
    page.wait_for_function(
        "() => [...document.querySelectorAll('iframe')].some(f => f.title.includes('st_link_analysis'))", timeout=60000
    )
    page.wait_for_timeout(2500)  # let the drawing settle before the screenshot
    assert shot(page, "plan").stat().st_size > 10000


def test_click_a_node_and_see_its_details(page, server):
    page.goto(server.url + "/")
    page.get_by_text("Explore the pathways").wait_for(timeout=60000)
    page.wait_for_function(
        "() => [...document.querySelectorAll('iframe')].some(f => f.title.includes('st_link_analysis'))", timeout=60000
    )
    click_node(page, D + "cert/cma")
    page.wait_for_timeout(500)
    page.get_by_role("heading", name="Certified Medical Assistant").wait_for(timeout=30000)
    page.get_by_text("CMA Category 1: recent graduate of an accredited program").first.wait_for(timeout=30000)
    assert "node=" in page.url
    shot(page, "explore")


def test_run_a_curated_query_and_see_rows(page, server):
    page.goto(f"{server.url}/sparql?q=outlook")
    page.get_by_text("SELECT · 2 row(s)").wait_for(timeout=60000)
    page.get_by_role("button", name="Run").click()
    page.get_by_text("SELECT · 2 row(s)").wait_for(timeout=30000)
    shot(page, "sparql")


def test_data_page(page, server):
    page.goto(f"{server.url}/data")
    page.get_by_text("conforms").first.wait_for(timeout=60000)
    shot(page, "data")


def test_dark_theme(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, color_scheme="dark")
    page = context.new_page()
    page.goto(f"{server.url}/plan?have={D}credential/high-school-diploma&to={D}cert/cma")
    page.get_by_text("2. CMA Category 1: recent graduate of an accredited program").first.wait_for(timeout=60000)
    shot(page, "plan-dark")
    context.close()
