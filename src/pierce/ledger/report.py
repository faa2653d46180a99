"""Evidence report for counsel: timeline chart (inline SVG), detection chains, agreement terms,
record hashes with inclusion proofs, and the signed tree head. HTML, or PDF through WeasyPrint."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pierce.ledger import merkle
from pierce.ledger.db import Ledger
from pierce.ledger.detections import Detection, Evidence, detect
from pierce.ledger.errors import LedgerError
from pierce.ledger.verify import VerifyResult, verify
from pierce.ledger.view import LedgerView

LANES = [  # (label, evidence kinds / roles) in chart order
    ("Agreements", {"agreements"}),
    ("Disclosures", {"disclosures", "customers"}),
    ("People & organisations", {"employments", "relationships", "events"}),
    ("Contacts", {"contact"}),
]
COLOURS = {"Agreements": "#1f4e79", "Disclosures": "#2e7d32",
           "People & organisations": "#8d6e00", "Contacts": "#b71c1c"}
CSS = """
@page { size: A4; margin: 14mm 12mm; @bottom-right { content: counter(page) " / " counter(pages);
  font-size: 8pt; } }
body { font-family: 'DejaVu Sans', sans-serif; font-size: 9pt; color: #111; }
h1 { font-size: 15pt; margin: 0 0 2mm; } h2 { font-size: 12pt; margin: 5mm 0 2mm; }
h3 { font-size: 10pt; margin: 4mm 0 1mm; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm; }
td, th { border: 0.4pt solid #999; padding: 1mm 1.5mm; vertical-align: top; text-align: left; }
th { background: #eee; } .mono { font-family: 'DejaVu Sans Mono', monospace; font-size: 6.5pt; }
.sev-high { color: #b71c1c; font-weight: bold; }
.sev-medium { color: #8d6e00; font-weight: bold; } .sev-low { color: #555; }
.meta { color: #444; } .detection { page-break-inside: auto; } svg { width: 100%; }
"""


@dataclass
class ReportData:
    title: str
    generated: str
    detections: list[Detection]
    view: LedgerView
    checked: VerifyResult
    seq_of: dict[tuple[str, str], int]
    head: dict[str, Any] | None
    first_head: dict[str, Any] | None = None


def _lane(ev: Evidence) -> str:
    if ev.role == "contact":
        return "Contacts"
    return next(label for label, kinds in LANES if ev.kind in kinds)


def timeline_points(detections: list[Detection]) -> list[Evidence]:
    seen: dict[tuple[str, str], Evidence] = {}
    for det in detections:
        for ev in det.timeline():
            seen.setdefault((ev.kind, ev.record_id), ev)
    return sorted(seen.values(), key=lambda e: (e.date or "", e.kind, e.record_id))


def timeline_svg(points: list[Evidence], width: int = 1000) -> str:
    """A lane chart: one row per kind of record, one numbered marker per dated record."""
    if not points:
        return '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>'
    dates = [dt.date.fromisoformat(p.date or "1970-01-01") for p in points]
    start, end = min(dates), max(dates)
    start = dt.date(start.year, 1, 1)
    end = dt.date(end.year + 1, 1, 1)
    left, right, top, lane_h = 150, 20, 20, 46
    span = (end - start).days or 1
    height = top + lane_h * len(LANES) + 30

    def x(day: dt.date) -> float:
        return left + (width - left - right) * (day - start).days / span

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" font-family="DejaVu Sans" font-size="11">']
    for i, (label, _) in enumerate(LANES):
        y = top + i * lane_h
        out.append(f'<rect x="{left}" y="{y}" width="{width - left - right}" height="{lane_h}" '
                   f'fill="{"#f6f6f6" if i % 2 else "#ffffff"}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 8}" y="{y + lane_h / 2 + 4}" text-anchor="end" '
                   f'fill="{COLOURS[label]}">{html.escape(label)}</text>')
    for year in range(start.year, end.year + 1):
        xx = x(dt.date(year, 1, 1))
        out.append(f'<line x1="{xx:.1f}" y1="{top}" x2="{xx:.1f}" '
                   f'y2="{top + lane_h * len(LANES)}" stroke="#bbb" stroke-dasharray="3,3"/>')
        out.append(f'<text x="{xx:.1f}" y="{height - 10}" text-anchor="middle">{year}</text>')
    stack: dict[tuple[str, int], int] = {}
    for n, (p, day) in enumerate(zip(points, dates, strict=True), 1):
        lane = _lane(p)
        row = [label for label, _ in LANES].index(lane)
        xx = x(day)
        bucket = (lane, int(xx // 16))  # markers that would overlap are stacked
        level = stack.get(bucket, 0)
        stack[bucket] = level + 1
        y = top + row * lane_h + 12 + (level % 3) * 12
        xx += (level // 3) * 18  # a fourth marker in the same spot starts a new column
        out.append(f'<circle cx="{xx:.1f}" cy="{y}" r="5.5" fill="{COLOURS[lane]}"/>')
        out.append(f'<text x="{xx + 7:.1f}" y="{y + 4}" font-size="9">{n}</text>')
    out.append("</svg>")
    return "".join(out)


def _hex(value: str) -> str:
    """Hex with break opportunities every 16 digits (CSS break-all is very slow in WeasyPrint)."""
    return "<wbr>".join(value[i:i + 16] for i in range(0, len(value), 16))


def _esc(value: Any) -> str:
    return html.escape(str(value)) if value is not None else "—"


def _agreement_terms(a: dict[str, Any], view: LedgerView) -> str:
    rows = [
        ("Parties", ", ".join(view.org_name(p) for p in a["parties"])),
        ("Signed", a["signed"] or "NOT SIGNED"), ("Effective", a["effective"]),
        ("Term ends", view.agreement_end(a["id"])),
        ("Permitted purpose", a["permitted_purpose"]),
        ("Marking required", "yes" if a["marking_required"] else "no"),
        ("Memory/residuals carve-out", "yes" if a["memory_carve_out"] else "no"),
        ("Trade-secret exception to carve-out", "yes" if a["trade_secret_exception"] else "no"),
        ("Contractual limitation period",
         f"{a['limitation_months']} months" if a["limitation_months"] else "none stated"),
        ("Return-or-destroy duty", "yes" if a["return_or_destroy"] else "no"),
    ]
    body = "".join(f"<tr><th>{_esc(k)}</th><td>{_esc(v)}</td></tr>" for k, v in rows)
    return f"<h3>{_esc(a['title'])} ({_esc(a['id'])})</h3><table>{body}</table>"


def build_html(data: ReportData) -> str:
    points = timeline_points(data.detections)
    leaves = data.checked.leaves
    size = len(leaves)
    parts = [f"<!doctype html><html><head><meta charset='utf-8'><title>{_esc(data.title)}"
             f"</title><style>{CSS}</style></head><body>",
             f"<h1>{_esc(data.title)}</h1>",
             f"<p class='meta'>Generated {_esc(data.generated)} · {len(data.detections)} "
             f"detection(s) · ledger of {size} records · Merkle root (RFC 9162) "
             f"<span class='mono'>{_hex(data.checked.root)}</span> · integrity check: "
             f"<b>{'verified' if data.checked.ok else 'FAILED'}</b></p>",
             "<h2>Timeline</h2>", timeline_svg(points),
             "<table><tr><th>#</th><th>Date</th><th>Record</th><th>What happened</th></tr>"]
    for n, p in enumerate(points, 1):
        parts.append(f"<tr><td>{n}</td><td>{_esc(p.date)}</td><td>{_esc(p.kind)} "
                     f"{_esc(p.record_id)}</td><td>{_esc(p.text)}</td></tr>")
    parts.append("</table>")
    if not data.checked.ok:
        parts.append("<h2>Integrity problems</h2><ul>" + "".join(
            f"<li>{_esc(p)}</li>" for p in data.checked.problems) + "</ul>")
    parts.append("<h2>Detections</h2>")
    for det in data.detections:
        parts.append(f"<div class='detection'><h3><span class='sev-{det.severity}'>"
                     f"{det.severity.upper()}</span> {_esc(det.title)}</h3>"
                     f"<p>{_esc(det.summary)}</p><p class='meta'>{_esc(det.kind)} · {det.id}"
                     + (f" · score {det.score}" if det.score is not None else "") + "</p>")
        parts.append("<table><tr><th>Date</th><th>Evidence</th><th>Log #</th>"
                     "<th>Leaf hash</th></tr>")
        for ev in det.timeline() + [e for e in det.evidence if not e.date]:
            seq = data.seq_of.get((ev.kind, ev.record_id))
            leaf = _hex(leaves[seq].hex()) if seq is not None and seq < size else ""
            parts.append(f"<tr><td>{_esc(ev.date)}</td><td>{_esc(ev.text)}</td>"
                         f"<td>{_esc(seq)}</td><td class='mono'>{leaf}</td></tr>")
        parts.append("</table>")
        for item in det.deadlines:
            parts.append(f"<p>{_esc(item['name'])}: from {_esc(item['from'])} to "
                         f"<b>{_esc(item['deadline'])}</b> ({item['days_left']} days left)</p>")
        parts.append("</div>")
    agreement_ids = sorted({a for det in data.detections for a in det.agreements})
    if agreement_ids:
        parts.append("<h2>Agreement terms at issue</h2>")
        parts += [_agreement_terms(data.view.agreements[a], data.view) for a in agreement_ids]
    parts.append(_proofs(data, size))
    parts.append("<h2>Signed tree head</h2>")
    if data.head is None:
        parts.append("<p>No signed tree head: the ledger has no signing key.</p>")
    else:
        h = data.head
        rows = [("Tree size", h["size"]), ("Root", h["root"]), ("Signed at", h["signed_at"]),
                ("Ed25519 public key", h["public_key"]), ("Signature", h["signature"]),
                ("RFC 3161 timestamp", f"{len(bytes(h['timestamp_token']))} bytes from "
                 f"{h['tsa']}" if h.get("timestamp_token") else "none")]
        parts.append("<table>" + "".join(f"<tr><th>{_esc(k)}</th><td class='mono'>"
                                         f"{_hex(_esc(v))}</td></tr>" for k, v in rows)
                     + "</table>")
        first = data.first_head
        old, new = (int(first["size"]) if first else 0), int(h["size"])
        if first is not None and 0 < old < new <= size:
            cproof = merkle.consistency_proof(old, leaves[:new])
            parts.append(f"<p>Consistency proof from the first signed head (size {old}, root "
                         f"<span class='mono'>{_hex(first['root'])}</span>) to size {new}: "
                         f"<span class='mono'>{' '.join(_hex(c.hex()) for c in cproof)}"
                         "</span></p>")
    parts.append("<p class='meta'>Leaf hash = SHA-256(0x00 || canonical record); node = "
                 "SHA-256(0x01 || left || right) (RFC 9162 §2.1). Proofs verify with any RFC "
                 "9162 / RFC 6962 implementation.</p></body></html>")
    return "".join(parts)


def _proofs(data: ReportData, size: int) -> str:
    """Each cited record once: its leaf hash and inclusion proof in the current tree."""
    cited = sorted({data.seq_of[(e.kind, e.record_id)] for det in data.detections
                    for e in det.evidence if (e.kind, e.record_id) in data.seq_of})
    cited = [seq for seq in cited if seq < size]
    if not cited:
        return ""
    by_seq = {seq: key for key, seq in data.seq_of.items()}
    leaves = data.checked.leaves
    rows = []
    for seq in cited:
        path = " ".join(_hex(h.hex()) for h in merkle.inclusion_proof(seq, leaves))
        kind, record_id = by_seq[seq]
        rows.append(f"<tr><td>{seq}</td><td>{_esc(kind)} {_esc(record_id)}</td>"
                    f"<td class='mono'>{_hex(leaves[seq].hex())}</td>"
                    f"<td class='mono'>{path}</td></tr>")
    return (f"<h2>Records cited and their inclusion proofs (tree size {size})</h2>"
            "<table><tr><th>Log #</th><th>Record</th><th>Leaf hash</th>"
            "<th>Inclusion proof (RFC 9162 audit path)</th></tr>" + "".join(rows) + "</table>")


def select(detections: list[Detection], view: LedgerView, case: str | None) -> list[Detection]:
    if not case:
        return detections
    disclosers = {d["agreement"]: d["discloser"] for d in view.disclosures}
    chosen = [d for d in detections if case == d.id or case in d.agreements or case in d.orgs
              or case in d.people or any(disclosers.get(a) == case for a in d.agreements)]
    if not chosen:
        raise LedgerError(f"no detection matches case {case!r} (use an agreement, organisation, "
                          "person or detection id)")
    return chosen


def gather(ledger: Ledger, case: str | None = None, as_of: dt.date | None = None) -> ReportData:
    view = LedgerView.load(ledger)
    detections = select(detect(view, as_of), view, case)
    checked = verify(ledger)
    seq_of = {(e["kind"], e["record_id"]): int(e["seq"]) for e in ledger.log_entries()}
    heads = ledger.tree_heads()
    title = f"Disclosure ledger evidence report{f' — case {case}' if case else ''}"
    return ReportData(title, dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"), detections,
                      view, checked, seq_of, heads[-1] if heads else None,
                      heads[0] if heads else None)


def render_document(text: str) -> Any:
    """Lay out the HTML report as pages (a weasyprint Document)."""
    from weasyprint import HTML

    return HTML(string=text).render()


@dataclass
class WrittenReport:
    path: Path
    document: Any = None  # the weasyprint Document the PDF was written from (None for HTML)


def write_report(ledger: Ledger, output: Path, case: str | None = None,
                 as_of: dt.date | None = None) -> WrittenReport:
    """Write report.html or report.pdf (chosen by the suffix)."""
    suffix = output.suffix.lower()
    if suffix not in (".pdf", ".html", ".htm"):
        raise LedgerError(f"{output}: the report must end in .pdf or .html")
    text = build_html(gather(ledger, case, as_of))
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(output.name + ".part")
    document = None
    if suffix == ".pdf":
        document = render_document(text)
        document.write_pdf(tmp)
    else:
        tmp.write_text(text, encoding="utf-8")
    tmp.replace(output)  # never leave a half-written report under the real name
    return WrittenReport(output, document)
