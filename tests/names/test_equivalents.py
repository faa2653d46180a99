"""Given names in other languages and nicknames (rigour's person-name tagger, run by
scripts/build_name_equivalents.py); spellings the lists give of one word of an organisation's
name (scripts/build_listed_variants.py)."""

from __future__ import annotations

import pytest

from pierce.match.scorer import score_names
from pierce.match.weights import default_model
from pierce.names.equivalents import EQUIVALENT, equivalent_names, listed_spellings, nicknames


@pytest.mark.parametrize(("a", "b"), [("pyotr", "peter"), ("aleksandr", "alexander"),
                                      ("michael", "mikhail"), ("yousef", "yusuf")])
def test_one_name_in_two_languages(a: str, b: str) -> None:
    assert equivalent_names(a, b) and equivalent_names(b, a)


@pytest.mark.parametrize(("a", "b"), [("alexander", "alexandra"), ("john", "ivan"),
                                      ("hassan", "hussein"), ("peter", "peter"), ("7", "7"),
                                      # romanised syllables the tagger links: other people
                                      ("hong", "kang"), ("jang", "yang"), ("yu", "jo")])
def test_different_names_or_the_same_word_are_not_equivalents(a: str, b: str) -> None:
    assert not equivalent_names(a, b)


@pytest.mark.parametrize(("a", "b"), [("bill", "william"), ("bob", "robert"), ("tony", "anthony"),
                                      ("liz", "elizabeth"), ("dick", "richard"), ("ted", "edward")])
def test_a_nickname_is_its_name_however_short_and_whatever_its_initial(a: str, b: str) -> None:
    assert equivalent_names(a, b) and equivalent_names(b, a) and nicknames(a, b)


@pytest.mark.parametrize(("a", "b"), [("ben", "benjamin"), ("al", "albert"), ("bob", "bill")])
def test_a_particle_is_no_nickname_and_two_nicknames_of_other_names_differ(a: str, b: str
                                                                           ) -> None:
    """"ben" of Oussama ben Laden is "son of", not Benjamin."""
    assert not equivalent_names(a, b)


def test_a_nickname_meets_the_listed_name_and_says_so() -> None:
    pair = score_names("Bill Clinton", "William Jefferson CLINTON", "Person")
    assert pair.score >= default_model().threshold
    assert "'bill' ~ 'william': one given name (a nickname)" in pair.explain()
    pair = score_names("BICHKOV, Peter", "BYCHKOV, Pyotr", "Person")
    assert "'peter' ~ 'pyotr': one given name (in another language)" in pair.explain()
    assert not nicknames("peter", "pyotr")


def test_a_persons_given_name_meets_its_equivalent() -> None:
    """CSL: BYCHKOV, Pyotr Aleksandrovich is also listed as BICHKOV, Peter Alexandrovich."""
    pair = score_names("BICHKOV, Peter Alexandrovich", "BYCHKOV, Pyotr Aleksandrovich",
                       "Person")
    assert pair.alignment is not None and ("peter", "pyotr", EQUIVALENT) in pair.alignment.pairs
    assert pair.score >= default_model().threshold
    assert pair.features["known_fuzzy"] == 0.0  # one name, not a look-alike word


def test_a_companys_words_are_compared_as_spelt() -> None:
    pair = score_names("Peter Trading", "Pyotr Trading", "Company")
    assert pair.alignment is not None
    assert all(sim < EQUIVALENT for a, b, sim in pair.alignment.pairs if a != b)


def test_an_organisations_word_as_the_lists_also_spell_it() -> None:
    """OFAC lists one party as LEBANESE HEZBOLLAH and LEBANESE HIZBALLAH, another as AL QA'IDA
    and AL-QAEDA; the case of the word is kept."""
    assert "Hizballah" in listed_spellings("Hezbollah")
    assert listed_spellings("AL QAEDA") == ["AL QAIDA"]
    assert "Lebanese Hizballah Foundation" in listed_spellings("Lebanese Hezbollah Foundation")
    # common words are left as they are: a party's names vary in them, most names do not
    assert listed_spellings("African Electric Holding") == []
    assert listed_spellings("") == []
