"""The evidence report: PDF through WeasyPrint, timeline on the first page, proofs that verify."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pierce.ledger import Ledger, LedgerError, import_file, merkle, signing
from pierce.ledger.report import gather, write_report

AS_OF = dt.date(2018, 7, 1)


@pytest.fixture
def scenario(tmp_path: Path, fixtures_dir: Path) -> Iterator[Ledger]:
    key = tmp_path / "k.pem"
    signing.generate_key(key)
    with Ledger.open(str(tmp_path / "l.sqlite"), key_path=key) as ledger:
        import_file(ledger, fixtures_dir / "neu_cloud.yaml")
        import_file(ledger, fixtures_dir / "neu_cloud_canary.yaml")
        yield ledger


def _boxes(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", None) or []:
        yield from _boxes(child)


def test_pdf_first_page_has_the_timeline(scenario: Ledger, tmp_path: Path) -> None:
    written = write_report(scenario, tmp_path / "report.pdf", as_of=AS_OF)
    data = written.path.read_bytes()
    assert data.startswith(b"%PDF-") and len(data) > 10_000
    assert not (tmp_path / "report.pdf.part").exists()
    # The laid-out pages the PDF was written from.
    document = written.document
    first = list(_boxes(document.pages[0]._page_box))
    words = " ".join(b.text for b in first if hasattr(b, "text") and isinstance(b.text, str))
    assert "Timeline" in words
    assert any(type(getattr(b, "replacement", None)).__name__ == "SVGImage" for b in first)
    assert "2015-05-12" in words and "2018-06-11" in words  # the chart's legend, same page


def test_html_has_chains_terms_and_proofs_that_verify(scenario: Ledger, tmp_path: Path) -> None:
    out = write_report(scenario, tmp_path / "report.html", case="oem-2015", as_of=AS_OF).path
    page = out.read_text().replace("<wbr>", "")
    assert "<svg" in page.split("Detections")[0]
    for phrase in ("exclusive dealer", "joined Inspur Power Systems", "Canary given only to Li Na",
                   "Memory/residuals carve-out", "24 months", "Signed tree head",
                   "Consistency proof from the first signed head (size 39"):
        assert phrase in page, phrase
    data = gather(scenario, as_of=AS_OF)
    leaves = data.checked.leaves
    seq = data.seq_of[("disclosures", "d-2015-05")]
    proof = merkle.inclusion_proof(seq, leaves)
    assert f"<td class='mono'>{leaves[seq].hex()}</td><td class='mono'>" \
        + " ".join(p.hex() for p in proof) in page
    assert merkle.verify_inclusion(leaves[seq], seq, len(leaves), proof,
                                   bytes.fromhex(data.checked.root))
    assert data.head is not None and data.head["root"] == data.checked.root
    assert data.first_head is not None
    old = int(data.first_head["size"])
    cproof = merkle.consistency_proof(old, leaves)
    assert " ".join(p.hex() for p in cproof) in page
    assert merkle.verify_consistency(old, len(leaves), bytes.fromhex(data.first_head["root"]),
                                     bytes.fromhex(data.head["root"]), cproof)
    # the inline SVG is well-formed enough to parse
    import xml.etree.ElementTree as ET

    svg = re.search(r"<svg.*?</svg>", page, re.S)
    assert svg is not None and ET.fromstring(svg.group(0)).tag.endswith("svg")


def test_unknown_case_and_bad_suffix_are_clear(scenario: Ledger, tmp_path: Path) -> None:
    with pytest.raises(LedgerError, match="no detection matches case 'nobody'"):
        write_report(scenario, tmp_path / "r.html", case="nobody")
    with pytest.raises(LedgerError, match="must end in .pdf or .html"):
        write_report(scenario, tmp_path / "r.docx")
    assert not (tmp_path / "r.html").exists()
