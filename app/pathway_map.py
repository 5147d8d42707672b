"""The pathway drawing: careerpath's own layout (``graph/views.py`` ``Pathway``) as plain HTML
boxes over SVG edges, in a Streamlit custom component v2 (inline HTML, CSS and JS in the
page's DOM: no iframe, no bundle to download, no script run asked for as it mounts).

The pane scrolls (drag with a mouse, or swipe) at 1:1 scale, so labels are ``FONT_PX`` on
screen; it opens on the focus's column. A click or a tap on a box, or Enter or Space on a
focused box, sends its id back once (a trigger value, ``None`` on later runs).
"""

from __future__ import annotations

from html import escape

import streamlit as st

from careerpath.graph.presenting.pathway import FONT_PX, KINDS, LINE_PX, PAD_X, PAD_Y, Pathway

#: Border colour and style of the boxes that are not milestones (a milestone's is its kind's).
JUNCTION_STYLE = {"all-of": ("#555555", "dashed"), "one-of": ("#555555", "dotted")}
EXPERIENCE_STYLE = ("#f28e2b", "dashed", "#fff7ee")
MARGIN = 24  # room around the drawing, inside the pane
HEADING_H = 36


def faint(colour: str, keep: float = 0.14) -> str:
    """``colour`` mixed with white, opaque (so dark text stays readable in the dark theme)."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - (255 - c) * keep):02x}" for c in rgb)


def _box(node, focus: str) -> str:
    if node.junction:
        (colour, border), background = JUNCTION_STYLE[node.kind], "#ffffff"
    elif node.kind == "experience":
        colour, border, background = EXPERIENCE_STYLE
    else:
        colour, border, background = KINDS[node.kind][1], "solid", faint(KINDS[node.kind][1])
    width = 3 if node.id == focus else 1.5
    first, *rest = node.lines
    text = f"<p><strong>{escape(first)}</strong></p>" + "".join(f"<p>{escape(line)}</p>" for line in rest)
    style = (
        f"left:{node.x + MARGIN:.0f}px;top:{node.y + MARGIN:.0f}px;width:{node.width:.0f}px;"
        f"height:{node.height:.0f}px;border:{width}px {border} {colour};background:{background}"
    )
    junction = " cp-pw-junction" if node.junction else ""
    return (
        f'<div class="cp-pw-box cp-pw-{node.kind}{junction}" data-id="{escape(node.id)}" tabindex="0" '
        f'role="button" aria-label="{escape(". ".join(node.lines))}" style="{style}">{text}</div>'
    )


def _edge(pw: Pathway, source: str, target: str) -> str:
    s, t = pw.nodes[source], pw.nodes[target]
    x1, y1 = s.x + s.width + MARGIN, s.y + s.height / 2 + MARGIN
    x2, y2 = t.x + MARGIN - 2, t.y + t.height / 2 + MARGIN
    bend = max(30.0, abs(x2 - x1) / 2)
    return f'<path d="M{x1:.0f},{y1:.0f} C{x1 + bend:.0f},{y1:.0f} {x2 - bend:.0f},{y2:.0f} {x2:.0f},{y2:.0f}"/>'


def markup(pw: Pathway) -> dict:
    """What the component draws: the canvas's HTML, its size, and where the focus is."""
    width = pw.width + 2 * MARGIN
    height = max((n.y + n.height for n in pw.nodes.values()), default=0.0) + 2 * MARGIN
    headings = "".join(
        f'<div class="cp-pw-heading" style="left:{x + MARGIN:.0f}px;top:{MARGIN}px">{escape(title)}</div>'
        for title, x in pw.headings
    )
    edges = "".join(_edge(pw, s, t) for s, t in pw.edges if s in pw.nodes and t in pw.nodes)
    svg = (
        f'<svg class="cp-pw-edges" width="{width:.0f}" height="{height:.0f}" aria-hidden="true">'
        '<defs><marker id="cp-pw-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#777777"/></marker></defs>'
        f"{edges}</svg>"
    )
    boxes = "".join(_box(n, pw.focus) for n in pw.nodes.values())
    f = pw.nodes[pw.focus]
    canvas = f'<div class="cp-pw-canvas" style="width:{width:.0f}px;height:{height:.0f}px">'
    return {
        "html": f"{canvas}{svg}{headings}{boxes}</div>",
        "focus": pw.focus,
        "fx": f.x + f.width / 2 + MARGIN,
        "fy": f.y + MARGIN,
        "fh": f.height,
    }


