"""The pathway drawing: careerpath's own layout (``graph/presenting/pathway.py``) as plain HTML
boxes over SVG edges, in a Streamlit custom component v2 (inline HTML, CSS and JS in the page's
DOM: no iframe, no bundle to download, no script run asked for as it mounts).

Two views of one pathway, in one labelled region:

- the **map**: columns left to right, opened on a fitted view of the whole pathway (never below
  ``MIN_ZOOM``, 12 px text on screen), with zoom in, zoom out and fit buttons, a "more" cue on
  each side where boxes lie beyond, and the edges of the box under the pointer, in focus or chosen
  drawn dark (the rest faded) so one can follow them; each box is a button whose name for a screen
  reader says what it needs and where it leads;
- the **list**: the same pathway top to bottom (the focus and where it leads first, then how to
  get there), the text alternative of the map, and the view a phone opens on.

A click or a tap on a box or a list entry, or Enter or Space on a focused one, sends its id back
once (a trigger value, ``None`` on later runs).
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from urllib.parse import urlencode

import streamlit as st

from careerpath.graph.presenting.pathway import (
    BOX_W,
    FONT_PX,
    HEADING_H,
    KINDS,
    LINE_PX,
    MIN_ZOOM,
    PAD_X,
    PAD_Y,
    Pathway,
    paragraphs,
)
from careerpath.graph.presenting.pathway_outline import box_text, outline

#: Border colour and style of the boxes that are not milestones (a milestone's is its kind's).
JUNCTION_STYLE = {"all-of": ("#555555", "dashed"), "one-of": ("#555555", "dotted")}
EXPERIENCE_STYLE = ("#f28e2b", "dashed", "#fff7ee")
MARGIN = 10  # room around the drawing, inside the pane
PHONE_PX = 640  # narrower than this, the list opens first
PLANNABLE = {"role", "advancement", "adjacent", "certification", "program"}  # kinds Plan takes as a target


def faint(colour: str, keep: float = 0.14) -> str:
    """``colour`` mixed with white, opaque (so dark text stays readable in the dark theme)."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - (255 - c) * keep):02x}" for c in rgb)


def _colours(kind: str) -> tuple[str, str, str]:
    """(border colour, border style, background) of a box of ``kind``."""
    if kind in JUNCTION_STYLE:
        return (*JUNCTION_STYLE[kind], "#ffffff")
    if kind == "experience":
        return EXPERIENCE_STYLE
    return KINDS[kind][1], "solid", faint(KINDS[kind][1])


def _box(pw: Pathway, node) -> str:
    colour, border, background = _colours(node.kind)
    width = 3 if node.id == pw.focus else 1.5
    text = "".join(
        "<p>"
        + (f"<strong>{escape(bold)}</strong>" if bold else "")
        + (" " if bold and plain else "")
        + f"{escape(plain)}</p>"
        for bold, plain in paragraphs(node.kind, node.lines)
    )
    style = (
        f"left:{node.x + MARGIN:.0f}px;top:{node.y + MARGIN:.0f}px;width:{node.width:.0f}px;"
        f"height:{node.height:.0f}px;border:{width}px {border} {colour};background:{background}"
    )
    junction = " cp-pw-junction" if node.junction else ""
    plan = f' data-plan="plan?{escape(urlencode({"to": node.id}))}"' if node.kind in PLANNABLE else ""
    return (
        f'<div class="cp-pw-box cp-pw-{node.kind}{junction}" data-id="{escape(node.id)}"{plan} tabindex="0" '
        f'role="button" aria-label="{escape(box_text(pw, node.id))}" style="{style}">{text}</div>'
    )


