"""A person's name as German, Polish or French write it, read as English writes the same
sounds (latin_spellings.json): Jewgeni Prigoschin and Evgueni Prigojine are Yevgeniy
Prigozhin, as European lists, registers and papers write Russian names their own way."""

from __future__ import annotations

import re
from functools import cache

from pierce.names.resources import load

_FINAL_E = re.compile(r"(?<=[^aeiouy\W])e\b")


@cache
def _conventions() -> dict[str, tuple[re.Pattern[str], re.Pattern[str], dict[str, str], bool]]:
    """Per convention, in the file's order: its markers as one pattern, its rules as one
    pattern (longest letter group first, so each letter is rewritten once) with their
    readings, and `final_e`."""
    out = {}
    for convention in load("latin_spellings")["conventions"]:
        rules = dict(convention["rules"])
        groups = sorted(rules, key=len, reverse=True)
        out[convention["name"]] = (re.compile("|".join(convention["markers"])),
                                   re.compile("|".join(map(re.escape, groups))), rules,
                                   bool(convention["final_e"]))
    return out


def reading_convention(name: str) -> str:
    """The convention (German, Polish, French) the name shows a marker of, first found;
    '' for none."""
    text = name.casefold()
    return next((convention for convention, (markers, *_) in _conventions().items()
                 if markers.search(text)), "")


def english_reading(name: str) -> str:
    """The name read as English writes its sounds, by the first convention whose marker it
    shows ('' when none: a name written the English way is left alone)."""
    convention = reading_convention(name)
    if not convention:
        return ""
    _, rules, readings, final_e = _conventions()[convention]
    text = rules.sub(lambda m: readings[m.group(0)], name.casefold())
    return _FINAL_E.sub("", text) if final_e else text
