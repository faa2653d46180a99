"""Arabic compound names written as one word or several."""

from __future__ import annotations

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
