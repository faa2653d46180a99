"""Rules outside the fitted weights: names of initials only never match names of words."""

from __future__ import annotations

from pierce.match.records import Record
from pierce.match.scorer import score_names, score_records


def test_an_alias_of_initials_does_not_match_every_name_with_that_letter() -> None:
    # Joseph Kony's UN entry lists the aliases "One-P" and "1-P" beside his real names
    kony = Record(("KONY, Joseph", "One-P", "1-P"), "Person")
    for name in ("POTANIN, Ivan Vladimirovich", "PLOTNITSKY, Igor", "Pavel"):
        pair = score_records(Record((name,), "Person"), kony)
        assert pair.score < 0.1, pair.explain()
    assert score_names("Inspur", "1-P").score == 0.0


def test_names_of_initials_still_meet_each_other() -> None:
    assert score_names("1-P", "One P", "Person").score > 0.5
    assert score_names("A.B.C.", "ABC", "Company").score > 0.5


def test_parties_of_incompatible_schemata_never_match() -> None:
    company = Record(("Jordan Peterson",), "Company")
    pair = score_records(company, Record(("Jordan Peterson",), "Person"))
    assert pair.score == 0.0
    assert "a Company cannot be a Person" in pair.explain()
    assert score_records(company, Record(("Jordan Peterson",), "Organization")).score > 0.5
    assert score_records(Record(("Jordan Peterson",)), Record(("Jordan Peterson",),
                                                              "Vessel")).score > 0.5


def test_han_names_compare_by_character_without_their_legal_forms() -> None:
    from pierce.match.weights import default_model

    threshold = default_model().threshold
    assert score_names("浪潮集团有限公司", "浪潮集团有限公司", "Company").score > threshold
    assert score_names("浪潮集团有限公司", "浪潮集团", "Company").score > threshold
    assert score_names("浪潮集团有限公司", "Langchao Group Co., Ltd.", "Company").score > threshold
    # sharing only 有限公司 (Co., Ltd.) is no evidence; one character is a whole syllable
    assert score_names("浪潮集团有限公司", "华为技术有限公司", "Company").score < 0.1
    assert score_names("习近平", "习近朋", "Person").score < threshold
    assert score_names("习近平", "习近平", "Person").score > threshold


def test_a_weak_alias_counts_only_when_matched_exactly() -> None:
    # UN entry QDi.xxx (YASSIN CHOUKA) gives "Abu Ibraheem" as a Low-quality alias
    chouka = Record(("YASSIN CHOUKA", "Abu Adam", "Abu Ibraheem"), "Person",
                    weak_names=("Abu Adam", "Abu Ibraheem"))
    exact = score_records(Record(("Ibraheem Abu",), "Person"), chouka)
    assert exact.score > 0.9 and exact.right_name == "Abu Ibraheem"
    assert "weak alias" in exact.explain()
    for near in ("Abu Ibrahim", "Abu Ibraheem Hasan", "Saad Sabaui Ibrahim Hasan al-Tikriti"):
        pair = score_records(Record((near,), "Person"), chouka)
        assert pair.score < 0.1, pair.explain()
    # the same names, not marked weak: Abu Ibraheem, a particle and one word, is a one-word
    # alias of a person with a longer name, matched exactly only too; a name of two words is
    # matched approximately, as any
    plain = Record(chouka.names, "Person")
    assert score_records(Record(("Abu Ibrahim",), "Person"), plain).score < 0.1
    assert score_records(Record(("Yasin Chouka",), "Person"), plain).score > 0.5


def test_a_listed_acronym_counts_only_when_matched_exactly() -> None:
    # SDN and CSL give acronyms as names of their own (KHK, an alias of the PKK; LPC JSC);
    # registers hold many longer names with those letters as a word
    pkk = Record(("KURDISTAN WORKERS' PARTY", "KHK", "PKK"), "Organization")
    exact = score_records(Record(("KHK",), "Company"), pkk)
    assert exact.score > 0.9 and "is an acronym on the list" in exact.explain()
    for name in ("KHK PRESSINGS AND FORGING LIMITED", "KHQ", "KHK GmbH & Co. KG Holding"):
        pair = score_records(Record((name,), "Company"), pkk)
        assert pair.score < 0.1, pair.explain()
    assert score_names("LPC CONSTRUCTION PENSION SCHEME", "LPC JSC", "Company").score < 0.1
    # written in Greek, an acronym is its letters as the scorer folds them (ΔΙΙ "dii": DJI)
    assert score_names("ΔΙΙ", "DJI").score > 0.5
    assert score_names("ΔΙΙ ΣΙΣΤΕΜΣ", "DJI").score < 0.1
    # the rule is the listed name's: a query that is an acronym still meets a longer name
    assert score_names("PJSC VTB", "VTB BANK PJSC", "Company").score > 0.5


