"""Chinese (Han) names to latin: organisation words to English, the rest to pinyin."""

from __future__ import annotations

import re
from functools import cache

import icu
from pypinyin import lazy_pinyin

from pierce.names.resources import load

_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


@cache
def _terms_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    terms: dict[str, str] = load("han_terms")["terms"]
    ordered = sorted(terms, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, ordered))), terms


@cache
def _simplifier() -> icu.Transliterator:
    return icu.Transliterator.createInstance("Traditional-Simplified")


def simplified(text: str) -> str:
    """Traditional characters to simplified (國際 → 国际), so one term table serves both."""
    return str(_simplifier().transliterate(text))


def has_han(text: str) -> bool:
    return _HAN_RUN.search(text) is not None


def han_to_latin(text: str) -> str:
    """浪潮集团有限公司 → " langchao group co ltd ": known organisation words become English,
    every other run of Han characters becomes one pinyin word (syllables joined, as romanised
    Chinese company names are usually written: Langchao, Huawei)."""
    if not has_han(text):
        return text
    pattern, terms = _terms_pattern()
    text = pattern.sub(lambda m: f" {terms[m.group(0)]} ", simplified(text))
    return _HAN_RUN.sub(lambda m: " " + "".join(lazy_pinyin(m.group(0))) + " ", text)


def pinyin_syllables(text: str) -> str:
    """Like `han_to_latin` but every other Han character a separate pinyin syllable
    (浪潮 → "lang chao", the other romanised spelling in use)."""
    if not has_han(text):
        return text
    pattern, terms = _terms_pattern()
    text = pattern.sub(lambda m: f" {terms[m.group(0)]} ", simplified(text))
    return _HAN_RUN.sub(lambda m: " " + " ".join(lazy_pinyin(m.group(0))) + " ", text)


@cache
def _legal_forms_pattern() -> re.Pattern[str]:
    forms: list[str] = load("han_terms")["legal_forms"]
    return re.compile("|".join(map(re.escape, sorted(forms, key=len, reverse=True))))


def without_legal_forms(text: str) -> str:
    """A Han name without its legal-form words (有限公司, 公司 ...), or unchanged if that
    would leave nothing: 浪潮集团有限公司 → 浪潮集团."""
    core = _legal_forms_pattern().sub("", simplified(text))
    return core if core.strip() else text


def through_legal_form(text: str) -> str:
    """The text up to the end of its last Han legal form (华为技术有限公司北京 → 华为技术有限公司),
    or "" when it has none."""
    found = list(_legal_forms_pattern().finditer(simplified(text)))
    return text[:found[-1].end()] if found else ""