def _path(wire, radius: float = 6.0) -> str:
    """An SVG path through the wire's points, its corners rounded (a short turn stays straight)."""
    pts = [(x + MARGIN, y + MARGIN) for x, y in wire.points]
    d = f"M{pts[0][0]:.1f},{pts[0][1]:.1f}"
    for i in range(1, len(pts) - 1):
        (ax, ay), (bx, by), (cx, cy) = pts[i - 1], pts[i], pts[i + 1]
        r = min(radius, abs(bx - ax) / 2 + abs(by - ay) / 2, abs(cx - bx) / 2 + abs(cy - by) / 2)
        ux, uy = _unit(bx - ax, by - ay)
        vx, vy = _unit(cx - bx, cy - by)
        d += f" L{bx - ux * r:.1f},{by - uy * r:.1f} Q{bx:.1f},{by:.1f} {bx + vx * r:.1f},{by + vy * r:.1f}"
    d += f" L{pts[-1][0]:.1f},{pts[-1][1]:.1f}"
    return f'<path data-s="{escape(wire.source)}" data-t="{escape(wire.target)}" d="{d}"/>'


def _unit(dx: float, dy: float) -> tuple[float, float]:
    length = (dx * dx + dy * dy) ** 0.5
    return (dx / length, dy / length) if length else (0.0, 0.0)


def _list(pw: Pathway) -> str:
    """The pathway as a list: sections of entries, each a button (its name) and its sentences."""
    parts = []
    for section in outline(pw):
        if not section.entries:
            continue
        items = []
        for e in section.entries:
            colour, border, background = _colours(e.kind)
            note = f" · {escape(e.note)}" if e.note else ""
            lines = "".join(f"<p>{escape(t)}</p>" for t in (*e.needs, *e.leads_to))
            items.append(
                f'<li class="cp-pw-item" style="border-left:5px {border} {colour};background:{background}">'
                f'<button type="button" class="cp-pw-name" data-id="{escape(e.id)}">{escape(e.name)}</button>'
                f'<span class="cp-pw-kind">{escape(e.kind_name)}{note}</span>{lines}</li>'
            )
        parts.append(f"<h4>{escape(section.title)}</h4><ul>{''.join(items)}</ul>")
    return "".join(parts)


def markup(pw: Pathway) -> dict:
    """What the component draws: the map's canvas (HTML), the list, the canvas's size, the
    region's name and the focus."""
    width = pw.width + 2 * MARGIN
    height = pw.height + 2 * MARGIN
    headings = "".join(
        f'<div class="cp-pw-heading" style="left:{x + MARGIN:.0f}px;top:{MARGIN}px">{escape(title)}</div>'
        for title, x in pw.headings
    )
    edges = "".join(_path(w) for w in pw.wires())
    svg = (
        f'<svg class="cp-pw-edges" width="{width:.0f}" height="{height:.0f}" aria-hidden="true">'
        '<defs><marker id="cp-pw-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#777777"/></marker></defs>'
        f"{edges}</svg>"
    )
    boxes = "".join(_box(pw, n) for n in pw.nodes.values())
    name = pw.nodes[pw.focus].label
    columns = len(pw.headings)
    return {
        "html": f"{svg}{headings}{boxes}",
        "list": _list(pw),
        "width": round(width),
        "height": round(height),
        "focus": pw.focus,
        "label": f"Pathway of {name}: {len(pw.nodes)} boxes in {columns} column{'s' if columns != 1 else ''}",
        "min_zoom": MIN_ZOOM,
        "hint": "ALL OF: a step needs every box pointing into it; ONE OF: any one will do. "
        "Drag to move; a box's edges light up under the pointer.",
        "phone_px": PHONE_PX,
    }


