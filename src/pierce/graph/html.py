"""A self-contained interactive HTML view of a neighbourhood (inline SVG and JS, no CDN)."""

from __future__ import annotations

import html
import json
from datetime import date
from typing import Any

from pierce.graph.load import Graph


def graph_data(graph: Graph, focus: str, as_of: date | None) -> dict[str, Any]:
    focus_root = graph.canonical(focus)
    nodes = []
    for entity_id, entity in graph.entities.items():
        listings = graph.listings_of(entity_id, as_of)
        nodes.append(
            {
                "id": entity_id,
                "name": entity.caption or entity_id,
                "schema": entity.schema.name,
                "listed": bool(listings),
                "lists": sorted({x.program_id or x.program or x.authority for x in listings}),
                "focus": graph.canonical(entity_id) == focus_root,
            }
        )
    known = {n["id"] for n in nodes}
    edges = []
    for link in graph.links:
        if link.source not in known or link.target not in known:
            continue
        label = link.relation.replace("_", " ")
        if link.share is not None:
            label += f" {link.share}"
        if link.start or link.end:
            label += f" ({link.start or '…'}–{link.end or ''})"
        edges.append(
            {
                "source": link.source,
                "target": link.target,
                "label": label,
                "active": link.active(as_of),
            }
        )
    for merge in graph.clusters.merges:
        if merge.a in known and merge.b in known:
            edges.append(
                {
                    "source": merge.a,
                    "target": merge.b,
                    "label": "same as",
                    "active": True,
                    "same": True,
                    "title": merge.reason,
                }
            )
    return {
        "nodes": nodes,
        "edges": edges,
        "focus": focus,
        "as_of": as_of.isoformat() if as_of else None,
    }


