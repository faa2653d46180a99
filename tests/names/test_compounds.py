"""Arabic compound names written as one word or several."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pierce.match.scorer import score_names
from pierce.match.weights import default_model
from pierce.names.analyze import analyze_name
from pierce.names.compounds import join_compounds


def test_heads_tails_and_articles_join() -> None:
    assert join_compounds(("abd", "al", "rahman")) == ("abdalrahman",)
    assert join_compounds(("habib", "ullah", "reshad")) == ("habibullah", "reshad")
    assert join_compounds(("saad", "ud", "din")) == ("saaduddin",)
    assert join_compounds(analyze_name("عبد المالك دروكدال").tokens) == ("bdalmalk", "drwkdal")
    # a head or tail without a partner stays as it is; a nisba (al-Tikriti) is not a tail
    assert join_compounds(("ali", "abd")) == ("ali", "abd")
    assert join_compounds(("jamal", "al", "tikriti")) == ("jamal", "al", "tikriti")


def test_an_article_before_a_sun_letter_is_written_as_that_letter_when_asked() -> None:
    # Arabic script writes عبد الرحمن "bd alrhmn"; lists write what is said: Abdurrahman
    assert join_compounds(("bd", "alrhmn"), assimilate=True) == ("bdrrhmn",)
    assert join_compounds(("shms", "aldyn"), assimilate=True) == ("shmsddyn",)
    # a moon letter keeps its article (Abdulkarim), and so does every word without the flag
    assert join_compounds(("bd", "alkrym"), assimilate=True) == ("bdalkrym",)
    assert join_compounds(("bd", "alrhmn")) == ("bdalrhmn",)


@given(st.lists(st.sampled_from(["abd", "al", "ud", "din", "allah", "ali", "bd", "x"]),
                max_size=8))
def test_joining_keeps_every_letter_in_order(tokens: list[str]) -> None:
    joined = join_compounds(tuple(tokens))
    assert "".join(joined) == "".join(tokens)
    assert len(joined) <= len(tokens)


def test_arabic_script_names_meet_their_one_word_latin_spelling() -> None:
    threshold = default_model().threshold
    # UN list: the entry's Arabic original-script name against its Latin name
    for arabic, latin in [("عبد المالك دروكدال", "ABDELMALEK DROUKDEL"),
                          ("حبیب الله رشاد", "HABIBULLAH RESHAD"),
                          ("عادل عبد الله مهدي", "ADIL ABDALLAH MAHDI")]:
        assert score_names(arabic, latin, "Person").score >= threshold
    assert score_names("عبد الله", "ABDUL RAHMAN", "Person").score < 0.1


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [("شمس الدين", "SHAMSUDDIN"), ("عز الدين القسام", "Izz ad-Din al-Qassam"),
     ("نور الدين زنكي", "Nureddin Zengi"), ("عبد الرحمن الحسيني", "Abdur Rahman Husseini")],
)
def test_a_compound_meets_its_spelling_as_said(arabic: str, latin: str) -> None:
    # the sun letter after the article: its "l" is not said (Izz ad-Din, Nur ud-Din); the
    # words agree by consonants as well as a compound with a moon letter does (0.90)
    pair = score_names(arabic, latin, "Person")
    assert pair.alignment is not None
    assert min(sim for *_, sim in pair.alignment.pairs) >= 0.85
    assert pair.score >= default_model().threshold
    assert "ur-Rahman, ud-Din" in pair.explain()
    # ... and a compound is no other compound: Abd al-Rahman is not Abdulkarim
    assert score_names("عبد الرحمن", "Abdulkarim", "Person").score < 0.1
