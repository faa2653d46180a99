"""What a query's address adds to screening by name.

Usage: .venv/bin/python bench/addresses.py [--per-class 1000] [--seed 1]

The index holds the CSL 2022, SDN and UN entries (Latin names) with the CSL's addresses.
Queries are CSL entries with a street address (`pierce.match.addresses`: a number beside two
more words), each screened twice in the same run: with its address and, as the baseline,
without it.
- same party: a variant of the entry's name (each benign class of bench/perturb.py in turn)
  with one of its addresses rendered as a request might give it (as listed, city and country
  only, leading parts left out, parts reordered, a typo: `address_variant`, as training
  does, other seed). Recall = share whose entry is among the hits at the default threshold.
- another party at the same address: the name of a different listed party sharing the
  entry's street address (names alike as word sets left out: one party on two lists), with
  that address. Hit rate = share where the entry is among the hits: what sharing an address
  alone costs in false hits.
"""

from __future__ import annotations

import argparse
import random
from collections import defaultdict
from dataclasses import replace

from common import as_entity, list_entries
from rapidfuzz import fuzz
from rich.console import Console
from rich.table import Table
from rigour.addresses import address_fingerprint

from pierce.index.build import build_index
from pierce.match.addresses import street_level
from pierce.match.screen import screen
from pierce.match.variants import BENIGN, address_variant
from pierce.match.weights import default_model
from pierce.names import analyze_name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-class", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    entries = [replace(e, names=tuple(n for n in e.names if not analyze_name(n).non_latin))
               for e in list_entries()]
    entries = [e for e in entries if e.names]
    index = build_index([as_entity(e) for e in entries], workers=2)
    threshold = default_model().threshold
    placed = [e for e in entries if any(street_level(a) for a in e.addresses)]

    def found(cases: list[tuple[str, str, str, str]], with_address: bool) -> float:
        """Share of cases (name, address, schema, entity id) whose entity is a hit."""
        queries = [{"id": str(k), "schema": schema, "name": name,
                    **({"address": address} if with_address else {})}
                   for k, (name, address, schema, _) in enumerate(cases)]
        hits = {(h.query_id, h.entity_id) for h in screen(None, queries, index=index,
                                                          threshold=threshold)}
        return sum((str(k), case[3]) in hits for k, case in enumerate(cases)) / max(len(cases), 1)

    table = Table(title=f"Screening with and without the query's address ({len(placed):,} CSL "
                        f"entries with a street address; default threshold {threshold}; "
                        f"seed {args.seed})")
    for column in ("queries", "n", "name only (baseline)", "name + address"):
        table.add_column(column, justify="left" if column == "queries" else "right")
    for kind, make in BENIGN.items():
        cases = []
        for entry in rng.sample(placed, len(placed)):
            variant = make(entry.names[0], rng)
            if variant and variant != entry.names[0]:
                address = rng.choice([a for a in entry.addresses if street_level(a)])
                cases.append((variant, address_variant(address, rng), entry.schema, entry.id))
            if len(cases) >= args.per_class:
                break
        table.add_row(f"same party, name {kind}", str(len(cases)),
                      f"{found(cases, False):.3f}", f"{found(cases, True):.3f}")
    by_place: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for k, entry in enumerate(placed):
        for address in entry.addresses:
            if street_level(address):
                by_place[address_fingerprint(address) or ""].append((k, address))
    others = []
    for members in by_place.values():
        for k, address in members:
            for i, _ in members:
                a, b = placed[k], placed[i]
                if i != k and fuzz.token_set_ratio(a.names[0], b.names[0]) < 70:
                    others.append((b.names[0], address, b.schema, a.id))
    others = rng.sample(others, min(len(others), args.per_class))
    table.add_row("another party at the same address (hit rate)", str(len(others)),
                  f"{found(others, False):.3f}", f"{found(others, True):.3f}")
    Console(width=200).print(table)


if __name__ == "__main__":
    main()
