"""A name written in Arabic script meets its list entry's Latin spelling in the scorer and
the shortlist, not only in retrieval. Names are public UN list entries (their listed
original-script names and Latin names)."""

from __future__ import annotations

import pytest

from pierce.index.build import records_index
from pierce.match.features import abjad_similarity, join_split_words
from pierce.match.records import Record
from pierce.match.scorer import score_names
from pierce.match.screen import DEPTH, shortlist
from pierce.match.weights import default_model


@pytest.mark.parametrize(
    ("romanised", "latin"),
    [("thaqb", "saqib"),  # ث th ~ s
     ("fdl", "fazal"),  # ض d ~ z
     ("qdyr", "ghedeir"),  # ق q ~ gh
     ("jwady", "djouadi"),  # ج j ~ dj
     ("alqadt", "qaida"),  # القاعدة: a final ة and two consonants
     ("blqasm", "belgacem"),  # French soft c: Belgacem
     ("lwsh", "alouche"),  # علوش: Alouche's "al" is a syllable, not the article
     ("bn", "ben"), ("abw", "abou"),  # particles meet particles by consonants ...
     ("mr", "omar")],  # ... and عمر is no "Mr"
)
def test_letters_romanised_otherwise_agree_by_consonant_class(romanised: str,
                                                              latin: str) -> None:
    assert abjad_similarity(romanised, latin) >= 0.75
    assert abjad_similarity("mhmd", "ahmed") < 0.75  # Muhammad is not Ahmad


@pytest.mark.parametrize(
    ("romanised", "latin"),
    [("syd", "soe"),  # سيد: "sd", read "sz" is the class key "s", Soe's
     ("zyz", "alizai"),  # one consonant, and Alizai is twice as long
     ("aldyn", "thein"),  # two-consonant keys "sn" agree by class only
     ("dwst", "dhess"),
     ("zahd", "dhess"),  # زاهد and Dhess agree only if both read a "d" as "z"
     ("alqadt", "ayaks"), ("alqadt", "yaks")],  # القاعدة read "alqadh": dh is no ذ here
)
def test_few_consonants_are_little_evidence(romanised: str, latin: str) -> None:
    assert abjad_similarity(romanised, latin) < 0.75
    assert abjad_similarity("ly", "ali") >= 0.75  # علي is Ali: one consonant, one length
    assert abjad_similarity("dy", "uday") >= 0.75  # عدي is Uday
    assert abjad_similarity("lym", "aleem") >= 0.75  # علیم: the "al" of Aleem is no article
    assert abjad_similarity("alqadt", "alqaidah") >= 0.75  # القاعدة ~ Al-Qaidah


def test_a_particle_is_no_word_of_an_arabic_name() -> None:
    """علي "ly" is Ali; AL-TIKRITI's "al" agrees with it only in consonants."""
    assert abjad_similarity("ly", "al") == 0.0
    pair = score_names("علي برزان إبراهيم حسن التكريتي", "ALI BARZAN IBRAHIM HASAN AL-TIKRITI",
                       "Person")
    assert pair.alignment is not None and ("ly", "ali", 0.9) in pair.alignment.pairs


def test_an_arabic_name_meets_its_latin_entry() -> None:
    """UN TAi.121: نور محمد ثاقب is NOOR MOHAMMAD SAQIB (ث written s)."""
    assert score_names("نور محمد ثاقب", "NOOR MOHAMMAD SAQIB", "Person").score \
        >= default_model().threshold


def test_the_shortlist_compares_an_arabic_query_by_consonants() -> None:
    """Retrieved below the first DEPTH candidates, a listed Latin name must look like the
    Arabic query to the shortlist's cheap comparison: as consonant skeletons it does."""
    others = [Record((f"ABDUL RAHMAN KHAN {k}",), "Person", id=f"o{k}") for k in range(DEPTH)]
    target = Record(("ABDUL WAHED SHAFIQ",), "Person", id="t")  # UN TAi.117
    index = records_index([*others, target])
    kept = dict(shortlist(index, Record(("عبد الواحد شفيق",), "Person"),
                          list(range(DEPTH + 1))))
    assert DEPTH in kept


