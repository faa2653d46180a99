"""analyze_name: one raw name → every form the matcher compares."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

import icu
from rigour.text.phonetics import metaphone
from rigour.text.scripts import is_dense_script

from pierce.names.arabic_words import arabic_in_english
from pierce.names.conventions import english_reading
from pierce.names.han import has_han, pinyin_syllables, without_legal_forms
from pierce.names.hangul import is_hangul_name, person_words
from pierce.names.legal_forms import LegalForms, legal_tokens, split_legal_forms
from pierce.names.resources import load
from pierce.names.text import clean_text, latin_key


@dataclass(frozen=True)
class NameForm:
    """A name analysed for comparison. `tokens` are the core words (legal forms removed,
    synonyms and numbers folded), in the original order; comparison is order-free."""

    original: str
    latin: str  # full latin key, legal forms included
    tokens: tuple[str, ...]
    legal_forms: frozenset[str]
    legal_generic: frozenset[str]
    non_latin: bool  # the original was written (partly) in another script
    # a second spelling: Han as separate pinyin syllables; other scripts by ICU's reversible
    # romanisation (Цветков → cvetkov beside tsvetkov, Κ → k beside the modern Greek reading)
    alt_tokens: tuple[str, ...] = ()
    dense_tokens: tuple[str, ...] = ()  # Han/Hangul/Kana names: one token per character
    abjad: bool = False  # written in Arabic or Hebrew script (romanised without most vowels)
    # a person's surnames where the writing marks them ("ZULETA TROCHEZ, Jose", "Jose
    # ZULETA TROCHEZ"): a second surname is often left out, a given name less so
    family: frozenset[str] = frozenset()
    # romanised as the lists write such names (a Korean person's, a syllable a word), not
    # transliterated: its words are compared as written, not with a transliteration's letters
    # folded together (chun is no kun)
    as_listed: bool = False
    # a third spelling: of a name in Greek letters, as Greek writes foreign names
    # (Μεντβέντεφ → medbedeph beside mentventef and ICU's mentbenteph, `greek_reading`); of
    # an organisation's name in Arabic script, with its common words in English (الجهاد
    # الاسلامي المصري → jihad islamic egyptian, `arabic_in_english`); of a person's name in
    # Latin letters written the German, Polish or French way, as English writes its sounds
    # (Jewgeni Prigoschin → yevgeni prigoshin, `english_reading`)
    foreign_tokens: tuple[str, ...] = ()
    # words written shortened, with a period (Mat., Equip., Std.): each stands for a longer
    # word it begins, or whose letters it keeps in order (see `abbreviates`)
    abbreviated: frozenset[str] = frozenset()

    @cached_property
    def spellings(self) -> tuple[tuple[str, ...], ...]:
        """The name's spellings compared (tokens first; each once; none empty but tokens)."""
        return tuple(dict.fromkeys((self.tokens, *(t for t in (self.alt_tokens,
                                                                 self.foreign_tokens) if t))))

    @property
    def compact(self) -> str:
        return "".join(self.tokens)

    @property
    def numbers(self) -> frozenset[str]:
        return frozenset(t for t in self.tokens if t.isdigit())

    @cached_property
    def legal_words(self) -> frozenset[str]:
        """The words of the name's legal forms (open, joint, stock, co of OPEN JOINT-STOCK
        COMPANY), as tokens are spelt: the words the core left out."""
        if not self.legal_forms:
            return frozenset()
        return frozenset(fold_tokens(self.latin.split())) - set(self.tokens)


@cache
def _synonyms() -> dict[str, str]:
    table: dict[str, str] = load("token_synonyms")["tokens"]
    return table


@cache
def spellings() -> dict[str, tuple[str, ...]]:
    """The written spellings each folded word stands for (mohammed: muhammad, mohamad ...)."""
    out: dict[str, list[str]] = {}
    for written, folded in _synonyms().items():
        out.setdefault(folded, []).append(written)
    return {folded: tuple(words) for folded, words in out.items()}


@cache
def honorifics() -> frozenset[str]:
    """The particles that are titles (mr, dr, st): in a name written without vowels the same
    letters are a word (عمر "mr" is Omar)."""
    return frozenset(load("token_synonyms")["honorifics"])


@cache
def titles() -> frozenset[str]:
    """Titles of a person (Mr, Dr, Sheikh, General): no part of the name (person_titles.json)."""
    return frozenset(load("person_titles")["titles"])


