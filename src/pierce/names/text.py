"""Character-level cleaning: Unicode NFKC, casefold, invisible characters, homoglyphs, latin key."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from rigour.text.translit import ascii_text

from pierce.names.han import han_to_latin
from pierce.names.resources import load

#: Names longer than this are cut: no real name is longer, and it bounds the work per record.
MAX_NAME_CHARS = 500

_SPACES = re.compile(r"\s+")
_DOTTED_ACRONYM = re.compile(r"(?<![a-z0-9])((?:[a-z0-9]\.){2,}[a-z0-9]?)")
_APOSTROPHES = re.compile(r"['`´‘’ʼʻ]")
_NON_ALNUM = re.compile(r"[^a-z0-9&]+")


def clean_text(text: str) -> str:
    """NFKC, casefold, invisible/control characters removed, whitespace squashed, length capped.

    Format characters (zero-width space/joiners, soft hyphen, BOM, bidi marks) are deleted, so
    "Gaz\u200bprom" equals "Gazprom"; control and separator characters become spaces.
    """
    text = text[: MAX_NAME_CHARS * 2]
    if text.isascii() and text.isprintable():  # fast path: most list and registry names
        return _SPACES.sub(" ", text.casefold()).strip()[:MAX_NAME_CHARS].strip()
    text = unicodedata.normalize("NFKC", text)
    out = []
    for char in text.casefold():
        category = unicodedata.category(char)
        if category == "Cf" or category == "Mn" and char in "\u034f":
            continue
        out.append(" " if category[0] in "CZ" else char)
    cleaned = unicodedata.normalize("NFKC", "".join(out))
    return _SPACES.sub(" ", cleaned).strip()[:MAX_NAME_CHARS].strip()


def script_of(char: str) -> str:
    name = unicodedata.name(char, "")
    for script in ("LATIN", "CYRILLIC", "GREEK"):
        if name.startswith(script):
            return script
    return "OTHER" if char.isalpha() else "NONE"


def fold_homoglyphs(text: str) -> str:
    """Replace Cyrillic/Greek look-alike letters inside Latin words (and whole look-alike words
    in a mostly Latin name) by the Latin letters they imitate. Text in real Cyrillic or Greek is
    left alone: a word is folded only when it mixes scripts or the name around it is Latin."""
    if text.isascii():
        return text
    glyphs: dict[str, str] = load("homoglyphs")["map"]
    words = text.split(" ")
    scripts = [[script_of(c) for c in w] for w in words]
    latin_words = sum(1 for s in scripts if "LATIN" in s and not {"CYRILLIC", "GREEK"} & set(s))
    foreign_words = sum(1 for s in scripts if {"CYRILLIC", "GREEK"} & set(s) and "LATIN" not in s)
    out = []
    for word, word_scripts in zip(words, scripts, strict=True):
        mixed = "LATIN" in word_scripts and ("CYRILLIC" in word_scripts or "GREEK" in word_scripts)
        lookalike = all(c in glyphs or not c.isalpha() for c in word)
        if mixed or (lookalike and latin_words >= foreign_words > 0):
            word = "".join(glyphs.get(c, c) if s != "LATIN" else c
                           for c, s in zip(word, word_scripts, strict=True))
        out.append(word)
    return " ".join(out)


@cache
def _arabic_letters() -> dict[int, str]:
    table: dict[str, str] = load("arabic_letters")["map"]
    return str.maketrans(table)


def fold_arabic_letters(text: str) -> str:
    """Urdu, Pashto and Persian letters as the Arabic letters romanised alike (ہ → ه), ain and
    hamza dropped: rigour's ascii_text writes "?" for them, which split چوہدری in two."""
    return text if text.isascii() else text.translate(_arabic_letters())


_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]+")


@cache
def _cyrillic_english() -> dict[str, str]:
    table: dict[str, str] = load("cyrillic_english_words")["words"]
    return table


def english_words_in_cyrillic(text: str) -> str:
    """English words of company names that Russian writes by sound (ТЕКНОЛОДЖИС, КОРПОРЕЙШН,
    ИНК) read as those words (cyrillic_english_words.json), in casefolded text: romanised
    letter by letter they are far from it (teknolodzhis ~ technologies 0.69)."""
    if text.isascii():
        return text
    table = _cyrillic_english()
    return _CYRILLIC_WORD.sub(lambda m: table.get(m.group(0), m.group(0)), text)


@lru_cache(maxsize=65536)
def latin_key(text: str) -> str:
    """The comparable latin form of a name: cleaned, homoglyphs folded, Han to pinyin and
    English org words, English words Russian spells by sound read as such, every other
    script transliterated (ICU via rigour/normality), dotted acronyms joined (A.B.C. → abc),
    punctuation to spaces. Lowercase ASCII words and digits."""
    text = english_words_in_cyrillic(fold_homoglyphs(clean_text(text)))
    text = han_to_latin(fold_arabic_letters(text))
    text = ascii_text(text).casefold()
    text = _APOSTROPHES.sub("", text)
    text = _DOTTED_ACRONYM.sub(lambda m: m.group(1).replace(".", ""), text)
    text = _NON_ALNUM.sub(" ", text)
    text = text.replace("&", " & ")
    return _SPACES.sub(" ", text).strip()