CSS = f"""
.cp-pw {{ position: relative; font-family: "Source Sans", "Source Sans Pro", "Source Sans 3", sans-serif; }}
.cp-pw-bar {{ display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin: 0 0 6px 0; }}
.cp-pw-bar button {{ font: inherit; font-size: 15px; line-height: 20px; min-width: 36px; min-height: 32px;
  padding: 4px 10px; border-radius: 6px; border: 1px solid rgba(128,128,128,.45); cursor: pointer;
  background: var(--st-background-color, #ffffff); color: var(--st-text-color, #1f1f1f); }}
.cp-pw-bar button[aria-pressed="true"] {{ background: #1c4e80; color: #ffffff; border-color: #1c4e80; }}
.cp-pw-bar button:focus-visible, .cp-pw-more:focus-visible, .cp-pw-name:focus-visible
  {{ outline: 3px solid #1c4e80; outline-offset: 2px; }}
.cp-pw-bar .cp-pw-zoom {{ font-size: 14px; opacity: .8; min-width: 3.5em; }}
.cp-pw-bar .cp-pw-hint {{ font-size: 14px; opacity: .75; flex: 1 1 12em; }}
.cp-pw[data-mode="list"] .cp-pw-mapctl {{ display: none; }}
.cp-pw-frame {{ position: relative; }}
.cp-pw[data-mode="list"] .cp-pw-frame {{ display: none; }}
.cp-pw[data-mode="map"] .cp-pw-list {{ display: none; }}
.cp-pw-pane {{ position: relative; overflow: auto; border-radius: 8px; cursor: grab; touch-action: pan-x pan-y;
  background: var(--st-secondary-background-color, #f0f2f6); -webkit-tap-highlight-color: transparent; }}
.cp-pw-pane.cp-pw-dragging {{ cursor: grabbing; user-select: none; }}
.cp-pw-stage {{ position: relative; }}
.cp-pw-canvas {{ position: absolute; left: 0; top: 0; transform-origin: 0 0; }}
.cp-pw-edges {{ position: absolute; left: 0; top: 0; pointer-events: none; }}
.cp-pw-edges path {{ fill: none; stroke: #777777; stroke-width: 1.5; marker-end: url(#cp-pw-arrow);
  transition: opacity .12s; }}
.cp-pw-lit-on .cp-pw-edges path {{ opacity: .18; }}
.cp-pw-lit-on .cp-pw-edges path.cp-pw-lit {{ opacity: 1; stroke: #1c4e80; stroke-width: 2.5; }}
.cp-pw-heading {{ position: absolute; width: {BOX_W}px; height: {HEADING_H}px; line-height: {HEADING_H}px;
  box-sizing: border-box; padding: 0 8px; border-radius: 6px; background: #e8eaef; color: #1f1f1f;
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
.cp-pw-more {{ position: absolute; z-index: 2; display: none; font: inherit; font-size: 14px; font-weight: 600;
  padding: 4px 10px; border-radius: 14px; border: 1px solid rgba(28,78,128,.4); background: #ffffffee;
  color: #1c4e80; cursor: pointer; box-shadow: 0 1px 6px rgba(0,0,0,.18); }}
.cp-pw-more.cp-pw-show {{ display: block; }}
.cp-pw-more-r {{ right: 8px; top: 50%; transform: translateY(-50%); }}
.cp-pw-more-l {{ left: 8px; top: 50%; transform: translateY(-50%); }}
.cp-pw-more-b {{ bottom: 8px; left: 50%; transform: translateX(-50%); }}
.cp-pw-more-t {{ top: 8px; left: 50%; transform: translateX(-50%); }}
.cp-pw-shade-r {{ box-shadow: inset -18px 0 14px -14px rgba(0,0,0,.35); }}
.cp-pw-card {{ position: absolute; z-index: 3; top: 8px; right: 8px; width: min(320px, calc(100% - 16px));
  box-sizing: border-box; padding: 10px 12px; border-radius: 8px; background: #ffffff; color: #1f1f1f;
  border: 1px solid rgba(28,78,128,.45); box-shadow: 0 2px 10px rgba(0,0,0,.2); font-size: 15px; line-height: 1.35; }}
.cp-pw-card[hidden] {{ display: none; }}
.cp-pw-card-name {{ display: block; font-size: 16px; margin: 0 28px 4px 0; }}
.cp-pw-card-text {{ margin: 0 0 6px 0; font-size: 14px; color: #333333; }}
.cp-pw-card-plan {{ font-weight: 600; color: #1c4e80; }}
.cp-pw-card-x {{ position: absolute; top: 4px; right: 6px; font: inherit; font-size: 20px; line-height: 20px;
  border: 0; background: none; color: #444444; cursor: pointer; padding: 4px 6px; }}
.cp-pw-list h4 {{ font-size: 17px; margin: 12px 0 4px 0; padding: 0; }}
.cp-pw-list h4:first-child {{ margin-top: 0; }}
.cp-pw-list ul {{ list-style: none; margin: 0; padding: 0; }}
.cp-pw-item {{ margin: 0 0 6px 0; padding: 6px 10px; border-radius: 6px; color: #1f1f1f; font-size: 15px;
  line-height: 1.4; }}
.cp-pw-item p {{ margin: 2px 0 0 0; font-size: 14px; line-height: 1.35; color: #333333; }}
.cp-pw-name {{ font: inherit; font-size: 16px; font-weight: 700; color: #1c4e80; background: none; border: 0;
  padding: 0; margin: 0 8px 0 0; text-align: left; cursor: pointer; text-decoration: underline;
  text-underline-offset: 2px; }}
.cp-pw-kind {{ font-size: 14px; color: #444444; }}
.cp-pw-item.cp-pw-selected {{ box-shadow: 0 0 0 3px #1c4e80; }}
"""