def without_titles(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """A person's name words without its titles: they name a rank or a form of address, not
    the person ('Mr. Vladimir Putin' is PUTIN, Vladimir); all of them when nothing else is
    left (DOCTOR)."""
    return tuple(t for t in tokens if t not in titles()) or tokens


@lru_cache(maxsize=100_000)  # (asked of every name pair screening scores as persons')
def titles_left_out(name: str) -> tuple[str, ...]:
    """The titles `analyze_name` leaves out of a person's name (for explanations)."""
    words = latin_key(name).split()
    if titles().isdisjoint(words):  # most names: no title, no more work
        return ()
    form = analyze_name(name, person=True)
    if form.non_latin:
        return ()
    return tuple(t for t in dict.fromkeys(fold_tokens(words))
                 if t in titles() and t not in form.tokens)


@cache
def particles() -> frozenset[str]:
    """Name particles and honorifics (bin, al, van, der, mr ...): low weight, never decisive."""
    return frozenset(load("token_synonyms")["particles"])


TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
        "seventy": 70, "eighty": 80, "ninety": 90}


@cache
def _suffixes() -> tuple[tuple[str, str], ...]:
    table: dict[str, str] = load("token_synonyms")["suffixes"]
    return tuple(sorted(table.items(), key=lambda item: -len(item[0])))  # longest first


SUFFIX_MIN_LENGTH = 8  # RISING, PRAISED stay as they are; SPECIALISED is SPECIALIZED


def fold_spelling(word: str) -> str:
    """One spelling of a word: its synonym (Defence → defense, Mohd → mohammed), else the
    British suffix -isation, -ised, -ising written the American way."""
    folded = _synonyms().get(word)
    if folded is not None:
        return folded
    if len(word) >= SUFFIX_MIN_LENGTH:
        for british, american in _suffixes():
            if word.endswith(british):
                return word[: -len(british)] + american
    return word


_DIGIT_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th)")


def fold_tokens(words: list[str]) -> tuple[str, ...]:
    """Synonyms and number words folded; "forty four" and "forty 4" → "44"; "007" → "7";
    an ordinal is its number ("14th" and "fourteenth" → "14"), so that two numbers that
    differ (CETC 14TH ~ CETC 38TH RESEARCH INSTITUTE) are compared as numbers, never as
    look-alike words."""
    out: list[str] = []
    for word in words:
        word = fold_spelling(word)
        if (ordinal := _DIGIT_ORDINAL.fullmatch(word)) is not None:
            word = ordinal[1]
        if word.isdigit():
            word = str(int(word)) if len(word) < 12 else word
            if out and out[-1] in TENS and len(word) == 1:
                out.append(str(TENS[out.pop()] + int(word)))
                continue
        out.append(word)
    return tuple(str(TENS[w]) if w in TENS else w for w in out)


@cache
def _romaniser() -> icu.Transliterator:
    return icu.Transliterator.createInstance("Any-Latin; Latin-ASCII")


def second_romanisation(cleaned: str) -> str:
    """ICU's scholarly, reversible romanisation: ц → c, х → h, щ → sc, β → b. Lists romanise
    by many conventions and rigour's ascii_text (the main spelling) follows only one."""
    return str(_romaniser().transliterate(cleaned))


_GREEK = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")
_ACCENTS = dict.fromkeys(map(ord, "\u0300\u0301\u0342"))  # (breathings, diaereses kept)


@cache
def _greek_pairs() -> tuple[re.Pattern[str], dict[str, str]]:
    """The pairs (greek_foreign_names.json), longest first, as one pattern, and their reading."""
    pairs: dict[str, str] = load("greek_foreign_names")["pairs"]
    ordered = sorted(pairs, key=len, reverse=True)
    return re.compile("(" + "|".join(map(re.escape, ordered)) + ")(?![\u0300-\u036f])"), pairs


def greek_reading(cleaned: str) -> str:
    """A name in Greek letters read as Greek writes foreign names (greek_foreign_names.json),
    the other letters as ICU reads them: Ντμίτρι Μεντβέντεφ → dmitri medbedeph, Μουχαμάντ →
    muhamad; '' for a name without Greek letters."""
    if not _GREEK.search(cleaned):
        return ""
    pattern, pairs = _greek_pairs()
    text = unicodedata.normalize("NFD", cleaned).translate(_ACCENTS)
    text = pattern.sub(lambda m: pairs[m.group(1)], text)
    return second_romanisation(unicodedata.normalize("NFC", text))


def _core(latin: str, person: bool) -> LegalForms:
    """A person's name has no legal form: SA'D, KO KO, YU, SAM are names, not S.A.D. or K.K."""
    return LegalForms(latin, frozenset(), frozenset()) if person else split_legal_forms(latin)


_NO_WORDS: frozenset[str] = frozenset()