def test_the_shortlist_keeps_a_name_whose_words_are_split_otherwise() -> None:
    """Siraj Haqqani's words are all within the query's, a perfect word-set score; the full
    name (SIRAJUDDIN, one word for سراج الدين) must not fall behind it unscored."""
    haqqani = Record(("SIRAJUDDIN JALLALOUDINE HAQQANI", "Siraj Haqqani", "Khalifa"),
                     "Person", id="t")  # UN TAi.144
    index = records_index([haqqani])
    kept = dict(shortlist(index, Record(("سراج الدين جلال الدين حقانى",), "Person"), [0]))
    assert 0 in kept[0]


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [("سيد أحمد شهيد خيل", "SAID AHMED SHAHIDKHEL"),  # UN TAi: two words in Arabic script
     ("رحمت الله کاکا زاده", "RAHMATULLAH KAKAZADA"),
     ("علي ما يشو", "ALI MAYCHOU"),
     ("حسن ظاهرعويس", "HASSAN DAHIR AWEYS")],  # UN SOi: one word in Arabic script
)
def test_words_one_list_splits_and_another_joins_agree(arabic: str, latin: str) -> None:
    pair = score_names(arabic, latin, "Person")
    assert pair.score >= default_model().threshold, pair.explain()
    assert pair.alignment is not None and not pair.alignment.left_unmatched


def test_words_are_joined_only_where_joined_they_agree() -> None:
    assert join_split_words(("shhyd", "khyl"), {"shahidkhel", "said"}) == ("shhydkhyl",)
    assert join_split_words(("shhyd", "khyl"), {"shahid", "khel"}) == ("shhyd", "khyl")
    assert join_split_words(("ly", "ma", "yshw"), {"ali", "maychou"}) == ("ly", "mayshw")
    assert join_split_words(("ly", "ma", "yshw"), {"ali", "mustafa"}) == ("ly", "ma", "yshw")


def test_latin_words_are_joined_only_where_a_word_of_the_other_name_is_them_joined() -> None:
    assert join_split_words(("hik", "vision", "digital"), {"hikvision", "digital"},
                            abjad=False) == ("hikvision", "digital")
    assert join_split_words(("bin", "laden"), {"usama", "binladen"}, abjad=False) == (
        "binladen",)
    # an initial is no part of a word, and words that agree apart stay apart
    assert join_split_words(("j", "maab"), {"jmaab"}, abjad=False) == ("j", "maab")
    assert join_split_words(("sun", "rise"), {"sun", "rise", "sunrise"}, abjad=False) == (
        "sun", "rise")


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [("عامر علی چوہدری", "AAMIR ALI CHAUDHRY"),  # UN TAi: ہ (Urdu heh goal)
     ("سعد عبد المجيد الفيصل التكريتي", "SA'D ABD-AL-MAJID AL-FAISAL AL-TIKRITI"),  # ع
     ("نجيب الله محمد جمعه", "NAJIBULLAH MUHAMMAD JUMA")],
)
def test_letters_rigour_cannot_romanise_do_not_split_a_word(arabic: str, latin: str) -> None:
    """ع, ہ, ځ ... came out of the romanisation as "?", which cut سعد into "s d"."""
    from pierce.names.text import latin_key

    assert len(latin_key(arabic).split()) == len(arabic.split())
    assert score_names(arabic, latin, "Person").score >= default_model().threshold


def test_a_listed_name_beginning_with_al_meets_its_arabic_spelling() -> None:
    # UN QDi.076: without the reading of "al" as a syllable it scored 0.52, below ten others
    pair = score_names("عصام علي محمد علوش", "ISAM ALI MOHAMED ALOUCHE", "Person")
    assert pair.score >= 0.8, pair.explain()
