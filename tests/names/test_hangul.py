"""Korean persons' names in Hangul, a syllable a word, as the lists write them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pierce.names.analyze import analyze_name
from pierce.names.hangul import is_hangul_name, person_words


@pytest.mark.parametrize(("name", "mr", "rr"), [
    ("김정은", ("kim", "jong", "un"), ("kim", "jeong", "eun")),
    ("리병철", ("ri", "pyong", "chol"), ("ri", "byeong", "cheol")),
    ("최룡해", ("choe", "ryong", "hae"), ("choi", "ryong", "hae")),
    # McCune-Reischauer voices k, t, p inside a given name after a vowel or n, l, m, ng
    ("리영길", ("ri", "yong", "gil"), ("ri", "yeong", "gil")),
    ("리만건", ("ri", "man", "gon"), ("ri", "man", "geon")),
    ("박도춘", ("pak", "to", "chun"), ("park", "do", "chun")),  # the given name's first: no
    ("정경택", ("jong", "kyong", "thaek"), ("jung", "gyeong", "taek")),
    ("이재명", ("i", "jae", "myong"), ("lee", "jae", "myeong")),
    ("남궁민수", ("namkung", "min", "su"), ("namgoong", "min", "su")),  # two-syllable surname
    ("김 정은", ("kim", "jong", "un"), ("kim", "jeong", "eun")),
])
def test_a_korean_name_is_read_a_syllable_a_word(name: str, mr: tuple[str, ...],
                                                 rr: tuple[str, ...]) -> None:
    assert person_words(name) == (mr, rr)


def test_only_a_persons_name_in_hangul_is_read_so() -> None:
    assert is_hangul_name("김정은") and not is_hangul_name("김정은 Kim") and not is_hangul_name("")
    person = analyze_name("김정은", person=True)
    assert person.tokens == ("kim", "jong", "un") and person.as_listed
    company = analyze_name("김정은")  # a company's name is not cut into syllables
    assert company.tokens != person.tokens and not company.as_listed


@given(st.text(alphabet=st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3)
               | st.sampled_from(" -·"), max_size=12))
def test_any_hangul_gives_latin_words(name: str) -> None:
    mr, rr = person_words(name)
    assert len(mr) == len(rr)
    assert all(w.isascii() and w.isalpha() for w in (*mr, *rr))
    syllables = sum("\uac00" <= c <= "\ud7a3" for c in name)
    assert (syllables == 0) == (mr == ())