JS = """
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const root = parentElement;
  let ui = root.querySelector(".cp-pw");
  if (!ui) {
    ui = document.createElement("div");
    ui.className = "cp-pw";
    ui.setAttribute("role", "region");
    ui.innerHTML =
      '<div class="cp-pw-bar">' +
      '<button type="button" class="cp-pw-mode" data-mode="map" aria-pressed="false">Map</button>' +
      '<button type="button" class="cp-pw-mode" data-mode="list" aria-pressed="false">List</button>' +
      '<span class="cp-pw-mapctl"><button type="button" class="cp-pw-out" aria-label="Zoom out">\u2212</button> ' +
      '<button type="button" class="cp-pw-in" aria-label="Zoom in">+</button> ' +
      '<button type="button" class="cp-pw-fit" aria-label="Fit the whole pathway">Fit</button></span>' +
      '<span class="cp-pw-zoom cp-pw-mapctl" aria-live="polite"></span>' +
      '<span class="cp-pw-hint cp-pw-mapctl"></span></div>' +
      '<div class="cp-pw-frame"><div class="cp-pw-pane" tabindex="-1">' +
      '<div class="cp-pw-stage"><div class="cp-pw-canvas"></div></div></div>' +
      '<button type="button" class="cp-pw-more cp-pw-more-r" data-dx="1" data-dy="0"></button>' +
      '<button type="button" class="cp-pw-more cp-pw-more-l" data-dx="-1" data-dy="0"></button>' +
      '<button type="button" class="cp-pw-more cp-pw-more-b" data-dx="0" data-dy="1"></button>' +
      '<button type="button" class="cp-pw-more cp-pw-more-t" data-dx="0" data-dy="-1"></button>' +
      '<div class="cp-pw-card" role="status" aria-live="polite" hidden><button type="button" class="cp-pw-card-x" ' +
      'aria-label="Close this summary">\u00d7</button><strong class="cp-pw-card-name"></strong>' +
      '<p class="cp-pw-card-text"></p><a class="cp-pw-card-plan" href="#" hidden>Plan a route to this \u2192</a>' +
      '</div></div>' +
      '<div class="cp-pw-list"></div>';
    root.appendChild(ui);
    const pane = ui.querySelector(".cp-pw-pane");
    const st = (ui._st = { z: 1, lit: null, hover: null });
    const q = (s) => ui.querySelector(s);
    const apply = () => {
      const c = q(".cp-pw-canvas");
      c.style.transform = "scale(" + st.z + ")";
      q(".cp-pw-stage").style.width = Math.ceil(st.w * st.z) + "px";
      q(".cp-pw-stage").style.height = Math.ceil(st.h * st.z) + "px";
      q(".cp-pw-zoom").textContent = Math.round(st.z * 100) + "%";
      ui.dataset.zoom = st.z.toFixed(3);
      cues();
    };
    const zoomTo = (z, cx, cy) => {
      cx = cx === undefined ? pane.clientWidth / 2 : cx;
      cy = cy === undefined ? pane.clientHeight / 2 : cy;
      const x = (pane.scrollLeft + cx) / st.z, y = (pane.scrollTop + cy) / st.z;
      st.z = Math.min(2, Math.max(0.25, z));
      apply();
      pane.scrollLeft = x * st.z - cx;
      pane.scrollTop = y * st.z - cy;
      cues();
    };
    const fitAll = () => Math.min(1, pane.clientWidth / st.w, pane.clientHeight / st.h);
    ui._fit = (open) => {
      // opening: the whole pathway if it fits at a readable size, else as much as readable shows
      st.z = open ? Math.min(1, Math.max(st.min, fitAll())) : fitAll();
      apply();
      pane.scrollLeft = 0;
      pane.scrollTop = 0;
      if (open) {
        const f = [...pane.querySelectorAll(".cp-pw-box")].find((b) => b.dataset.id === st.focus);
        if (f) {
          const fx = (f.offsetLeft + f.offsetWidth / 2) * st.z;
          if (fx > pane.clientWidth) pane.scrollLeft = fx - pane.clientWidth / 2;
        }
      }
      cues();
    };
    const cues = () => {
      const w = pane.clientWidth, h = pane.clientHeight, L = pane.scrollLeft, T = pane.scrollTop;
      const n = { r: 0, l: 0, b: 0, t: 0 };
      pane.querySelectorAll(".cp-pw-box").forEach((b) => {
        // a box not wholly in view counts on the side where most of it is hidden
        const x = b.offsetLeft * st.z, y = b.offsetTop * st.z;
        const x2 = x + b.offsetWidth * st.z, y2 = y + b.offsetHeight * st.z;
        const out = { r: x2 - (L + w), l: L - x, b: y2 - (T + h), t: T - y };
        const k = Object.keys(out).reduce((a, c) => (out[c] > out[a] ? c : a), "r");
        if (out[k] > 2) n[k]++;
      });
      const words = { r: ["\u2192", "to the right"], l: ["\u2190", "to the left"],
                      b: ["\u2193", "below"], t: ["\u2191", "above"] };
      for (const k of ["r", "l", "b", "t"]) {
        const el = q(".cp-pw-more-" + k);
        const more = n[k] > 0;
        el.classList.toggle("cp-pw-show", more);
        el.textContent = more ? (k === "l" || k === "t" ? words[k][0] + " " : "") + n[k] + " more" +
          (k === "r" || k === "b" ? " " + words[k][0] : "") : "";
        el.setAttribute("aria-label", n[k] + " more boxes " + words[k][1] + ": scroll there");
      }
    };
    st.cues = cues;
    const light = () => {
      const id = st.hover || st.lit;
      const canvas = q(".cp-pw-canvas");
      canvas.classList.toggle("cp-pw-lit-on", !!id);
      canvas.querySelectorAll(".cp-pw-edges path[data-s]").forEach((p) =>
        p.classList.toggle("cp-pw-lit", !!id && (p.dataset.s === id || p.dataset.t === id)));
    };
    st.light = light;
    const mode = (m, user) => {
      ui.dataset.mode = m;
      q(".cp-pw-card").hidden = true;
      ui.querySelectorAll(".cp-pw-mode").forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.mode === m)));
      if (user) st.userMode = m;
      if (m === "map" && !st.fitted) { st.fitted = true; ui._fit(true); }
    };
    ui._mode = mode;
    const card = (box) => {  // the chosen box in a few words, at once (its full details follow beside)
      const c = q(".cp-pw-card");
      if (!box || ui.dataset.mode !== "map") { c.hidden = true; return; }
      const name = box.querySelector("p").textContent.replace(/^(ALL OF \\d+|ONE OF|STEP) /, "");
      const said = box.getAttribute("aria-label") || "";
      const head = said.indexOf(". ");
      q(".cp-pw-card-name").textContent = name;
      q(".cp-pw-card-text").textContent = head > 0 ? said.slice(head + 2) : "";
      const plan = q(".cp-pw-card-plan");
      plan.hidden = !box.dataset.plan;
      if (box.dataset.plan) plan.setAttribute("href", box.dataset.plan);
      c.hidden = false;
      st.cardFor = box.dataset.id;
    };
    ui._card = card;
    const open = (id) => {
      if (!id) return;
      st.lit = id;
      light();
      card([...pane.querySelectorAll(".cp-pw-box")].find((b) => b.dataset.id === id));
      ui.querySelectorAll(".cp-pw-selected").forEach((b) => b.classList.remove("cp-pw-selected"));
      ui.querySelectorAll('[data-id="' + CSS.escape(id) + '"]').forEach((b) =>
        (b.closest(".cp-pw-item") || b).classList.add("cp-pw-selected"));
      ui._send(id);
    };
    ui.addEventListener("click", (e) => {
      const t = e.target;
      if (t.closest(".cp-pw-mode")) return mode(t.closest(".cp-pw-mode").dataset.mode, true);
      if (t.closest(".cp-pw-in")) return zoomTo(st.z * 1.25);
      if (t.closest(".cp-pw-out")) return zoomTo(st.z / 1.25);
      if (t.closest(".cp-pw-fit")) return ui._fit(false);
      if (t.closest(".cp-pw-card-x")) { q(".cp-pw-card").hidden = true; return; }
      if (t.closest(".cp-pw-card")) return;
      const more = t.closest(".cp-pw-more");
      if (more) {
        const dx = more.dataset.dx * pane.clientWidth * 0.8, dy = more.dataset.dy * pane.clientHeight * 0.8;
        pane.scrollBy({ left: dx, top: dy });
        return;
      }
      if (pane._dragged) { pane._dragged = false; return; }
      const hit = t.closest(".cp-pw-box, .cp-pw-name");
      if (hit) open(hit.dataset.id);
    });
    ui.addEventListener("keydown", (e) => {
      if (e.key === "Escape") q(".cp-pw-card").hidden = true;
      const box = e.target.closest && e.target.closest(".cp-pw-box");
      if (box && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); open(box.dataset.id); }
    });
    const over = (e) => {
      const b = e.target.closest && e.target.closest(".cp-pw-box");
      st.hover = b ? b.dataset.id : null;
      light();
    };
    pane.addEventListener("pointerover", over);
    pane.addEventListener("pointerleave", () => { st.hover = null; light(); });
    pane.addEventListener("focusin", over);
    pane.addEventListener("focusout", () => { st.hover = null; light(); });
    new ResizeObserver(() => { cues(); if (st.lit && ui.dataset.mode === "map") ui._show(st.lit); }).observe(pane);
    ui._show = (id) => {  // scroll the pane so that the box ``id`` is in view
      const b = [...pane.querySelectorAll(".cp-pw-box")].find((x) => x.dataset.id === id);
      if (!b) return;
      const x = b.offsetLeft * st.z, y = b.offsetTop * st.z, w = b.offsetWidth * st.z, h = b.offsetHeight * st.z;
      const W = pane.clientWidth, H = pane.clientHeight;
      if (x < pane.scrollLeft || x + w > pane.scrollLeft + W) pane.scrollLeft = x + w / 2 - W / 2;
      if (y < pane.scrollTop || y + h > pane.scrollTop + H) pane.scrollTop = y + h / 2 - H / 2;
    };
    let ticking = false;
    pane.addEventListener("scroll", () => {
      if (!ticking) { ticking = true; requestAnimationFrame(() => { ticking = false; cues(); }); }
    }, { passive: true });
    pane.addEventListener("wheel", (e) => {
      if (!(e.ctrlKey || e.metaKey)) return;  // a plain wheel scrolls (and, at the end, the page)
      e.preventDefault();
      const r = pane.getBoundingClientRect();
      zoomTo(st.z * (e.deltaY < 0 ? 1.1 : 1 / 1.1), e.clientX - r.left, e.clientY - r.top);
    }, { passive: false });
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
  const st = ui._st;
  const pane = ui.querySelector(".cp-pw-pane");
  ui._send = (id) => setTriggerValue("clicked", id);
  ui.setAttribute("aria-label", data.label);
  ui.querySelector(".cp-pw-hint").textContent = data.hint;
  const fresh = ui._html !== data.html;
  if (fresh) {
    ui.querySelector(".cp-pw-canvas").innerHTML = data.html;
    ui.querySelector(".cp-pw-canvas").style.width = data.width + "px";
    ui.querySelector(".cp-pw-canvas").style.height = data.height + "px";
    ui.querySelector(".cp-pw-list").innerHTML = data.list;
    ui._html = data.html;
    st.w = data.width; st.h = data.height; st.min = data.min_zoom; st.focus = data.focus;
  }
  if (ui._focus !== data.focus) {  // a new pathway: the map opens fitted, sized to the screen
    ui._focus = data.focus;
    const phone = root.clientWidth < data.phone_px;
    const top = pane.getBoundingClientRect().top;
    const room = phone ? window.innerHeight * 0.75 : window.innerHeight - Math.max(top, 0) - 24;
    const needed = data.height * Math.max(data.min_zoom, Math.min(1, root.clientWidth / data.width));
    pane.style.height = Math.round(Math.max(320, Math.min(room, needed + 4))) + "px";
    st.fitted = false;
    ui._mode(st.userMode || (phone ? "list" : "map"));
    if (ui.dataset.mode === "map") { st.fitted = true; ui._fit(true); }
  }
  if (data.selected && data.selected === st.cardFor) {  // its full details have arrived beside the map
    ui.querySelector(".cp-pw-card").hidden = true;
    st.cardFor = null;
  }
  if (data.selected && data.selected !== st.shown && ui.dataset.mode === "map") {
    st.shown = data.selected;
    requestAnimationFrame(() => ui._show(data.selected));  // once the layout has its new width
  }
  st.lit = data.selected || null;
  ui.querySelectorAll(".cp-pw-selected").forEach((b) => b.classList.remove("cp-pw-selected"));
  if (data.selected) {
    ui.querySelectorAll('[data-id="' + CSS.escape(data.selected) + '"]').forEach((b) =>
      (b.closest(".cp-pw-item") || b).classList.add("cp-pw-selected"));
  }
  st.light();
}
"""


