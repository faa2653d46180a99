"""Perturbation recall and false-positive rate of screening.

Usage: .venv/bin/python bench/perturb.py [--per-class 300] [--gleif 100000] [--people 5000]
       [--seed 1]

For each variation class (typo, token drop, reorder, transliteration, legal-form swap,
abbreviation; adversarial: homoglyph, invisible character), real CSL/SDN/UN names are varied
and screened against an index of all those list entries with their names in Latin script
only; recall = share of variants whose own entry is among the hits at the default threshold.
"transliteration" is ICU's letter-by-letter Latin→Cyrillic/Greek (synthetic, harsh); the
"original script (listed)" class queries with the non-Latin names the lists themselves give
(UN original-script names, CSL aliases in Cyrillic, Arabic, Chinese ...), removed from the
index, so they must be matched through transliteration to the Latin names; "chinese (listed)"
is its Han subset (characters → pinyin/English words). Then GLEIF companies (on no list)
are screened: false-positive rate = share with any hit. They are the first --gleif rows of
the GLEIF file; scripts/train_matcher.py uses only rows after the first 100,000 (for
training, IDF and the default threshold), so keep --gleif ≤ 100000 for an unbiased figure.
GLEIF holds no people, so --people made-up people are screened too: the given names of one
listed "SURNAME, Given names" person with the surname of another, none with the words of a
listed name. Every word of theirs is a listed word, so this rate is harsh: a hit shares words
with a listed person (a name-only screen cannot rule out that it is one; a birth date can).
Aircraft, named by their registrations (EP-MNE), are identifiers, not words: they are left out
of the classes above (a typo in a registration is another aircraft's) and measured apart: the
same registration written otherwise (recall), and other aircraft's registrations, listed or
not (hit rates). Listed vessels are screened as shipping papers name them, after a ship
prefix (MV ARTAVIL, M/T ADRIAN DARYA 1). Listed North Korean persons are screened by their
names in Hangul (김정은 for KIM, Jong Un), and made-up Hangul names should hit nobody. Listed
companies are screened as the name of a branch or office of theirs (VTB Bank Shanghai Branch),
and listed names ending in their acronym without it, misspelt (Foriegn Trade Bank). Listed
persons are screened by their first given name and surname, without and with a title before
it (Dr. Ali KHAMENEI) and with a nickname for that name (Bill for William), and listed
airlines with their Air written Airlines or Airways (MAHAN AIRLINES).
Baseline in the same run: exact normalised-name lookup (what a plain
string-equality screen would find).
"""

from __future__ import annotations

import argparse
import csv
import random
import time
from dataclasses import replace
from pathlib import Path

from common import as_entity, gleif_entities, list_entries
from rich.console import Console
from rich.table import Table

