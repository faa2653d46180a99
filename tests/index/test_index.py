"""Candidate retrieval over a few hundred real list names: recall against exhaustive scoring."""

from __future__ import annotations

import random
from functools import cache

from realdata import data_file

from pierce.index.build import NameIndex, records_index
from pierce.match.corpus import read_csl
from pierce.match.records import Record
from pierce.match.scorer import score_records
from pierce.match.variants import BENIGN
from pierce.match.weights import default_model


@cache
def small_index() -> tuple[NameIndex, tuple[Record, ...]]:
    entries = list(read_csl(data_file("lists/csl-2022-04-consolidated.csv.gz")))
    rng = random.Random(11)
    sample = rng.sample(entries, 400)
    records = tuple(Record(e.names[:4], e.schema, e.birth_dates, e.countries, (), e.id)
                    for e in sample)
    return records_index(records), records


def test_exact_and_fuzzy_names_are_retrieved_first() -> None:
    index, records = small_index()
    for record in records[:40]:
        found = index.candidates(Record(record.names[:1], record.schema), depth=5)
        assert record.id in {index.entities[i].record.id for i in found}, record.names[0]


def test_merged_words_and_transliteration_are_retrieved() -> None:
    index = records_index([Record(("Rami Makhlouf",), "Person", id="rm"),
                           Record(("Владимир Путин",), "Person", id="vp"),
                           Record(("浪潮集团有限公司",), "Company", id="lc")])
    ids = [e.record.id for e in index.entities]
    assert ids[index.candidates(Record(("Ramimakhlouf",)))[0]] == "rm"
    assert ids[index.candidates(Record(("Vladimir Putin",)))[0]] == "vp"
    assert ids[index.candidates(Record(("Lang Chao Group",)))[0]] == "lc"


def test_recall_against_exhaustive_scoring_on_variants() -> None:
    """Every pair exhaustive scoring puts above the threshold is among the candidates."""
    index, records = small_index()
    threshold = default_model().threshold
    rng = random.Random(5)
    kinds = list(BENIGN.values())
    found = missed = 0
    for record in rng.sample(records, 25):
        variant = rng.choice(kinds)(record.names[0], rng) or record.names[0]
        query = Record((variant,), record.schema)
        truth = {r.id for r in records if score_records(query, r).score >= threshold}
        candidates = {index.entities[i].record.id for i in index.candidates(query, depth=30)}
        found += len(truth & candidates)
        missed += len(truth - candidates)
    assert found + missed > 0
    assert missed / (found + missed) <= 0.05


def test_identifier_lookup_and_empty_query() -> None:
    index = records_index([Record(("A",), "Company", identifiers=("lei:529900abc",), id="a")])
    assert index.candidates(Record((), identifiers=("lei:529900abc",))) == [0]
    assert index.candidates(Record(("",))) == []
    assert index.candidates(Record(("\x00" * 50,))) == []


def test_arabic_query_retrieves_the_romanised_listing() -> None:
    index = records_index([Record(("FADIL MAHMUD GHARIB",), "Person", id="fg"),
                           Record(("BASSAM AHMAD AL-HASRI",), "Person", id="bh")])
    found = index.candidates(Record(("فاضل محمود غريب",), "Person"))
    assert index.entities[found[0]].record.id == "fg"


def test_an_initial_ranks_the_parties_with_a_word_of_that_letter_first() -> None:
    """E. TEL LLC shares one word with every TEL company: among them, the one with a word
    starting with E comes first, and the initial does not weigh like a rare word (which left
    HAJIZADEH, Amir Ali covering too little of H. Amir Ali to be retrieved)."""
    others = [Record((f"{word} TEL LLC",), "Company", id=word)
              for word in ("ALPHA", "BRAVO", "DELTA", "GAMMA", "KAPPA", "OMEGA", "SIGMA")]
    index = records_index([*others, Record(("EMMA TEL LLC",), "Company", id="emma")])
    found = index.candidates(Record(("E. TEL LLC",), "Company"), depth=1)
    assert [index.entities[i].record.id for i in found] == ["emma"]
    people = [Record((f"{surname}, Amir Ali",), "Person", id=surname)
              for surname in ("KARIMI", "RAZAVI", "MOUSAVI", "TEHRANI", "HAJIZADEH")]
    index = records_index(people)
    found = index.candidates(Record(("H. Amir Ali",), "Person"), depth=1)
    assert [index.entities[i].record.id for i in found] == ["HAJIZADEH"]


