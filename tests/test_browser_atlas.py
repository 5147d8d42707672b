"""The Atlas page (issue 22, item 6) in a real browser, at a desktop's size (1400x1000) and a
phone's (390x844 at scale 2, touch): the education groups and their boxes legible on the first
screen, no sideways scrolling on the phone, the search filtering, a box opening Explore on its
occupation, and the address round-tripping. Playwright drives Debian's Chromium against
``streamlit run``; skipped where no browser is installed, except in CI."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.browser import pathway_boxes, pathway_frame, wait_idle, wait_url_has
from tests.test_browser import browser, server  # noqa: F401 - the shared Chromium and app server
from tests.test_browser_screens import RECT_JS, SCREENS, SMALLEST, header_bottom, open_page, small_text

pytestmark = pytest.mark.browser

D = "https://w3id.org/careerpath/data/"
LPN = D + "role/licensed-practical-nurse"
HEADINGS = [
    "No formal credential or high school",
    "Certificate (postsecondary nondegree award)",
    "Associate's degree",
    "Bachelor's degree",
    "Graduate (master's, doctoral or professional)",
]
GROUPS_JS = """() => [...document.querySelectorAll('.cp-atlas-group')].map(g => {
  const h = g.querySelector('h3'), r = h.getBoundingClientRect(), s = g.getBoundingClientRect();
  const first = g.querySelector('.cp-atlas-box strong'), f = first.getBoundingClientRect();
  return {head: h.textContent.replace(/\\s*\\(\\d+\\)$/, ''), top: r.top, bottom: r.bottom, left: s.left, right: s.right,
          headFont: parseFloat(getComputedStyle(h).fontSize), box: first.textContent, boxTop: f.top,
          boxBottom: f.bottom, boxFont: parseFloat(getComputedStyle(first).fontSize)};
})"""


@pytest.fixture(params=list(SCREENS))
def screen(request, browser):  # noqa: F811
    context = browser.new_context(**SCREENS[request.param])
    page = context.new_page()
    page.name = request.param
    yield page
    context.close()


def open_atlas(page, url: str) -> None:
    open_page(page, url, "Atlas of occupations")
    page.locator(".cp-atlas-box").first.wait_for(timeout=60000)
    wait_idle(page)


def names(page) -> list[str]:
    return page.locator(".cp-atlas-box strong").all_inner_texts()


def test_the_groups_and_their_boxes_are_legible_on_the_first_screen(screen, server):  # noqa: F811
    page = screen
    open_atlas(page, server.url + "/atlas")
    assert len(names(page)) == 87
    groups = page.evaluate(GROUPS_JS)
    assert [g["head"] for g in groups] == [*HEADINGS, "Other / not profiled by BLS"]
    assert all(g["headFont"] >= SMALLEST and g["boxFont"] >= SMALLEST for g in groups)
    assert not small_text(page), small_text(page)
    top, height = header_bottom(page), page.viewport_size["height"]
    if page.name == "desktop":  # the five education groups are columns: every heading and its first boxes in view
        education = groups[:5]
        assert len({round(g["left"]) for g in education}) == 5
        for g in education:
            assert g["top"] >= top - 1 and g["boxBottom"] <= height, g
    else:  # a phone stacks the groups; the first heading and its first box are on the first screen
        assert len({round(g["left"]) for g in groups}) == 1
        assert groups[0]["top"] >= top - 1 and groups[0]["boxBottom"] <= height, groups[0]
        assert all(g["right"] <= 390 + 1 for g in groups)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390  # no sideways scrolling
        widest = page.evaluate(
            "() => Math.max(...[...document.querySelectorAll('.cp-atlas-box')].map(b => b.getBoundingClientRect().right))"
        )
        assert widest <= 390


def test_search_filters_and_the_address_round_trips(browser, server):  # noqa: F811
    context = browser.new_context(**SCREENS["desktop"])
    page = context.new_page()
    open_atlas(page, server.url + "/atlas?state=WA")
    box = page.get_by_label("Find by title or alternate title")
    box.fill("radiographer")
    box.press("Enter")
    page.wait_for_function("() => document.querySelectorAll('.cp-atlas-box').length === 1", timeout=60000)
    assert names(page) == ["Radiologic technologist or technician"]
    wait_url_has(page, "q=radiographer")
    assert "state=WA" in page.url
    page.reload()
    open_atlas(page, page.url)
    assert names(page) == ["Radiologic technologist or technician"]
    from playwright.sync_api import expect

    # the text box is drawn by a lazily loaded script: expect() waits until it shows its value
    expect(page.get_by_label("Find by title or alternate title")).to_have_value("radiographer")
    assert "in WA" in page.locator("[data-testid='stMain']").inner_text()
    context.close()


def test_a_box_opens_its_pathway_on_explore(screen, server):  # noqa: F811
    page = screen
    open_atlas(page, server.url + "/atlas?q=LVN")
    link = page.locator(".cp-atlas-box")
    assert link.count() == 1 and link.evaluate("a => a.tagName") == "A"
    r = link.evaluate(RECT_JS)
    assert r["right"] <= page.viewport_size["width"]
    link.click()
    wait_url_has(page, "focus=" + quote(LPN, safe=""))
    page.get_by_text("Explore the pathways").first.wait_for(timeout=60000)
    frame = pathway_frame(page)
    assert LPN in {b["id"] for b in pathway_boxes(frame)}
    wait_idle(page)
    assert "focus=" + quote(LPN, safe="") in page.url