CSS = f"""
.cp-pw-pane {{ position: relative; overflow: auto; border-radius: 8px; cursor: grab;
  background: var(--st-secondary-background-color, #f0f2f6); overscroll-behavior: contain;
  font-family: "Source Sans Pro", "Source Sans 3", sans-serif; -webkit-tap-highlight-color: transparent; }}
.cp-pw-pane.cp-pw-dragging {{ cursor: grabbing; user-select: none; }}
.cp-pw-canvas {{ position: relative; }}
.cp-pw-edges {{ position: absolute; left: 0; top: 0; pointer-events: none; }}
.cp-pw-edges path {{ fill: none; stroke: #777777; stroke-width: 1.5; marker-end: url(#cp-pw-arrow); }}
.cp-pw-heading {{ position: absolute; width: 200px; height: {HEADING_H}px; line-height: {HEADING_H}px;
  box-sizing: border-box; padding: 0 10px; border-radius: 6px; background: #e8eaef; color: #1f1f1f;
  font-size: {FONT_PX + 3}px; font-weight: 700; white-space: nowrap; pointer-events: none; }}
.cp-pw-box {{ position: absolute; box-sizing: border-box; display: flex; flex-direction: column;
  justify-content: center; padding: {PAD_Y}px {PAD_X}px; border-radius: 6px; color: #1f1f1f;
  font-size: {FONT_PX}px; line-height: {LINE_PX}px; text-align: left; cursor: pointer; overflow: hidden;
  overflow-wrap: anywhere; }}
.cp-pw-box.cp-pw-junction {{ border-radius: 14px; }}
.cp-pw-box p {{ margin: 0 0 {PAD_Y}px 0; padding: 0; font-size: {FONT_PX}px; line-height: {LINE_PX}px;
  color: #1f1f1f; }}
.cp-pw-box p:last-child {{ margin-bottom: 0; }}
.cp-pw-box:hover {{ filter: brightness(0.96); }}
.cp-pw-box:focus-visible {{ outline: 3px solid #1c4e80; outline-offset: 2px; }}
.cp-pw-box.cp-pw-selected {{ box-shadow: 0 0 0 3px #1c4e80; }}
"""

JS = """
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const root = parentElement;
  let pane = root.querySelector(".cp-pw-pane");
  if (!pane) {
    pane = document.createElement("div");
    pane.className = "cp-pw-pane";
    root.appendChild(pane);
    const open = (box) => {
      if (!box) return;
      pane.querySelectorAll(".cp-pw-selected").forEach((b) => b.classList.remove("cp-pw-selected"));
      box.classList.add("cp-pw-selected");
      pane._send(box.dataset.id);
    };
    pane.addEventListener("click", (e) => {
      if (pane._dragged) { pane._dragged = false; return; }
      open(e.target.closest(".cp-pw-box"));
    });
    pane.addEventListener("keydown", (e) => {
      const box = e.target.closest && e.target.closest(".cp-pw-box");
      if (box && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); open(box); }
    });
    // drag to pan with a mouse (a finger scrolls the pane natively)
    pane.addEventListener("pointerdown", (e) => {
      if (e.pointerType !== "mouse" || e.button !== 0) return;
      const start = { x: e.clientX, y: e.clientY, left: pane.scrollLeft, top: pane.scrollTop };
      pane._dragged = false;
      const move = (m) => {
        const dx = m.clientX - start.x, dy = m.clientY - start.y;
        if (!pane._dragged && Math.abs(dx) + Math.abs(dy) < 5) return;
        pane._dragged = true;
        pane.classList.add("cp-pw-dragging");
        pane.scrollLeft = start.left - dx;
        pane.scrollTop = start.top - dy;
      };
      const up = () => {
        window.removeEventListener("pointermove", move);
        window.removeEventListener("pointerup", up);
        pane.classList.remove("cp-pw-dragging");
      };
      window.addEventListener("pointermove", move);
      window.addEventListener("pointerup", up);
    });
  }
  pane._send = (id) => setTriggerValue("clicked", id);
  pane.style.height = data.height + "px";
  if (pane._html !== data.html) {
    pane.innerHTML = data.html;
    pane._html = data.html;
  }
  if (pane._focus !== data.focus) {  // a new pathway opens on its focus's column
    pane._focus = data.focus;
    const w = pane.clientWidth, h = pane.clientHeight;
    pane.scrollLeft = Math.max(0, data.fx - w / 2);
    pane.scrollTop = data.fy + data.fh + 24 > h ? Math.max(0, data.fy + data.fh / 2 - h / 2) : 0;
  }
  pane.querySelectorAll(".cp-pw-selected").forEach((b) => b.classList.remove("cp-pw-selected"));
  if (data.selected) {
    const box = [...pane.querySelectorAll(".cp-pw-box")].find((b) => b.dataset.id === data.selected);
    if (box) box.classList.add("cp-pw-selected");
  }
}
"""

_component = st.components.v2.component("careerpath_pathway", css=CSS, js=JS, isolate_styles=False)


def draw_pathway(pw: Pathway, key: str, selected: str | None = None, height: int = 640) -> str | None:
    """Draw a pathway view; return the id of a node the user has just clicked (or chosen with
    Enter or Space), or None. A click is reported once: later runs return None until the next.
    In tests, ``st.session_state[key + "_clicked"]`` stands in for a click."""
    stub = st.session_state.pop(key + "_clicked", None)
    if stub is not None:
        return stub
    data = {**markup(pw), "selected": selected, "height": height}
    result = _component(key=key, data=data, on_clicked_change=lambda: None)
    clicked = result.clicked
    return clicked if clicked in pw.nodes else None
