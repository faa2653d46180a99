"""Names written in Arabic script retrieve their list entry, indexed in Latin script only.

Arabic script writes few vowels and splits names Latin lists join (عبد المالك → "Abdelmalek",
هداية الله → "Hidayatullah", شمس الدين → "Shamsuddin"); its letters romanise differently
from the lists' spellings (ق q/k, ث th/s, ض d/z, ة t/a). The list entries below are public
UN/OFAC list facts; the distractors share a word with the query, so a partial match ranks
them first."""

from __future__ import annotations

import pytest

from pierce.index.build import NameIndex, records_index
from pierce.match.features import abjad_key
from pierce.match.records import Record

ENTRIES = {
    # UN consolidated list entries; the queries below are their listed original-script names
    "droukdel": "ABDELMALEK DROUKDEL",
    "laagoub": "ABDELKADER LAAGOUB",
    "hidayatullah": "HIDAYATULLAH",
    "shamsuddin": "SHAMSUDDIN",
    "zubaidi": "MUHAMMAD HAMZA ZUBAIDI",
    "fazal": "FAZAL RAHIM",
    "saqib": "NOOR MOHAMMAD SAQIB",
    # look-alikes: one shared or similar word each
    "d1": "MOHAMED DROUKDEL",
    "d2": "ABDELMALEK MOHAMED",
    "d3": "ABDELKADER MOHAMED",
    "d4": "MOHAMED LAAGOUB",
    "d5": "HIDAYAT KHAN",
    "d6": "ABDULLAH KHAN",
    "d7": "SHAMS KHAN",
    "d8": "MUHAMMAD ZUBAIDI",
    "d9": "MUHAMMAD ZUBAIDI AL-HAMZI",
    "d10": "FADL MOHAMED",
    "d11": "RAHIM KHAN",
    "d12": "NOOR MOHAMMAD",
    "d13": "MOHAMMAD SAQIB",
    "f1": "MOHAMED ALI",
    "f2": "MOHAMED HASSAN",
    "f3": "MUHAMMAD KHAN",
    "f4": "MOHAMMAD NOOR KHAN",
}

QUERIES = [
    ("عبد المالك دروكدال", "droukdel"),
    ("عبد القادر لاغوب", "laagoub"),
    ("هدايت الله", "hidayatullah"),
    ("شمس الدين", "shamsuddin"),
    ("محمد حمزة زبيدي", "zubaidi"),
    ("فضل رحيم", "fazal"),
    ("نور محمد ثاقب", "saqib"),
]


def _index() -> NameIndex:
    return records_index([Record((name,), "Person", id=key) for key, name in ENTRIES.items()])


@pytest.mark.parametrize(("query", "expected"), QUERIES)
def test_arabic_script_name_retrieves_its_latin_entry_first(query: str, expected: str) -> None:
    index = _index()
    found = index.candidates(Record((query,), "Person"), depth=1)
    assert [index.entities[i].record.id for i in found] == [expected]


def test_latin_queries_are_not_reranked_by_abjad_keys() -> None:
    """A Latin query is matched word for word as before: the entry named exactly comes first."""
    index = _index()
    for key in ("d1", "d2", "d8", "fazal"):
        found = index.candidates(Record((ENTRIES[key],), "Person"), depth=1)
        assert index.entities[found[0]].record.id == key


def test_abjad_key_folds_romanisations_of_one_letter() -> None:
    assert abjad_key("bdalqadr") == abjad_key("abdelkader")  # ق q ~ k
    assert abjad_key("thaqb") == abjad_key("saqib")  # ث th ~ s
    assert abjad_key("dhakr") == abjad_key("zakir")  # ذ dh ~ z
    assert abjad_key("jmal") == abjad_key("djamel")  # ج j ~ dj
    assert abjad_key("shmsdyn") == abjad_key("shamsuddin")
    assert abjad_key("ahmd") != abjad_key("mhmd")  # Ahmad and Muhammad stay apart
