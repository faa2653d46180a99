"""Equivalent products and software lineage.

Hardware: model designations are normalised (case, punctuation, vendor prefixes from
``graph.yaml``: IR5280M6 ≡ NF5280M6 ≡ 5280M6) and agreement is weighed with description
similarity. Software: packages share author identities, e-mail domains or most of their modules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from followthemoney import EntityProxy
from rapidfuzz import fuzz

from pierce.graph.config import config
from pierce.sources.packages import split_author

_NON_ALNUM = re.compile(r"[^0-9A-Z]+")


def model_core(model: str, brands: list[str] | tuple[str, ...] = ()) -> str:
    """The model designation without case, punctuation, brand names or vendor prefixes."""
    settings = config()["products"]
    text = _NON_ALNUM.sub("", model.upper())
    prefixes = sorted(
        {_NON_ALNUM.sub("", p.upper()) for p in [*settings["vendor_prefixes"], *brands]} - {""},
        key=len,
        reverse=True,
    )
    changed = True
    while changed:
        changed = False
        for prefix in prefixes:
            rest = text[len(prefix) :]
            if (
                text.startswith(prefix)
                and len(rest) >= settings["min_core_length"]
                and any(c.isdigit() for c in rest)
                and rest[0].isdigit()
            ):
                text, changed = rest, True
                break
    return text


def models_of(product: EntityProxy) -> list[str]:
    return [
        k.split(":", 1)[1] for k in product.get("keywords", quiet=True) if k.startswith("model:")
    ]


def description_similarity(a: EntityProxy, b: EntityProxy) -> float:
    da = " ".join(a.get("description", quiet=True))
    db = " ".join(b.get("description", quiet=True))
    if not da or not db:
        return 0.0
    return float(fuzz.token_set_ratio(da.lower(), db.lower())) / 100.0


@dataclass(frozen=True)
class Equivalence:
    other: str
    score: float
    reason: str


def rebadges(product: EntityProxy, candidates: list[EntityProxy]) -> list[Equivalence]:
    """Products among ``candidates`` with the same model core, scored with descriptions."""
    settings = config()["products"]
    cores = {model_core(m): m for m in models_of(product)}
    cores.pop("", None)
    found = []
    for other in candidates:
        if other.id == product.id:
            continue
        for model in models_of(other):
            core = model_core(model)
            if core in cores and len(core) >= settings["min_core_length"]:
                similarity = description_similarity(product, other)
                weight = settings["description_weight"]
                score = round((1 - weight) + weight * similarity, 3)
                reason = (
                    f"model {cores[core]} ≡ {model} (core {core}); "
                    f"description similarity {similarity:.2f}"
                )
                found.append(Equivalence(other.id or "", score, reason))
                break
    return sorted(found, key=lambda e: -e.score)


def product_candidates(store: Any, product: EntityProxy) -> list[EntityProxy]:
    """Products in the store whose model designation could share ``product``'s core."""
    cores = [model_core(m) for m in models_of(product)]
    cores = [c for c in cores if c]
    if not cores:
        return []
    clauses = " OR ".join("upper(value) LIKE ?" for _ in cores)
    rows = store.con.execute(
        "SELECT DISTINCT entity_id FROM current_statements WHERE prop = 'keywords' AND "
        f"value LIKE 'model:%' AND ({clauses}) LIMIT 200",
        [f"%{c}%" for c in cores],
    ).fetchall()
    found = [store.get(row[0]) for row in rows]
    return [e for e in found if e is not None]


def _authors(package: EntityProxy) -> tuple[set[str], set[str], set[str]]:
    names, emails = set(), set()
    for author in package.get("author", quiet=True):
        name, email = split_author(author)
        if name:
            names.add(name.lower())
        if email:
            emails.add(email)
    public = set(config()["public_email_domains"])
    domains = {e.rsplit("@", 1)[1] for e in emails if "@" in e} - public
    return names, emails, domains


def modules_of(package: EntityProxy) -> set[str]:
    return {
        k.split(":", 1)[1] for k in package.get("keywords", quiet=True) if k.startswith("module:")
    }


def lineage(package: EntityProxy, candidates: list[EntityProxy]) -> list[Equivalence]:
    """Packages sharing authors, e-mail domains or most modules with ``package``."""
    names, emails, domains = _authors(package)
    modules = modules_of(package)
    threshold = config()["products"]["min_module_overlap"]
    found = []
    for other in candidates:
        if other.id == package.id:
            continue
        o_names, o_emails, o_domains = _authors(other)
        o_modules = modules_of(other)
        reasons, score = [], 0.0
        if emails & o_emails:
            reasons.append(f"same author e-mail {sorted(emails & o_emails)[0]}")
            score = max(score, 0.9)
        elif names & o_names:
            reasons.append(f"same author name {sorted(names & o_names)[0]}")
            score = max(score, 0.6)
        if domains & o_domains:
            reasons.append(f"same e-mail domain {sorted(domains & o_domains)[0]}")
            score = max(score, 0.5)
        if modules and o_modules:
            overlap = len(modules & o_modules) / len(modules | o_modules)
            if overlap >= threshold:
                reasons.append(f"module overlap {overlap:.2f}")
                score = min(1.0, score + 0.3 * overlap) if score else 0.5 * overlap + 0.3
        if reasons:
            found.append(Equivalence(other.id or "", round(score, 3), "; ".join(reasons)))
    return sorted(found, key=lambda e: -e.score)


def package_candidates(store: Any, package: EntityProxy) -> list[EntityProxy]:
    values = [
        *package.get("emailMentioned", quiet=True),
        *package.get("author", quiet=True),
        *(f"module:{m}" for m in modules_of(package)),
    ]
    if not values:
        return []
    marks = ",".join("?" * len(values))
    rows = store.con.execute(
        "SELECT DISTINCT entity_id FROM current_statements WHERE schema = 'Package' AND prop IN "
        f"('emailMentioned', 'author', 'keywords') AND value IN ({marks}) LIMIT 200",
        values,
    ).fetchall()
    domains = _authors(package)[2]
    if domains:
        marks = ",".join("?" * len(domains))
        rows += store.con.execute(
            "SELECT DISTINCT entity_id FROM current_statements WHERE schema = 'Package' AND prop = "
            f"'emailMentioned' AND split_part(value, '@', 2) IN ({marks}) LIMIT 200",
            sorted(domains),
        ).fetchall()
    found = [store.get(i) for i in sorted({r[0] for r in rows})]
    return [e for e in found if e is not None]
