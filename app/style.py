"""The page's own styles, added once per run (``st.html`` with a style element takes no room).

They give the pages more of the screen (a smaller top margin and title, narrower sides on a
desktop), lay Explore's map and inspector side by side on a desktop and one above the other on a
phone, keep the inspector's heading clear of Streamlit's header when it is scrolled into view,
keep a table's toolbar from covering what stands above the table, and keep the folded forms of
Plan and Where can I go from being scrolled inside while they unfold (below).
"""

from __future__ import annotations

import streamlit as st

from careerpath.app.options_table import CSS as OPTIONS_CSS
from careerpath.app.timeline import CSS as TIMELINE_CSS

PHONE = "(max-width: 640px)"

CSS = f"""
[data-testid="stMainBlockContainer"] {{ padding: 4.5rem 1rem 6rem 1rem; }}
[data-testid="stMainBlockContainer"] h1 {{ font-size: 2.1rem; padding: 0.25rem 0 0.5rem 0; }}
.st-key-explore_inspector, .st-key-plan_answer, .st-key-options_answer {{ scroll-margin-top: 4.5rem; }}
.st-key-explore_inspector {{ max-height: calc(100vh - 6rem); overflow-y: auto; position: sticky; top: 4.25rem; }}
/* a table's toolbar (search, download, full screen) sits above its top edge: make room for it */
[data-testid="stDataFrame"] {{ margin-top: 2.1rem; }}
/* Streamlit unfolds an expander by animating its height with overflow: hidden, and a box with
   overflow: hidden can still be scrolled by a script: scrolling a form's button into view while
   it unfolds scrolled the box itself, and as the box grew the browser scrolled it back, moving the
   button under a tap (1 to 3 taps of 40 lost on a busy phone). overflow: clip cannot be scrolled. */
.st-key-plan_change details, .st-key-options_change details {{ overflow: clip !important; }}
a.cp-action {{ display: inline-block; font-weight: 600; padding: 0.35rem 0.75rem; border-radius: 0.5rem;
  background: #1c4e80; color: #ffffff !important; text-decoration: none; }}
a.cp-action:focus-visible {{ outline: 3px solid #1c4e80; outline-offset: 2px; }}
.cp-sr-only {{ position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }}
@media {PHONE} {{
  [data-testid="stMainBlockContainer"] {{ padding: 4.25rem 1rem 5rem 1rem; }}
  [data-testid="stMainBlockContainer"] h1 {{ font-size: 1.7rem; }}
  .st-key-explore_body {{ flex-direction: column !important; }}
  .st-key-explore_body > * {{ width: 100% !important; max-width: 100% !important; }}
  .st-key-explore_inspector {{ max-height: none; overflow: visible; position: static; }}
}}
"""


def page_style() -> None:
    """Add careerpath's page styles (every page, every run)."""
    st.html(f"<style>{CSS}{TIMELINE_CSS}{OPTIONS_CSS}</style>")