@lru_cache(maxsize=200_000)
def analyze_name(name: str, person: bool = False) -> NameForm:
    """Analyse one name (`person`: a person's, whose words are never legal forms). Never
    raises; an empty or unusable name gives empty tokens."""
    latin = latin_key(name)
    parts = _core(latin, person)
    tokens = fold_tokens(parts.core.split())
    cleaned = clean_text(name)
    non_latin = not cleaned.isascii() and any(ord(c) > 0x24F and c.isalpha() for c in cleaned)
    if person and not non_latin:  # (romanised Arabic script: عمر "mr" is Omar, not Mr)
        tokens = without_titles(tokens)
    alt: tuple[str, ...] = ()
    hangul = person and is_hangul_name(cleaned)
    if hangul:  # a syllable a word, as lists write Korean names
        mr, rr = person_words(cleaned)
        tokens, alt = fold_tokens(list(mr)), fold_tokens(list(rr))
        alt = () if alt == tokens else alt
    elif has_han(cleaned):
        alt = fold_tokens(_core(latin_key(pinyin_syllables(cleaned)), person).core.split())
    elif non_latin:
        alt = fold_tokens(_core(latin_key(second_romanisation(cleaned)), person).core.split())
        alt = () if alt == tokens else alt
    abjad = non_latin and any("\u0590" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f"
                              or "\ufb1d" <= c <= "\ufdff" or "\ufe70" <= c <= "\ufeff"
                              for c in cleaned)
    foreign: tuple[str, ...] = ()
    if non_latin:
        reading = greek_reading(cleaned) or (
            arabic_in_english(cleaned) if abjad and not person else "")
    else:
        reading = english_reading(cleaned) if person else ""
    if reading:
        foreign = fold_tokens(_core(latin_key(reading), person).core.split())
        foreign = () if foreign in (tokens, alt) else foreign
    core = without_legal_forms(cleaned) if has_han(cleaned) and not person else cleaned
    letters = [c for c in core if c.isalnum()] if non_latin else []
    dense: tuple[str, ...] = ()
    if letters and len(letters) <= 40 and is_dense_script("".join(letters)):
        dense = tuple(letters)
    family = surnames(name, tokens) if person and not non_latin else frozenset()
    # (most names have no legal form, marked surname or shortened word: each empty set is
    # the one shared empty set, not 216 bytes of its own; 241 MB on the speed bench's index)
    return NameForm(name, latin, tokens, parts.forms or _NO_WORDS, parts.generic or _NO_WORDS,
                    non_latin, alt, dense, abjad, family or _NO_WORDS, as_listed=hangul,
                    foreign_tokens=foreign, abbreviated=abbreviated_words(cleaned, tokens))


# a word of 3 to 7 letters ended by a period, not within a dotted acronym (U.S.A.) or a
# word run on after the period (Co.Ltd)
_SHORTENED = re.compile(r"(?<![\w.])([^\W\d_]{3,7})\.(?![\w.])")


def abbreviated_words(cleaned: str, tokens: tuple[str, ...]) -> frozenset[str]:
    """The tokens a name writes shortened with a period (Wuxi Paike New Mat. Tech.: mat;
    Tech. is folded to technology, a word in full). Legal-form words (Co., Corp.) and
    particles (Dr.) are no such words: they are compared as they are."""
    if "." not in cleaned:
        return _NO_WORDS
    found = set()
    for match in _SHORTENED.finditer(cleaned):
        word = latin_key(match.group(1))
        if word.isalpha() and fold_spelling(word) == word:
            found.add(word)
    found &= set(tokens)
    found -= legal_tokens()
    found -= particles()
    return frozenset(found) if found else _NO_WORDS


def abbreviates(short: str, word: str) -> bool:
    """Can `short`, written shortened, stand for `word`: the same first letter, and its
    letters in the word's order with two letters at least left out (Mat. materials, Std.
    standard, Mgmt. management)?"""
    if len(word) < len(short) + 2 or short[0] != word[0]:
        return False
    rest = iter(word[1:])
    return all(letter in rest for letter in short[1:])


def surnames(name: str, tokens: tuple[str, ...]) -> frozenset[str]:
    """The tokens of a person's surnames, where the writing says which they are: the words
    before the comma of "ZULETA TROCHEZ, Jose", or the capitalised words of "Jose ZULETA
    TROCHEZ" (the UN's and the EU's convention) when other words are not capitalised."""
    if name.count(",") == 1:
        written = name.split(",")[0]
    else:
        words = [w for w in name.split() if sum(c.isalpha() for c in w) > 1]
        upper = [w for w in words if w.isupper()]
        if not upper or len(upper) == len(words):
            return frozenset()
        written = " ".join(upper)
    return frozenset(fold_tokens(latin_key(written).split())) & set(tokens)


def is_initial(token: str) -> bool:
    """A one-letter Latin token stands for a word (J. Smith); a single Han, Hangul or Kana
    character is a whole syllable and weighs as a word."""
    return len(token) == 1 and token.isascii()


@lru_cache(maxsize=200_000)
def phonetic_key(token: str) -> str:
    """Metaphone of a token ('' for digits and one-letter tokens)."""
    if len(token) < 2 or token.isdigit():
        return ""
    return metaphone(token)
