"""A person's name is analysed as a person's: its words are never legal forms, and a
"SURNAME, Given names" name says which of its words is the surname."""

from __future__ import annotations

import pytest

from pierce.index.build import records_index
from pierce.match.features import token_similarity
from pierce.match.records import Record
from pierce.match.scorer import score_names, score_records
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
     ("Jose Oscar", "ZULETA TROCHEZ, Jose Oscar", 1.0),
     # the UN's and EU's "Given SURNAME": the capitals say which word is the surname
     ("Saddam Hussein FILIPCHUK", "HUSSEIN, Saddam", 1.0),
     ("Sergey Vladimirovich GIZUNOV", "GIZUNOV, Sergey", 0.0),
     ("Ahmed KOJIC", "AHMED, Abubakary K.", 1.0)],  # an initial is no surname's partner
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


@pytest.mark.parametrize("typo", ["muhaqmmad", "umhammad", "muhamamd", "mohamemd"])
def test_a_typo_in_a_folded_spelling_is_one_edit_from_it(typo: str) -> None:
    """Muhammad is folded to "mohammed"; its typos are compared with Muhammad as written."""
    assert token_similarity(typo, "mohammed") >= 0.85
    assert token_similarity("mohammed", typo) >= 0.85
    assert token_similarity("ahmed", "mohammed") < 0.75  # another name, not a typo


def test_an_arabic_compound_split_on_one_list_is_one_word_on_another() -> None:
    """UN LYi: AZUZ, Abdulbasit is also written AZZOUZ, Abd al-Baset."""
    pair = score_names("AZZOUZ, Abd al-Baset", "AZUZ, Abdulbasit", "Person")
    assert pair.alignment is not None
    assert ("abdalbaset", "abdulbasit", 0.8) in pair.alignment.pairs
    assert pair.score >= default_model().threshold


@pytest.mark.parametrize(
    ("name", "expected"),
    [("ZULETA TROCHEZ, Jose", {"zuleta", "trochez"}),
     ("Jose Oscar ZULETA TROCHEZ", {"zuleta", "trochez"}),
     ("Muhammad AL-UBAIDI", {"al", "ubaidi"}),
     ("REDOUANE EL HABHAB", set()),  # all capitals: the writing does not say
     ("John Smith", set()),
     ("J. SMITH", set())],  # an initial is no evidence of mixed case
)
def test_surnames_come_from_how_the_name_is_written(name: str, expected: set[str]) -> None:
    assert analyze_name(name, True).family == expected
    assert analyze_name(name).family == frozenset()  # a company has no surname


def test_a_one_word_alias_of_a_person_matches_exactly_only() -> None:
    """UN QDi.262 gives REDOUANE EL HABHAB the alias "Abdelrahman" (the CSL copies it with no
    quality mark): a full name sharing that given name is somebody else."""
    habhab = Record(("EL HABHAB, Redouane", "ABDELRAHMAN"), "Person")
    other = score_records(Record(("ABD AL-RAHMAN BIN UMAYR AL-NUAYMI",), "Person"), habhab)
    assert other.score < 0.1, other.explain()
    exact = score_records(Record(("Abdelrahman",), "Person"), habhab)
    assert exact.score > 0.9 and "one-word alias" in exact.explain()
    assert score_records(Record(("Abdelrahmman",), "Person"), habhab).score < 0.1
    # screening scores only the names like the query; kept alone, the alias stays exact-only
    index = records_index([habhab])
    assert match_record(index, Record(("Abdelrahmman",), "Person"), 0.1, 5) == []
    assert habhab.with_names([1]).exact_only_names == {"ABDELRAHMAN"}
    # a name in Han characters has no spaces, but is no one-word alias
    xi = Record(("XI Jinping", "习近平"), "Person")
    assert xi.exact_only_names == frozenset()
    # a person known by one word only keeps it for approximate matching
    alone = score_records(Record(("Abdelrahmman",), "Person"), Record(("ABDELRAHMAN",), "Person"))
    assert alone.score > 0.5, alone.explain()