from pierce.index.build import NameIndex, build_index
from pierce.match.corpus import ListEntry
from pierce.match.records import is_person
from pierce.match.registrations import registration
from pierce.match.screen import screen
from pierce.match.variants import ADVERSARIAL, BENIGN, HOMOGLYPHS
from pierce.match.weights import default_model
from pierce.names import analyze_name, latin_key
from pierce.names.equivalents import nicknames_of
from pierce.names.han import has_han
from pierce.names.hangul import person_words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-class", type=int, default=300)
    parser.add_argument("--gleif", type=int, default=100_000)
    parser.add_argument("--people", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    entries = [e for e in list_entries() if e.names]
    originals = [(n, e.id, e.schema) for e in entries for n in e.names
                 if analyze_name(n).non_latin]
    entries = [replace(e, names=tuple(n for n in e.names if not analyze_name(n).non_latin))
               for e in entries]
    entries = [e for e in entries if e.names]
    start = time.perf_counter()
    index = build_index([as_entity(e) for e in entries], workers=2)
    print(f"index of {len(entries)} list entries built in {time.perf_counter() - start:.1f}s")
    exact: dict[str, set[str]] = {}
    for entry in entries:
        for name in entry.names:
            exact.setdefault(latin_key(name), set()).add(entry.id)
    threshold = default_model().threshold
    sweep = [threshold, *(t for t in (0.5, 0.6, 0.7, 0.8, 0.9) if t != threshold)]
    table = Table(title=f"Perturbation recall at the default threshold {threshold} and above "
                        f"(seed {args.seed})")
    for column in ("class", "kind", "n", "exact-match baseline",
                   *[f"pierce @{t:g}" for t in sweep]):
        table.add_column(column, justify="right" if column != "class" else "left")

    def run(kind: str, name: str, cases: list[tuple[str, str, str]]) -> None:
        queries = [{"id": f"{i}", "schema": schema, "name": variant}
                   for i, (variant, _, schema) in enumerate(cases)]
        hits = screen(None, queries, index=index, threshold=min(sweep))
        own = {h.query_id: h.score for h in hits
               if h.entity_id == cases[int(h.query_id)][1]}
        baseline = sum(eid in exact.get(latin_key(v), ()) for v, eid, _ in cases)
        n = max(len(cases), 1)
        table.add_row(name, kind, str(len(cases)), f"{baseline / n:.3f}",
                      *[f"{sum(s >= t for s in own.values()) / n:.3f}" for t in sweep])

    pool = rng.sample(entries, min(len(entries), 20 * args.per_class))
    for kind, classes in (("benign", BENIGN), ("adversarial", ADVERSARIAL)):
        for name, make in classes.items():
            # a generator per class: changing how one class writes its variants leaves the
            # others' cases as they were
            class_rng = random.Random(f"{args.seed}:{name}")
            cases = []
            for entry in pool:
                if name == "legal_form_swap" and entry.schema == "Person":
                    continue
                variant = make(entry.names[0], class_rng)
                if registration(entry.names[0], entry.schema):
                    continue  # an identifier, not words: a typo makes another aircraft's
                if variant and variant != entry.names[0]:
                    cases.append((variant, entry.id, entry.schema))
                if len(cases) >= args.per_class:
                    break
            run(kind, name, cases)
    listed = {e.id for e in entries}
    originals = [o for o in originals if o[1] in listed]
    random.Random(f"{args.seed}:original").shuffle(originals)
    run("benign", "original script (listed)", originals[: args.per_class])
    run("benign", "chinese (listed)", [o for o in originals if has_han(o[0])][: args.per_class])
    console = Console(width=200)
    console.print(table)
    aircraft(console, index, entries, exact, random.Random(args.seed), threshold)
    vessels(console, index, entries, exact, random.Random(args.seed), threshold)
    korean(console, index, entries, exact, random.Random(args.seed), threshold)
    inside(console, index, entries, exact, random.Random(args.seed), threshold)
    as_written(console, index, entries, exact, random.Random(args.seed), threshold)

    if args.gleif:
        listed = {latin_key(n) for e in entries for n in e.names}
        background = [g for g in gleif_entities(args.gleif)
                      if latin_key(g.record.names[0]) not in listed]
        queries = [{"id": g.record.id, "schema": "Company", "name": g.record.names[0]}
                   for g in background]
        false_hits(console, index, queries, sweep, threshold,
                   f"False positives screening {len(background):,} GLEIF companies that are "
                   "on no list", ("companies with a hit", "false-positive rate"))

    if args.people:
        people = made_up_people(entries, args.people, random.Random(args.seed))
        queries = [{"id": str(k), "schema": "Person", "name": n} for k, n in enumerate(people)]
        false_hits(console, index, queries, sweep, threshold,
                   f"Hits screening {len(people):,} made-up people (a listed person's given "
                   "names, another's surname)", ("people with a hit", "hit rate"))


def false_hits(console: Console, index: NameIndex, queries: list[dict[str, str]],
               sweep: list[float], threshold: float, title: str, columns: tuple[str, str]
               ) -> None:
    """Screen queries that are on no list; print the share with a hit at each threshold and
    the explanations of the first ten hits at the default one."""
    start = time.perf_counter()
    hits = screen(None, queries, index=index, limit=1, threshold=min(sweep), workers=2)
    elapsed = time.perf_counter() - start
    top = {h.query_id: h.score for h in hits}
    table = Table(title=f"{title} ({elapsed:.0f} s)")
    for column in ("threshold", *columns):
        table.add_column(column, justify="right")
    for t in sweep:
        flagged_at = sum(s >= t for s in top.values())
        table.add_row(f"{t:g}", str(flagged_at), f"{flagged_at / max(len(queries), 1):.4f}")
    console.print(table)
    flagged = {q for q, s in top.items() if s >= threshold}
    for query_id in sorted(flagged)[:10]:
        hit = next(h for h in hits if h.query_id == query_id)
        console.print(f"  {hit.explanation}", highlight=False, markup=False)


def rewritten(mark: str, rng: random.Random) -> str:
    """A listed registration as a user may write it: without its hyphen, with a space or an
    en dash, in lower case, or with a Cyrillic look-alike letter."""
    how = rng.choice(["joined", "space", "dash", "lower", "lookalike"])
    if how == "lookalike":
        spots = [i for i, c in enumerate(mark) if c in HOMOGLYPHS]
        i = rng.choice(spots) if spots else -1
        return mark if i < 0 else mark[:i] + HOMOGLYPHS[mark[i]] + mark[i + 1:]
    return {"joined": mark.replace("-", ""), "space": mark.replace("-", " "),
            "dash": mark.replace("-", "\u2013"), "lower": mark.lower()}[how]


def aircraft(console: Console, index: NameIndex, entries: list[ListEntry],
             exact: dict[str, set[str]], rng: random.Random, threshold: float) -> None:
    """Listed aircraft, named by registration (EP-MNE). The same aircraft written otherwise
    must be found; another aircraft must not be: many listed ones are a character apart
    (EP-CAP, EP-CAQ). CSL and SDN list the same aircraft under two ids, so "another" means
    another registration."""
    marks = {e.id: m for e in entries if (m := registration(e.names[0], e.schema))}
    listed = [e for e in entries if e.id in marks and "-" in e.names[0]]
    written = [(rewritten(e.names[0], rng), e.id) for e in listed]
    off = []  # one character of the mark changed, to a registration no list holds
    for e in listed:
        prefix, mark = e.names[0].split("-", 1)
        i = rng.randrange(len(mark))
        other = f"{prefix}-{mark[:i]}{rng.choice('ABCDEFGHIJKLMNOPQRSTUVWXYZ')}{mark[i + 1:]}"
        if registration(other) not in marks.values():
            off.append(other)
    cases = ([("written", name, marks[i]) for name, i in written]
             + [("listed", e.names[0], marks[e.id]) for e in listed]
             + [("off", name, "") for name in off])
    queries = [{"id": str(k), "name": name} for k, (_, name, _) in enumerate(cases)]
    found: dict[int, set[str]] = {k: set() for k in range(len(cases))}
    for hit in screen(None, queries, index=index, threshold=threshold):
        found[int(hit.query_id)].add(hit.entity_id)
    lookup = {k: exact.get(latin_key(name), set()) for k, (_, name, _) in enumerate(cases)}

    def share(kind: str, hits: dict[int, set[str]], counts: str) -> str:
        """Share of the `kind` queries whose hits include the wanted aircraft (`counts` =
        "own"), another party ("other") or anything ("any")."""
        rows = [k for k, case in enumerate(cases) if case[0] == kind]
        good = sum(any(counts == "any" or (marks.get(i) == cases[k][2]) == (counts == "own")
                       for i in hits[k]) for k in rows)
        return f"{good / max(len(rows), 1):.3f}"

    table = Table(title=f"Aircraft registrations at {threshold} ({len(listed)} listed with a "
                        "hyphen; queries without a schema)")
    for column in ("queries", "n", "measure", "exact-match baseline", "pierce"):
        table.add_column(column, justify="right" if column != "queries" else "left")
    for label, kind, counts, measure in (
            ("written otherwise (EPMNE, EP MNE, EP–MNE, ep-mne, a look-alike letter)",
             "written", "own", "recall"),
            ("as listed", "listed", "other", "share with a hit on another party"),
            ("one character changed (no listed registration)", "off", "any",
             "share with any hit")):
        n = sum(case[0] == kind for case in cases)
        table.add_row(label, str(n), measure, share(kind, lookup, counts),
                      share(kind, found, counts))
    console.print(table)


def vessels(console: Console, index: NameIndex, entries: list[ListEntry],
            exact: dict[str, set[str]], rng: random.Random, threshold: float) -> None:
    """Listed vessels as shipping papers name them: a ship prefix (MV, M/T, M.V. ...) before
    the name, screened with and without schema Vessel."""
    listed = [e for e in entries if e.schema == "Vessel"]
    prefixes = ["MV", "M/V", "M.V.", "MT", "M/T", "M.T.", "SS", "FV"]
    cases = [(f"{rng.choice(prefixes)} {e.names[0]}", e.id) for e in listed]
    recall_table(console, index, exact,
                 f"Vessels with a ship prefix at {threshold} ({len(listed)} listed)",
                 [(f"MV ARTAVIL (schema {schema})", [(n, i, schema) for n, i in cases])
                  for schema in ("Vessel", "LegalEntity")], threshold)


def recall_table(console: Console, index: NameIndex, exact: dict[str, set[str]], title: str,
                 rows: list[tuple[str, list[tuple[str, str, str]]]], threshold: float) -> None:
    """One row per (label, cases of (query name, its listed entry's id, query schema)): how
    many cases, and the share whose entry an exact normalised-name lookup and `screen` at the
    threshold find."""
    table = Table(title=title)
    for column in ("queries", "n", "exact-match baseline", "pierce"):
        table.add_column(column, justify="right" if column != "queries" else "left")
    for label, cases in rows:
        queries = [{"id": str(k), "schema": schema, "name": n}
                   for k, (n, _, schema) in enumerate(cases)]
        hits = screen(None, queries, index=index, threshold=threshold)
        found = {h.query_id for h in hits if h.entity_id == cases[int(h.query_id)][1]}
        baseline = sum(i in exact.get(latin_key(n), ()) for n, i, _ in cases)
        table.add_row(label, str(len(cases)), f"{baseline / max(len(cases), 1):.3f}",
                      f"{len(found) / max(len(cases), 1):.3f}")
    console.print(table)


def korean(console: Console, index: NameIndex, entries: list[ListEntry],
           exact: dict[str, set[str]], rng: random.Random, threshold: float) -> None:
    """Listed North Korean persons queried in Hangul (bench/data/korean_persons.csv: the
    Hangul of 31 listed names, from public sources), as a Korean document writes them, with
    schema Person and with none; and made-up Hangul names (one listed person's surname,
    another's given name, none a listed name) that should hit nobody."""
    with (Path(__file__).parent / "data/korean_persons.csv").open(encoding="utf-8") as fh:
        pairs = [(row["hangul"], row["listed"]) for row in csv.DictReader(fh)]
    owners: dict[str, set[str]] = {}
    for entry in entries:
        for name in entry.names:
            owners.setdefault(latin_key(name), set()).add(entry.id)
    cases = [(hangul, owners[latin_key(listed)]) for hangul, listed in pairs
             if latin_key(listed) in owners]
    known = {hangul for hangul, _ in pairs}
    made_up = sorted({h[0] + rng.choice(pairs)[0][1:] for h, _ in pairs} - known)
    table = Table(title=f"Listed North Korean persons queried in Hangul at {threshold} "
                        f"({len(cases)} of {len(pairs)} names found on the lists)")
    for column in ("queries", "n", "measure", "exact-match baseline", "pierce"):
        table.add_column(column, justify="right" if column != "queries" else "left")
    for schema in ("Person", "LegalEntity"):
        queries = [{"id": str(k), "schema": schema, "name": n} for k, (n, _) in enumerate(cases)]
        hits = screen(None, queries, index=index, threshold=threshold)
        found = {h.query_id for h in hits if h.entity_id in cases[int(h.query_id)][1]}
        baseline = sum(bool(ids & exact.get(latin_key(n), set())) for n, ids in cases)
        table.add_row(f"김정은 for KIM, Jong Un (schema {schema})", str(len(cases)), "recall",
                      f"{baseline / max(len(cases), 1):.3f}",
                      f"{len(found) / max(len(cases), 1):.3f}")
    # the same names written in Latin as the lists would (KIM Yong Gil): a one-letter change in
    # a syllable (Pyong, Myong) is another name, which the scorer rates as a likely misspelling
    in_latin = [" ".join((w.upper(), *(g.capitalize() for g in given)))
                for w, *given in (person_words(n)[0] for n in made_up)]
    for label, names in (("made up: a listed surname, another's given name", made_up),
                         ("... the same written in Latin (KIM Yong Gil)", in_latin)):
        queries = [{"id": str(k), "schema": "Person", "name": n} for k, n in enumerate(names)]
        hit = {h.query_id for h in screen(None, queries, index=index, threshold=threshold)}
        table.add_row(label, str(len(names)), "share with a hit",
                      f"{sum(latin_key(n) in exact for n in names) / max(len(names), 1):.3f}",
                      f"{len(hit) / max(len(names), 1):.3f}")
    console.print(table)


BRANCHES = ["{name} {city} Branch", "{name}, {city} Branch", "{name} ({city} Branch)",
            "Representative Office of {name} in {city}", "{name} Sucursal en {city}"]
CITIES = ["Dubai", "Shanghai", "London", "Hong Kong", "Moscow", "Frankfurt", "Istanbul"]


def inside(console: Console, index: NameIndex, entries: list[ListEntry],
           exact: dict[str, set[str]], rng: random.Random, threshold: float) -> None:
    """Names holding a listed name: a listed company's branch or office as a request names
    it (VTB Bank Shanghai Branch), and a listed name ending in its acronym queried without
    it, with a typo (FOREIGN TRADE BANK (FTB) for 'Foriegn Trade Bank')."""
    companies = [e for e in entries if e.schema in ("Company", "Organization", "LegalEntity")
                 and len(e.names[0].split()) >= 2 and "(" not in e.names[0]
                 and not registration(e.names[0], e.schema)]
    branch = [(rng.choice(BRANCHES).format(name=e.names[0], city=rng.choice(CITIES)), e.id)
              for e in rng.sample(companies, min(300, len(companies)))]
    typo = BENIGN["typo"]
    acronyms = [(typo(outer, rng) or outer, e.id) for e in entries for name in e.names[:1]
                if e.schema != "Person" and (outer := _before_acronym(name))]
    recall_table(console, index, exact, f"Names holding a listed name at {threshold}", [
        ("a listed company's branch or office (VTB Bank Shanghai Branch)",
         [(n, i, "LegalEntity") for n, i in branch]),
        ("a listed name without its acronym, one typo (Foriegn Trade Bank)",
         [(n, i, "LegalEntity") for n, i in acronyms])], threshold)


TITLES = ["Mr.", "Dr.", "Sheikh", "Haji", "General", "Col.", "Prof.", "Ayatollah"]
AIRLINE_WORDS = ("AIR", "AIRLINES", "AIRWAYS")


def as_written(console: Console, index: NameIndex, entries: list[ListEntry],
               exact: dict[str, set[str]], rng: random.Random, threshold: float) -> None:
    """Names as letters, files and users write them: a listed "SURNAME, Given names" person
    by the first given name and surname, without and with a title before it (Dr. Ali KHAMENEI
    for KHAMENEI, Ali Husseini) or with a nickname of it (Bill CLINTON), and a listed airline
    whose name ends in Air, Airlines or Airways with another of the three (MAHAN AIRLINES for
    MAHAN AIR)."""
    # "SURNAME, Given names" persons, as "Given SURNAME" (the first given name only, as
    # letters write Ali KHAMENEI for KHAMENEI, Ali Husseini), without and with a title
    people = [e for e in entries if e.schema == "Person" and e.names[0].count(",") == 1
              and e.names[0].split(",")[1].split()]
    short, titled = [], []
    for e in rng.sample(people, min(300, len(people))):
        surname, given = e.names[0].split(",")
        name = f"{given.split()[0]} {surname.strip()}"
        short.append((name, e.id, "Person"))
        titled.append((f"{rng.choice(TITLES)} {name}", e.id, "Person"))
    airlines = [(" ".join([*words[:-1], rng.choice([w for w in AIRLINE_WORDS
                                                     if w != words[-1].upper()])]),
                 e.id, "LegalEntity")
                for e in entries if e.schema != "Person" for words in [e.names[0].split()]
                if len(words) >= 2 and words[-1].upper() in AIRLINE_WORDS]
    # ... and by a nickname of that given name, or the name of a nickname (Bill for William)
    nicknamed = [(f"{rng.choice(others).title()} {surname.strip()}", e.id, "Person")
                 for e in people for surname, given in [e.names[0].split(",")]
                 if (others := nicknames_of(latin_key(given.split()[0])))]
    nicknamed = rng.sample(nicknamed, min(300, len(nicknamed)))
    recall_table(console, index, exact, f"Names as users write them at {threshold}", [
        ("a listed person by first given name and surname (Ali KHAMENEI)", short),
        ("... with a title before it (Dr. Ali KHAMENEI)", titled),
        ("... with a nickname of that given name (Bill CLINTON for CLINTON, William)",
         nicknamed),
        ("an airline's Air as Airlines or Airways (MAHAN AIRLINES)", airlines)], threshold)


def _before_acronym(name: str) -> str:
    """The name before a final "(ACRONYM)" of its words' initials, or "" (the listed names
    chosen by letters alone, not by the code the table measures)."""
    if not name.endswith(")") or "(" not in name:
        return ""
    outer, short = name[:-1].rsplit("(", 1)
    words = [w for w in outer.replace("-", " ").split() if w[:1].isalpha()]
    initials = "".join(w[0] for w in words if w.casefold() not in ("of", "the", "and", "in"))
    return outer.strip() if short.isalpha() and short.isupper() and short == initials.upper() \
        else ""


def made_up_people(entries: list[ListEntry], n: int, rng: random.Random) -> list[str]:
    """`n` names "Given names SURNAME" joining the given names of one listed person written
    "SURNAME, Given names" to the surname of another, leaving out any whose words are those
    of a listed name."""
    parts = [(name.split(",", 1)[1].strip(), name.split(",", 1)[0].strip())
             for e in entries if e.schema == "Person" for name in e.names[:1]
             if name.count(",") == 1]
    parts = [(given, surname) for given, surname in parts if given and surname]
    listed = {tuple(sorted(analyze_name(name, is_person(e.schema)).tokens))
              for e in entries for name in e.names}
    out: list[str] = []
    for _ in range(20 * n if parts else 0):  # bounded: most draws are kept
        if len(out) == n:
            break
        (given, _), (_, surname) = rng.choice(parts), rng.choice(parts)
        name = f"{given} {surname}"
        if tuple(sorted(analyze_name(name, True).tokens)) not in listed:
            out.append(name)
    return out


if __name__ == "__main__":
    main()
