"""A person's name is analysed as a person's: its words are never legal forms, and a
"SURNAME, Given names" name says which of its words is the surname."""

from __future__ import annotations

import pytest

from pierce.index.build import records_index
from pierce.match.features import token_similarity
from pierce.match.records import Record
from pierce.match.scorer import score_names
from pierce.match.screen import match_record
from pierce.match.weights import default_model
from pierce.names.analyze import analyze_name


@pytest.mark.parametrize(
    ("name", "word"),
    [("AL-FAQIH, Sa'd", "sad"),  # UN: not a Sociedad Anónima Deportiva
     ("HLAING, Ko Ko", "ko"),  # Burmese given name, not a Kabushiki Kaisha
     ("KIM, Chol Sam", "sam"),
     ("HU, Yongan", "hu"),
     ("AG ALBACHAR, Ahmed", "ag")],
)
def test_a_persons_words_are_never_legal_forms(name: str, word: str) -> None:
    assert word in analyze_name(name, person=True).tokens
    assert not analyze_name(name, person=True).legal_forms
    assert analyze_name(name).legal_forms  # read as a company's name, it has one


def test_a_company_keeps_its_legal_form() -> None:
    form = analyze_name("Banco Atlantico SA", person=True)
    assert "sa" in form.tokens
    assert analyze_name("Banco Atlantico SA").legal_forms == {"sa"}


def test_a_persons_given_name_that_reads_as_a_legal_form_must_agree() -> None:
    """Sa'd was dropped as a legal form, so AL-FAQI, Sa'd met anyone called AL-Faqir."""
    pair = score_names("Faqir AL-TIKRITI", "AL-FAQI, Sa'd", "Person")
    assert "sad" in pair.alignment.right_unmatched if pair.alignment else False
    same = score_names("Sa'd AL-FAQI", "AL-FAQI, Sa'd", "Person")
    assert same.score > 0.9 > pair.score + 0.4


def test_screening_a_person_finds_the_name_with_every_word() -> None:
    """The index keeps a listed person's words too: a query with all of them is retrieved
    and meets every word (KO KO ~ Ko Ko), under a person or an unspecific schema."""
    index = records_index([Record(("HLAING, Ko Ko",), "Person", id="p"),
                           Record(("KO KO TRADING CO LTD",), "Company", id="c")])
    for schema in ("Person", "LegalEntity"):
        hits = match_record(index, Record(("Ko Ko Hlaing",), schema), 0.5, 5)
        assert [index.entities[i].record.id for i, _ in hits][:1] == ["p"]
        pair = hits[0][1]
        assert pair.alignment is not None and not pair.alignment.right_unmatched


@pytest.mark.parametrize(
    ("query", "listed", "expected"),
    [("Stephen Edward", "SMITH, Stephen Edward", 1.0),  # the surname is missing
     ("Stephen Edward Smith", "SMITH, Stephen Edward", 0.0),
     ("ZULETA Jose Oscar", "ZULETA TROCHEZ, Jose Oscar", 0.0),  # one of two surnames agrees
     ("Jose Oscar TROCHEZ", "ZULETA TROCHEZ, Jose Oscar", 0.0),
     ("Jose Oscar", "ZULETA TROCHEZ, Jose Oscar", 1.0)],
)
def test_a_missing_surname_is_seen(query: str, listed: str, expected: float) -> None:
    assert score_names(query, listed, "Person").features["surname_missing"] == expected
    assert score_names(listed, query, "Person").features["surname_missing"] == expected


def test_a_company_name_with_a_comma_has_no_surname() -> None:
    assert score_names("Melli Bank", "BANK MELLI, IRAN", "Company").features[
        "surname_missing"] == 0.0


def test_a_particle_agrees_only_with_a_spelling_of_itself() -> None:
    assert token_similarity("al", "ali") == 0.0  # AL-HEBO's al is not a poor ALI
    assert token_similarity("abu", "abou") >= 0.75
    pair = score_names("Aminat AL-HEBO", "ALI, Amanat", "Person")
    assert pair.alignment is not None and "ali" in pair.alignment.right_unmatched


def test_an_arabic_compound_split_on_one_list_is_one_word_on_another() -> None:
    """UN LYi: AZUZ, Abdulbasit is also written AZZOUZ, Abd al-Baset."""
    pair = score_names("AZZOUZ, Abd al-Baset", "AZUZ, Abdulbasit", "Person")
    assert pair.alignment is not None
    assert ("abdalbaset", "abdulbasit", 0.8) in pair.alignment.pairs
    assert pair.score >= default_model().threshold
