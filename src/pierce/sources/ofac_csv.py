"""OFAC legacy CSV: ``sdn.csv`` or ``cons_prim.csv``, with add/alt/comments siblings.

No header; columns ``ent_num,SDN_Name,SDN_Type,Program,Title,Call_Sign,Vess_type,Tonnage,GRT,
Vess_flag,Vess_owner,Remarks``; ``-0-`` means empty. The path may be the main file or the
directory holding it. Entity ids are ``ofac-<ent_num>``, the same as the Enhanced XML's.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

from followthemoney import EntityProxy

from pierce.sources import us_common as us
from pierce.sources import us_ofac as ofac
from pierce.sources.base import Parsed, SourceError, csv_rows, make_entity, read_text

FORMAT = "ofac_csv"
DATASET = "us_ofac_sdn"
CONS_DATASET = "us_ofac_cons"

MAIN_COLUMNS = 12
# Main file name -> (dataset, address, alias, comments sibling names).
LAYOUTS = {
    "sdn.csv": (DATASET, "add.csv", "alt.csv", "sdn_comments.csv"),
    "cons_prim.csv": (CONS_DATASET, "cons_add.csv", "cons_alt.csv", "cons_comments.csv"),
}
NULL = "-0-"
_ROW_START = re.compile(rb'^\s*\d+,"[^"\r\n]*",(-0-\s*|"[a-z]+"),')


def sniff(path: Path, head: bytes) -> bool:
    if path.is_dir():
        return _main_file(path) is not None
    text = head.lstrip(b"\xef\xbb\xbf")
    first = text.split(b"\n", 1)[0]
    # No header: an integer entry number, a quoted name, a type or -0-, and 12 fields.
    return bool(_ROW_START.match(first)) and b"-0-" in text and first.count(b",") >= 11


def _main_file(directory: Path) -> Path | None:
    names = {p.name.lower(): p for p in directory.iterdir() if p.is_file()}
    for name in LAYOUTS:
        if name in names:
            return names[name]
    return None


def parse(path: Path) -> Parsed:
    main = path
    if path.is_dir():
        found = _main_file(path)
        if found is None:
            raise SourceError(path, None, "no sdn.csv or cons_prim.csv in this directory")
        main = found
    layout = LAYOUTS.get(main.name.lower())
    dataset = layout[0] if layout else (CONS_DATASET if "cons" in main.name.lower() else DATASET)
    files = [main]
    siblings: dict[str, Path | None] = {"add": None, "alt": None, "comments": None}
    if layout:
        present = {p.name.lower(): p for p in main.parent.iterdir() if p.is_file()}
        for key, name in zip(("add", "alt", "comments"), layout[1:], strict=True):
            siblings[key] = present.get(name)
            if siblings[key] is not None:
                files.append(present[name])
    comments = _comments(siblings["comments"]) if siblings["comments"] else {}
    aliases = _aliases(siblings["alt"]) if siblings["alt"] else {}
    addresses = _addresses(siblings["add"]) if siblings["add"] else {}
    rows = _main_rows(main, comments)
    by_name = {us.norm_name(row[1]): ofac.entity_id(row[0]) for _, row in rows}
    out = us.Collector(path)
    lists: Counter[str] = Counter()
    for where, row in rows:
        for entity in _entities(where, row, dataset, aliases, addresses, by_name, lists):
            out.add(entity)
    info: dict[str, object] = {
        "dataset": dataset,
        "rows": len(rows),
        "lists": dict(lists.most_common()),
        "aliases": sum(len(v) for v in aliases.values()),
        "addresses": sum(len(v) for v in addresses.values()),
    }
    return Parsed(entities=iter(list(out)), published=None, info=info, files=files)


def _fields(path: Path, count: int, min_count: int | None = None) -> list[tuple[str, list[str]]]:
    text = read_text(path)
    out: list[tuple[str, list[str]]] = []
    for line, row in csv_rows(path, text):
        where = f"line {line}"
        if not row or (len(row) == 1 and row[0].strip() in ("", "\x1a")):
            continue  # blank line, or the DOS end-of-file marker OFAC files end with
        if len(row) != count and (min_count is None or len(row) < min_count):
            raise SourceError(path, where, f"expected {count} columns, found {len(row)}")
        if not row[0].strip().isdigit():
            raise SourceError(path, where, f"entry number {row[0][:40]!r} is not a number")
        cells = [
            None if cell.strip() == NULL else us.clean(path, where, f"column {i + 1}", cell)
            for i, cell in enumerate(row)
        ]
        out.append((where, [c or "" for c in cells]))
    return out


def _main_rows(path: Path, comments: dict[str, str]) -> list[tuple[str, list[str]]]:
    rows = _fields(path, MAIN_COLUMNS)
    if not rows:
        raise SourceError(path, None, "no OFAC entries in file")
    for where, row in rows:
        if not row[1]:
            raise SourceError(path, where, "entry has no name")
        extra = comments.get(row[0])
        if extra:
            # sdn_comments.csv continues a Remarks field cut at its length limit, mid-word.
            row[11] = row[11] + extra
    return rows


def _comments(path: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    text = read_text(path)
    for line, row in csv_rows(path, text):
        if not row or (len(row) == 1 and row[0].strip() in ("", "\x1a")):
            continue
        if len(row) < 2 or not row[0].strip().isdigit():
            raise SourceError(path, f"line {line}", "expected ent_num,comment")
        value = us.clean(path, f"line {line}", "comment", row[1])
        if value and value != NULL:
            out[row[0].strip()] = out.get(row[0].strip(), "") + value
    return out


def _aliases(path: Path) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for _, row in _fields(path, 5):
        if row[3]:
            out[row[0]].append((row[2].lower(), row[3]))
    return out


def _addresses(path: Path) -> dict[str, list[list[str]]]:
    out: dict[str, list[list[str]]] = defaultdict(list)
    for _, row in _fields(path, 6):
        out[row[0]].append(row)
    return out


def _entities(
    where: str,
    row: list[str],
    dataset: str,
    aliases: dict[str, list[tuple[str, str]]],
    addresses: dict[str, list[list[str]]],
    by_name: dict[str, str],
    lists: Counter[str],
) -> list[EntityProxy]:
    number, name, kind, program, title = row[0], row[1], row[2], row[3], row[4]
    entity = make_entity(ofac.schema_for(kind, name), ofac.entity_id(number))
    out: list[EntityProxy] = [entity]
    entity.add("name", name)
    programs = [p.strip() for p in re.split(r"\]\s*\[", program) if p.strip()]
    code = "SDN" if dataset == DATASET else us.cons_code_for_programs(programs)
    lists[code] += 1
    info = us.list_by_code(code)
    entity.add("topics", list(info.topics) or ["sanction"])
    entity.add("program", programs)
    if title:
        if not us.add(entity, "position", title):
            entity.add("notes", title)
    if entity.schema.is_a("Vessel"):
        us.add(entity, "callSign", row[5])
        us.add(entity, "type", row[6])
        us.add(entity, "tonnage", row[7])
        us.add(entity, "grossRegisteredTonnage", row[8])
        us.add(entity, "flag", us.country_code(row[9]))
        if row[10]:
            entity.add("notes", f"Owner: {row[10]}")
    sanction = us.make_sanction(entity.id or "", info, number)
    sanction.add("program", programs)
    out.append(sanction)
    remarks = ofac.parse_remarks(row[11])
    entity.add("alias", remarks.aliases)
    for previous in remarks.previous_names:
        if not us.add(entity, "previousName", previous):
            entity.add("alias", previous)
    for fact_type, value in remarks.facts:
        ident = ofac.apply_fact(entity, [sanction], fact_type, value)
        if ident is not None:
            out.append(ident)
    for note in remarks.notes:
        entity.add("notes", note)
    out.extend(ofac.linked_entities(entity, remarks.linked, by_name))
    for alt_type, alt_name in aliases.get(number, []):
        if alt_type == "fka" and us.add(entity, "previousName", alt_name):
            continue
        entity.add("alias", alt_name)
    for add_row in addresses.get(number, []):
        address = _address(add_row)
        if address is not None:
            full = address.first("full") or ""
            entity.add("address", full)
            entity.add("country", address.get("country"), quiet=True)
            us.add(entity, "addressEntity", address.id)
            out.append(address)
    return out


def _address(row: list[str]) -> EntityProxy | None:
    street, place, country_name, remarks = row[2], row[3], row[4], row[5]
    full = ", ".join(p for p in (street, place, country_name) if p)
    if not full:
        return None
    country = us.country_code(country_name)
    address = us.address_entity(full, country, street=street or None)
    address.id = f"ofac-addr-{row[1]}"
    if place:
        address.add("city", place)
    if remarks:
        address.add("remarks", remarks)
    return address