@pytest.mark.parametrize(
    ("query", "listed"),
    [("Mr. Vladimir Putin", "PUTIN, Vladimir Vladimirovich"),
     ("Dr Ali Khamenei", "KHAMENEI, Ali Husseini"),
     ("Ayatollah Ali Khamenei", "KHAMENEI, Ali Husseini"),
     ("General Qasem Soleimani", "SOLEIMANI, Qasem"),
     ("Ayman al-Zawahiri", "AL ZAWAHIRI, Dr. Ayman")],  # (the SDN writes the title in)
)
def test_a_persons_title_is_no_word_of_the_name(query: str, listed: str) -> None:
    """A title put before a name halved its score: 'Mr. Vladimir Putin' ~ PUTIN, Vladimir
    Vladimirovich scored 0.39 (mr and vladimirovich read as two words the other lacks) where
    'Vladimir Putin' scored 0.80. The explanation says which title was not compared."""
    untitled = " ".join(w for w in query.split()
                        if w.strip(".").lower() not in {"mr", "dr", "ayatollah", "general"})
    pair = score_names(query, listed, "Person")
    assert pair.score == pytest.approx(score_names(untitled, listed, "Person").score)
    assert pair.score > default_model().threshold, pair.explain()
    assert "is a title, not a name" in pair.explain()


def test_titles_are_left_out_of_persons_names_only() -> None:
    assert analyze_name("Sheikh Hasan Nasrallah", person=True).tokens == ("hasan", "nasrallah")
    assert analyze_name("DOCTOR", person=True).tokens == ("doctor",)  # nothing else is left
    assert "general" in analyze_name("General Dynamics Corporation").tokens  # a company's
    # romanised Arabic script: عمر is Omar ("mr"), no Mr
    assert "mr" in analyze_name("عمر سبعاوي إبراهيم حسن التكريتي", person=True).tokens
    # a title is no word of a one-word alias: Colonel Rock is as weak as Rock
    assert Record(("MUTEBUTSI, Jules", "Colonel Rock"), "Person").exact_only_names == {
        "Colonel Rock"}


def test_a_nickname_after_a_particle_is_a_one_word_alias() -> None:
    """The CSL gives BARRERA MEDRANO, Nicandro the aliases NICO and EL NICO, unmarked: 'NIOC',
    the National Iranian Oil Company's acronym, met EL NICO at 0.93, a transposition away
    from a nickname, as EL counted as a word of it. So did 'El Chapo' EL CHAYO, an alias of
    MORENO GONZALEZ, Nazario (0.95)."""
    barrera = Record(("BARRERA MEDRANO, Nicandro", "NICO", "EL NICO"), "Person")
    assert barrera.exact_only_names == {"NICO", "EL NICO"}
    assert score_records(Record(("NIOC",)), barrera).score < 0.1
    assert score_records(Record(("El Nico",), "Person"), barrera).score > 0.9
    moreno = Record(("MORENO GONZALEZ, Nazario", "EL CHAYO", "ABU ALI"), "Person")
    assert moreno.exact_only_names == {"EL CHAYO", "ABU ALI"}
    assert score_records(Record(("El Chapo",), "Person"), moreno).score < 0.1


@pytest.mark.parametrize(("greek", "listed"), [
    ("Ντμίτρι Μεντβέντεφ", "MEDVEDEV, Dmitry"),
    ("Γκενάντι Τιμτσένκο", "TIMCHENKO, Gennady"),
    ("Ρομάν Αμπράμοβιτς", "ABRAMOVICH, Roman"),
    ("Χαϊτάνι Μουχαμάντ", "HAITANI, Muhammad"),
])
def test_a_listed_person_written_in_greek_letters_is_found(greek: str, listed: str) -> None:
    """As a Cyprus register or a Greek paper writes them. Read as rigour romanises Greek,
    Μεντβέντεφ is 'mentventef' and Μουχαμάντ 'mouchamant': 0.12 and 0.11."""
    pair = score_names(greek, listed, "Person")
    assert pair.score >= default_model().threshold, pair.explain()
    # ... and a Greek name of a Greek is still its Latin spelling
    assert score_names("Αλέξης Τσίπρας", "TSIPRAS, Alexis", "Person").score > 0.9
    assert score_names("Ντμίτρι Μεντβέντεφ", "MEDVEDCHUK, Viktor", "Person").score < 0.2


def test_screening_finds_a_listed_person_written_in_greek_letters() -> None:
    """Retrieval looks the foreign reading up too: 'mentventef' shares no word with MEDVEDEV."""
    index = records_index([Record(("MEDVEDEV, Dmitry Anatolyevich",), "Person", id="medvedev"),
                           Record(("MEDVEDCHUK, Viktor",), "Person", id="medvedchuk"),
                           Record(("DMITRIEV, Kirill",), "Person", id="dmitriev")])
    found = match_record(index, Record(("Ντμίτρι Μεντβέντεφ",), "Person"),
                         default_model().threshold, 10)
    assert [index.entities[i].record.id for i, _ in found] == ["medvedev"]
