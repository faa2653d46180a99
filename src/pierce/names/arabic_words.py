"""Common words of organisations' names in Arabic script read in English
(arabic_org_words.json): الجهاد الاسلامي المصري is EGYPTIAN ISLAMIC JIHAD on the lists, which
no romanisation of its letters comes near."""

from __future__ import annotations

import re
from functools import cache

from pierce.names.resources import load

_ARABIC_WORD = re.compile(r"[\u0600-\u06ff\u0750-\u077f]+")
_VOWEL_MARKS = re.compile(r"[\u064b-\u065f\u0670]")
# letters written variously in one word: hamza seats, ta marbuta, Persian kaf and ye
_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي",
                          "ی": "ي", "ک": "ك", "ـ": ""})
_ARTICLES = ("وال", "بال", "فال", "كال", "لل", "ال")  # al-, with wa-, bi-, fa-, ka-, li-


def _key(word: str) -> str:
    return _VOWEL_MARKS.sub("", word).translate(_LETTERS)


@cache
def _words() -> dict[str, str]:
    table: dict[str, str] = load("arabic_org_words")["words"]
    return {_key(word): english for word, english in table.items()}


def _english(word: str) -> str | None:
    """The English of one word, with its article and a leading wa- ('and') taken off."""
    words = _words()
    key = _key(word)
    if key in words:
        return words[key]
    for article in _ARTICLES:
        if key.startswith(article) and (rest := key[len(article):]) in words:
            return ("and " if article == "وال" else "") + words[rest]
    if key.startswith("و") and (english := _english(word[1:])):
        return "and " + english
    return None


def arabic_in_english(cleaned: str) -> str:
    """A name in Arabic script with its common organisation words in English, the others as
    written (الدولة الإسلامية في العراق والشام → "state islamic in iraq and levant"); '' when
    it has none."""
    found = False

    def read(match: re.Match[str]) -> str:
        nonlocal found
        english = _english(match.group(0))
        if english is None:
            return match.group(0)
        found = True
        return english

    read_so = _ARABIC_WORD.sub(read, cleaned)
    return read_so if found else ""
