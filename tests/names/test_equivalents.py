"""Given names in other languages and nicknames (rigour's person-name tagger, run by
scripts/build_name_equivalents.py)."""

from __future__ import annotations

import pytest

from pierce.match.scorer import score_names
from pierce.match.weights import default_model
from pierce.names.equivalents import EQUIVALENT, equivalent_names


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
