"""Address evidence: rigour's comparison of two records' addresses, a model input shown in
the explanation."""

from __future__ import annotations

import math

import pytest

from pierce.match.addresses import address_features, compare_addresses
from pierce.match.records import Record, record_from_properties
from pierce.match.scorer import score_records
from pierce.match.weights import default_model

THRESHOLD = default_model().threshold

LISTED = ("Diagoras House, 7th Floor, 16 Panteli Katelari Street, Nicosia, 1097, CY",
          "P.O. Box 42340, Dubai, AE")


def test_one_address_written_otherwise_agrees_and_another_house_number_does_not() -> None:
    same = compare_addresses(["16 Panteli Katelari Str., Diagoras House, Nicosia 1097, Cyprus"],
                             LISTED)
    assert same is not None and same.score >= 0.7
    assert same.listed == LISTED[0]  # the listed address it met, for the explanation
    other = compare_addresses(["18 Panteli Katelari Street, Nicosia, 1097, CY"], LISTED)
    assert other is not None and other.score < same.score
    assert compare_addresses([], LISTED) is None
    assert compare_addresses(["  ", "..."], LISTED) is None
    assert address_features(None) == {"address_sim": 0.0}


def test_a_city_is_less_specific_than_a_street_address() -> None:
    city = compare_addresses(["Moscow, RU"], ["Moscow, RU"])
    street = compare_addresses(LISTED[:1], LISTED[:1])
    assert city is not None and street is not None
    assert city.score == street.score == 1.0
    assert address_features(city)["address_sim"] < address_features(street)["address_sim"]


def test_huge_and_control_character_addresses_are_compared_without_error() -> None:
    found = compare_addresses(["\x00\x07" + "x" * 10_000 + ", Nicosia, CY"], LISTED)
    assert found is not None and 0.0 <= found.score <= 1.0
    assert len(found.query) <= 500


def test_address_property_is_read_from_a_query_row() -> None:
    record = record_from_properties("q1", "Company", {"name": ["Hoda Shipping"],
                                                      "address": [LISTED[0], " ", LISTED[0]]})
    assert record.addresses == (LISTED[0],)


def test_agreeing_address_raises_the_score_and_a_different_one_does_not_lower_it() -> None:
    """Parties move and keep several offices, and lists lag: only agreement is evidence."""
    listed = Record(("HODA SHIPPING COMPANY LIMITED",), "Company", addresses=LISTED)
    name = ("Hoda Shipping",)
    here = score_records(Record(name, "Company", addresses=(
        "16 Panteli Katelari Str, Diagoras House, 7th floor, Nicosia 1097, Cyprus",)), listed)
    elsewhere = score_records(Record(name, "Company", addresses=(
        "Avenida Sexta No. 68, Saucillo, Chihuahua, MX",)), listed)
    unknown = score_records(Record(name, "Company"), listed)
    assert here.features["address_sim"] >= 0.7
    assert elsewhere.features["address_sim"] < 0.1
    assert here.score > unknown.score
    assert elsewhere.score == pytest.approx(unknown.score, abs=0.01)
    assert "address '16 Panteli Katelari Str" in here.explain()
    assert "~ 'Diagoras House" in here.explain()
    assert "address" not in unknown.explain()


def test_a_shared_address_does_not_make_another_name_a_match() -> None:
    """Seventeen listed shipping companies share Diagoras House: the name still decides."""
    listed = Record(("HODA SHIPPING COMPANY LIMITED",), "Company", addresses=LISTED)
    other = score_records(Record(("Honar Shipping Company Limited",), "Company",
                                 addresses=LISTED[:1]), listed)
    assert other.features["address_sim"] == 1.0
    assert other.score < THRESHOLD


def test_an_agreeing_address_is_one_part_of_the_explained_log_odds() -> None:
    listed = Record(("HODA SHIPPING COMPANY LIMITED",), "Company", addresses=LISTED)
    pair = score_records(Record(("HODA",), "Company", addresses=LISTED[1:]), listed)
    assert pair.contributions["address_sim"] == pytest.approx(
        default_model().address_weight * pair.features["address_sim"])
    assert pair.contributions["address_sim"] > 0
    assert 1 / (1 + math.exp(-sum(pair.contributions.values()))) == pytest.approx(pair.score)
    assert "address_sim=" in pair.explain(top=10)
