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