_SCRIPT = r"""
const data = JSON.parse(document.getElementById('graph-data').textContent);
const svg = document.getElementById('g'), W = svg.clientWidth || 1100, H = svg.clientHeight || 700;
const NS = 'http://www.w3.org/2000/svg';
const byId = {};
data.nodes.forEach((n, i) => {
  const a = 2 * Math.PI * i / data.nodes.length;
  n.x = W / 2 + (n.focus ? 0 : 250 * Math.cos(a)); n.y = H / 2 + (n.focus ? 0 : 250 * Math.sin(a));
  n.vx = 0; n.vy = 0; byId[n.id] = n;
});
const edges = data.edges.filter(e => byId[e.source] && byId[e.target]);
function el(tag, attrs, parent) {
  const e = document.createElementNS(NS, tag);
  for (const k in attrs) e.setAttribute(k, attrs[k]);
  parent.appendChild(e); return e;
}
const defs = el('defs', {}, svg);
const marker = el('marker', {id: 'arrow', viewBox: '0 0 10 10', refX: 22, refY: 5,
  markerWidth: 6, markerHeight: 6, orient: 'auto-start-reverse'}, defs);
el('path', {d: 'M 0 0 L 10 5 L 0 10 z', fill: '#666'}, marker);
const edgeG = el('g', {}, svg), nodeG = el('g', {}, svg);
edges.forEach(e => {
  e.line = el('line', {stroke: e.same ? '#999' : (e.active ? '#555' : '#ccc'),
    'stroke-dasharray': e.same ? '4 3' : (e.active ? '' : '2 4'), 'stroke-width': 1.5,
    'marker-end': e.same ? '' : 'url(#arrow)'}, edgeG);
  e.text = el('text', {'font-size': 10, fill: '#333', 'text-anchor': 'middle'}, edgeG);
  e.text.textContent = e.label;
  const t = el('title', {}, e.line); t.textContent = e.title || e.label;
});
data.nodes.forEach(n => {
  n.g = el('g', {class: 'node'}, nodeG);
  const fill = n.listed ? '#d62728' : (n.focus ? '#1f77b4' :
    (n.schema === 'Asset' || n.schema === 'Package' ? '#2ca02c' : '#bbb'));
  el('circle', {r: n.focus ? 13 : 9, fill: fill, stroke: '#222',
    'stroke-width': n.listed ? 3 : 1}, n.g);
  const label = el('text', {x: 14, y: 4, 'font-size': 12}, n.g);
  label.textContent = n.name + (n.lists.length ? ' [' + n.lists.join(', ') + ']' : '');
  const t = el('title', {}, n.g);
  t.textContent = n.id + ' (' + n.schema + ')' +
    (n.listed ? '\nlisted: ' + n.lists.join(', ') : '');
  n.g.addEventListener('mousedown', ev => { drag = n; ev.preventDefault(); });
});
let drag = null;
svg.addEventListener('mousemove', ev => {
  if (!drag) return; const r = svg.getBoundingClientRect();
  drag.x = ev.clientX - r.left; drag.y = ev.clientY - r.top; drag.fixed = true; draw();
});
window.addEventListener('mouseup', () => { drag = null; });
function step() {
  const ns = data.nodes;
  for (let i = 0; i < ns.length; i++) for (let j = i + 1; j < ns.length; j++) {
    const a = ns[i], b = ns[j]; let dx = a.x - b.x, dy = a.y - b.y;
    const d2 = Math.max(dx * dx + dy * dy, 25), f = 3000 / d2, d = Math.sqrt(d2);
    a.vx += f * dx / d; a.vy += f * dy / d; b.vx -= f * dx / d; b.vy -= f * dy / d;
  }
  edges.forEach(e => {
    const a = byId[e.source], b = byId[e.target]; const dx = b.x - a.x, dy = b.y - a.y;
    const d = Math.sqrt(dx * dx + dy * dy) || 1, f = (d - 140) * 0.02;
    a.vx += f * dx / d; a.vy += f * dy / d; b.vx -= f * dx / d; b.vy -= f * dy / d;
  });
  ns.forEach(n => {
    n.vx += (W / 2 - n.x) * 0.002; n.vy += (H / 2 - n.y) * 0.002;
    if (!n.fixed) {
      n.x += Math.max(-20, Math.min(20, n.vx)); n.y += Math.max(-20, Math.min(20, n.vy));
    }
    n.vx *= 0.5; n.vy *= 0.5;
  });
}
function draw() {
  edges.forEach(e => {
    const a = byId[e.source], b = byId[e.target];
    e.line.setAttribute('x1', a.x); e.line.setAttribute('y1', a.y);
    e.line.setAttribute('x2', b.x); e.line.setAttribute('y2', b.y);
    e.text.setAttribute('x', (a.x + b.x) / 2); e.text.setAttribute('y', (a.y + b.y) / 2 - 3);
  });
  data.nodes.forEach(n => n.g.setAttribute('transform', 'translate(' + n.x + ',' + n.y + ')'));
}
let ticks = 0;
(function loop() { step(); draw(); if (++ticks < 400) requestAnimationFrame(loop); })();
"""


def render(graph: Graph, focus: str, as_of: date | None = None, title: str = "") -> str:
    data = graph_data(graph, focus, as_of)
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    heading = html.escape(title or f"pierce graph: {graph.name(focus)}")
    when = html.escape(data["as_of"] or "any date")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{heading}</title>
<style>body{{font-family:system-ui,sans-serif;margin:1em}}svg{{width:100%;height:80vh;
border:1px solid #ddd}}.node{{cursor:move}}.key span{{margin-right:1.5em}}</style></head>
<body><h1>{heading}</h1>
<p class="key">As of {when}. <span style="color:#d62728">● listed</span>
<span style="color:#1f77b4">● this party</span><span style="color:#2ca02c">● product</span>
<span>dashed: same party / inactive on the date</span> Drag nodes to rearrange.</p>
<svg id="g"></svg>
<script type="application/json" id="graph-data">{payload}</script>
<script>{_SCRIPT}</script></body></html>
"""