def test_weak_aliases_come_from_the_weakAlias_property() -> None:
    from pierce.match.records import record_from_properties

    record = record_from_properties("x", "Person", {
        "name": ["AIMAN MUHAMMED RABI AL-ZAWAHIRI"], "alias": ["Ayman Al-Zawahari"],
        "weakAlias": ["Abu Mohammed", "Ayman Al-Zawahari"]})
    assert record.names == ("AIMAN MUHAMMED RABI AL-ZAWAHIRI", "Ayman Al-Zawahari",
                            "Abu Mohammed")
    assert record.weak_names == ("Abu Mohammed",)  # also a strong alias: not weak


def test_a_long_name_is_compared_to_its_last_word() -> None:
    """Names of 12 and 13 words: the first 12 of each used to be compared, so KOREA, the
    last word of the longer one, had no partner."""
    short = "MINISTRY LAND AND MARITIME TRANSPORTATION OF THE DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA"
    full = "MINISTRY OF LAND AND MARITIME TRANSPORTATION OF THE DEMOCRATIC PEOPLE'S REPUBLIC OF " \
           "KOREA"
    pair = score_names(short, full, "Organization")
    assert pair.alignment is not None
    assert "korea" not in pair.alignment.left_unmatched + pair.alignment.right_unmatched


def test_words_of_a_broken_legal_form_are_not_name_words() -> None:
    """PUBLIC JOINT STOCK COMPANY with STOCK left out is no longer a legal form; its words
    stay in the name but do not count as words of it."""
    pair = score_names("PUBLIC JOINT COMPANY TRANSKAPITALBANK",
                       "PUBLIC JOINT STOCK COMPANY TRANSKAPITALBANK", "Organization")
    assert pair.features["compact_sim"] == 1.0
    assert pair.features["extra_tokens"] == 0.0


def test_a_score_the_rules_decided_says_which_rule() -> None:
    # the model's evidence alone would not explain a zero: the explanation names the rule
    initials = score_names("A.", "ALI HASSAN", "Person")
    assert initials.score == 0.0
    assert "initials and numbers only" in initials.explain()
    assert "evidence" not in initials.explain()  # the model never saw this pair
    # one word of two agrees only loosely: below half the shorter name agrees well
    gated = score_names("NE MARINE", "MNE MARITIME", "Organization")
    assert gated.score < 0.1
    assert "a match needs 50%" in gated.explain()
    # an aircraft registration meets only itself (pierce.match.registrations)
    aircraft = score_names("EP-NE", "EP-MNE", "Airplane")
    assert aircraft.score == 0.0
    assert "'EP-MNE' is an aircraft registration, and 'EP-NE' is not it" in aircraft.explain()
    full = score_names("Stephen Smith", "Stephen Edward Smith", "Person")
    assert "scaled" not in full.explain()


def test_a_cutoff_leaves_out_only_pairs_that_could_not_reach_it() -> None:
    """Screening passes its threshold: pairs whose words cover too little of the shorter
    name are not scored, and every score at or above the cutoff is the same as without."""
    from pierce.match.scorer import score_candidates

    query = Record(("Salim Mustafa AL-MANSUR",), "Person")
    listed = [Record((name,), schema) for name, schema in (
        ("AL-MANSUR, Salim Mustafa Muhammad", "Person"), ("Mustafa KEMAL", "Person"),
        ("SALEM TRADING LLC", "Company"), ("AL MANSOOR, Salem", "Person"),
        ("Mansour Petroleum", "Company"), ("Ali HASSAN", "Person"), ("", "Person"))]
    full = score_candidates(query, [(r, None) for r in listed])
    for cutoff in (0.2, 0.51, 0.9):
        gated = score_candidates(query, [(r, None) for r in listed], cutoff=cutoff)
        for a, b in zip(full, gated, strict=True):
            assert b.score == a.score if a.score >= cutoff else b.score < cutoff
    left_out = [p for p in score_candidates(query, [(r, None) for r in listed], cutoff=0.51)
                if any("could reach the threshold" in n for n in p.notes)]
    assert left_out and not any("could reach" in n for p in full for n in p.notes)
    # a shared identifier lifts the score whatever the names: that pair is never left out
    with_id = Record(("Completely Different Name",), "Person", identifiers=("passport:x1",))
    lifted = score_candidates(Record(("Salim AL-MANSUR",), "Person",
                                     identifiers=("passport:x1",)), [(with_id, None)], cutoff=0.5)
    assert lifted[0].score > 0.99 and lifted[0].identifier == "passport:x1"