@st.cache_resource(max_entries=64, show_spinner=False)
def _markup_of(focus: str, _pw: Pathway) -> dict:
    """``markup`` of a pathway, made once per focus (the pathway itself is cached per focus too)."""
    return markup(_pw)


_component = st.components.v2.component("careerpath_pathway", css=CSS, js=JS, isolate_styles=False)


def draw_pathway(
    pw: Pathway, key: str, selected: str | None = None, on_choose: Callable[[str], None] | None = None
) -> str | None:
    """Draw a pathway (map and list); return the id of a box the user has just chosen (click,
    tap, Enter or Space), or None. A choice is reported once: later runs return None until the
    next. ``on_choose(id)`` runs before the run the choice asks for, so that run draws the map
    with the choice already made (its summary card then gives way to the full details). In tests,
    ``st.session_state[key + "_clicked"]`` stands in for a click."""
    stub = st.session_state.pop(key + "_clicked", None)
    if stub is not None:
        return stub

    def chosen() -> None:
        value = (st.session_state.get(key) or {}).get("clicked")
        if on_choose is not None and value in pw.nodes:
            on_choose(value)

    data = {**_markup_of(pw.focus, pw), "selected": selected}
    result = _component(key=key, data=data, on_clicked_change=chosen)
    clicked = result.clicked
    return clicked if clicked in pw.nodes else None