def test_an_initial_as_written_outranks_a_word_it_may_stand_for() -> None:
    """A & M COMPANY LIMITED shares only an "and" with hundreds of parties whose words start
    with A and M; the one that writes A and M as initials too comes first."""
    others = [Record((f"{a} AND {m} COMPANY LIMITED",), "Company", id=a)
              for a, m in (("ALPHA", "MARINE"), ("ATLAS", "METAL"), ("AZURE", "MINING"))]
    index = records_index([*others, Record(("A & M MAHAR COMPANY LIMITED",), "Company",
                                           id="mahar")])
    found = index.candidates(Record(("A & M COMPANY LIMITED",), "Company"), depth=1)
    assert [index.entities[i].record.id for i in found] == ["mahar"]


def test_greek_and_cyrillic_names_retrieve_latin_names_their_letters_fold_to() -> None:
    """Greek has no W, J or H: WU, Weihua written in Greek romanises as "vy, veiua" and DJI as
    "dii", too far from the Latin words for an edit-distance lookup. The scorer compares such
    words with those letters folded, so retrieval looks them up folded too; a Latin query is
    not (VY is no spelling of WU in a Latin name)."""
    others = [Record((name,), "Person", id=name) for name in
              ("VU, Van", "VEI, Hua", "WEI, Wu", "BEY, Veli", "WOO, Wei")]
    index = records_index([*others, Record(("WU, Weihua",), "Person", id="wu"),
                           Record(("DJI",), "Company", id="dji")])
    ids = [e.record.id for e in index.entities]
    assert ids[index.candidates(Record(("ΒΥ, ΒΕΙὙΑ",), "Person"), depth=1)[0]] == "wu"
    assert ids[index.candidates(Record(("Ву Вейхуа",), "Person"), depth=1)[0]] == "wu"
    assert "dji" in [ids[i] for i in index.candidates(Record(("ΔΙΙ",), "Company"))]
    assert "wu" not in [ids[i] for i in index.candidates(Record(("VY VEIUA",), "Person"))]


def test_a_word_written_shortened_retrieves_the_words_it_begins_and_is_found_by_them() -> None:
    """SOVKHOZ is in many parties' names: a query writing the other word shortened (Sovkhoz
    Cher. PAO) must find Sovkhoz Chervishevski by that word's beginning, and a query writing
    in full a word a listed name cuts short (Materials of Wuxi Paike New Mat. Tech.) the
    listed name by it. A word not written shortened finds no word it begins."""
    others = [Record((f"Sovkhoz {word} PAO",), "Company", id=word)
              for word in ("Krasny", "Rodina", "Pobeda", "Zarya", "Druzhba", "Chernov")]
    index = records_index([*others, Record(("Sovkhoz Chervishevski PAO",), "Company", id="ch"),
                           Record(("Wuxi Mat. Tech. Co., Ltd.",), "Company", id="wx"),
                           Record(("Wuxi Tech. Co., Ltd.",), "Company", id="wt")])
    ids = [e.record.id for e in index.entities]

    def evidence(name: str) -> dict[str, float]:
        found, values, _ = index.rank(Record((name,), "Company"))
        return {ids[i]: float(v) for i, v in zip(found, values, strict=True)}

    shortened, written = evidence("Sovkhoz Cher. PAO"), evidence("Sovkhoz Cher PAO")
    assert shortened["ch"] > shortened["Krasny"] == shortened["Zarya"]
    assert written["ch"] == written["Krasny"]  # CHER as written is a word, not Cher.
    # Cher. may as well stand for Chernov (the scorer decides): both are found
    assert shortened["Chernov"] > written["Chernov"]
    query = Record(("Wuxi Materials Technology Co., Ltd.",), "Company")
    assert ids[index.candidates(query, depth=1)[0]] == "wx"
