"""Rule definitions, read from one YAML file per rule in ``pierce/data/rules/``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

LINK_MODES = {"share", "full", "possible", "unknown", "ignore"}


class RuleError(ValueError):
    """A rule file that cannot be used."""


@dataclass(frozen=True)
class Window:
    start: date
    end: date | None
    state: str  # in_force | suspended
    citation: str = ""


@dataclass(frozen=True)
class Matcher:
    """Which Sanction entries count as 'listed' for a rule; every given field must match."""

    program_ids: tuple[str, ...] = ()
    program_id_prefixes: tuple[str, ...] = ()
    authorities: tuple[str, ...] = ()
    programs: tuple[str, ...] = ()
    exclude_program_ids: tuple[str, ...] = ()
    exclude_programs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    citations: tuple[str, ...]
    threshold: float
    strict: bool  # comparison ">" instead of ">="
    aggregation: str  # sum | max
    links: dict[str, str]
    windows: tuple[Window, ...]
    listed: tuple[Matcher, ...]
    exclude_countries: frozenset[str] = frozenset()
    not_applicable_reason: str = ""
    licence_policy_rank: tuple[str, ...] = ()
    source: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def state(self, as_of: date) -> tuple[str, Window | None]:
        """``in_force``, ``suspended`` or ``not_in_force`` on a date, with the window."""
        for window in self.windows:
            if window.start <= as_of and (window.end is None or as_of <= window.end):
                return window.state, window
        return "not_in_force", None

    def meets(self, share: float) -> bool:
        # Shares are sums of floats; a tolerance keeps 25 + 25 at 50.
        if self.strict:
            return share > self.threshold + 1e-9
        return share >= self.threshold - 1e-9


def _date(value: Any, where: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as error:
        raise RuleError(f"{where}: not a date: {value!r}") from error


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def parse_rule(data: dict[str, Any], source: str) -> Rule:
    try:
        comparison = data.get("comparison", ">=")
        if comparison not in (">=", ">"):
            raise RuleError(f"{source}: comparison must be '>=' or '>', not {comparison!r}")
        aggregation = data.get("aggregation", "sum")
        if aggregation not in ("sum", "max"):
            raise RuleError(f"{source}: aggregation must be 'sum' or 'max'")
        links = {str(k): str(v) for k, v in (data.get("links") or {"ownership": "share"}).items()}
        bad = {v for v in links.values() if v not in LINK_MODES}
        if bad:
            raise RuleError(
                f"{source}: unknown link mode(s) {sorted(bad)}; use {sorted(LINK_MODES)}"
            )
        windows = tuple(
            Window(
                start=_date(w["from"], f"{source} windows[{i}].from"),
                end=_date(w["to"], f"{source} windows[{i}].to") if w.get("to") else None,
                state=str(w.get("state", "in_force")),
                citation=str(w.get("citation", "")),
            )
            for i, w in enumerate(data.get("windows") or [])
        )
        for window in windows:
            if window.state not in ("in_force", "suspended"):
                raise RuleError(f"{source}: window state {window.state!r} unknown")
        listed = tuple(
            Matcher(**{k: _strings(v) for k, v in m.items()}) for m in data.get("listed") or []
        )
        applies = data.get("applies_to") or {}
        return Rule(
            id=str(data["id"]),
            name=str(data.get("name", data["id"])),
            citations=_strings(data.get("citations")),
            threshold=float(data["threshold"]),
            strict=comparison == ">",
            aggregation=aggregation,
            links=links,
            windows=windows,
            listed=listed,
            exclude_countries=frozenset(
                c.lower() for c in _strings(applies.get("exclude_countries"))
            ),
            not_applicable_reason=str(applies.get("reason", "")),
            licence_policy_rank=tuple(s.lower() for s in _strings(data.get("licence_policy_rank"))),
            source=source,
        )
    except KeyError as error:
        raise RuleError(f"{source}: missing field {error}") from error
    except TypeError as error:
        raise RuleError(f"{source}: {error}") from error


def load_rule_file(path: Path) -> Rule:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise RuleError(f"{path}: cannot read rule: {error}") from error
    if not isinstance(data, dict):
        raise RuleError(f"{path}: a rule file must be a mapping")
    return parse_rule(data, str(path))


def load_rules(ids: list[str] | None = None, folder: Path | None = None) -> list[Rule]:
    """The rules in ``folder`` (default: the packaged ones), optionally only ``ids``, in order."""
    if folder is None:
        folder = Path(str(resources.files("pierce") / "data" / "rules"))
    rules = {r.id: r for r in (load_rule_file(p) for p in sorted(folder.glob("*.yaml")))}
    if ids is None:
        return list(rules.values())
    unknown = [i for i in ids if i not in rules]
    if unknown:
        raise RuleError(f"unknown rule(s) {', '.join(unknown)}; known: {', '.join(rules)}")
    return [rules[i] for i in ids]
