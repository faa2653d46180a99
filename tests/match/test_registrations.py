"""Aircraft registrations: read as identifiers, never as words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pierce.match.registrations import (
    compact_mark,
    compare_registrations,
    registration,
    registration_prefixes,
)


@pytest.mark.parametrize(("name", "schema", "mark"), [
    ("EP-MNE", "", "EPMNE"), ("RA-75676", "LegalEntity", "RA75676"), ("4K-AZ38", "", "4KAZ38"),
    ("UP-I7645", "Airplane", "UPI7645"), ("A4O-ABC", "Thing", "A4OABC"),  # Oman: A4O
    ("ЕР-МNЕ", "", "EPMNE"),  # Cyrillic look-alikes
    ("EP\u200b-MNE", "", "EPMNE"), ("ep–mne", "", "EPMNE"),  # zero-width space, en dash
    ("YV1000", "Airplane", "YV1000"), ("EP MNE", "Airplane", "EPMNE"),  # an aircraft's, joined
    ("EP-PUA", "", "EPPUA"),  # P is no sun letter: Iran's prefix, not an Arabic article
])
def test_a_registration_is_read_as_one_mark(name: str, schema: str, mark: str) -> None:
    assert registration(name, schema) == mark


@pytest.mark.parametrize(("name", "schema"), [
    ("EPMNE", ""), ("YV1000", "Company"),  # without the hyphen only an aircraft's name is one
    ("EP-MNE", "Person"), ("EX-CLE", "Organization"),  # never a person's, a company's
    ("EL-NASR", ""), ("ST-JOHN", ""),  # name particles, though Liberia's and Sudan's prefixes
    ("ES-SALAM", ""), ("ET-TAQWA", ""), ("ER-RAHMA", ""),  # the Arabic article, assimilated
    ("AL-QAIDA", ""), ("KUDO-KAI", ""),  # no ICAO prefix
    ("EP-NE", ""), ("EP-MNEXYZ", ""),  # a mark has 3 to 5 characters
    ("EP-MNE TRADING", ""), ("", ""), ("-", ""),
    ("F-TECH", "Company"), ("UP-GREEN", ""),  # GLEIF companies: their marks are words
    ("MSN 164", "Airplane"),  # a manufacturer's serial number, listed as an aircraft's name
])
def test_other_names_are_no_registrations(name: str, schema: str) -> None:
    assert registration(name, schema) is None


def test_written_otherwise_the_same_aircraft_one_character_off_another() -> None:
    assert compare_registrations("EPMNE", "", "EP-MNE", "Airplane") == (
        True, "EP-MNE (aircraft registration)")
    assert compare_registrations("EP-MNE", "Airplane", "ep mne", "") == (
        True, "EP-MNE (aircraft registration)")
    # EP-CAP and EP-CAQ are both on the SDN list: two aircraft of one airline
    assert compare_registrations("EP-CAP", "Airplane", "EP-CAQ", "Airplane") is not None
    assert compare_registrations("EP-CAP", "Airplane", "EP-CAQ", "Airplane")[0] is False
    assert compare_registrations("EP-MNE", "", "YK-MNE", "")[0] is False  # Iran's, Syria's
    # a mark is no word: EP-MOD is not the Ministry of Defence (MOD)
    assert compare_registrations("MOD", "", "EP-MOD", "Airplane") == (
        False, "'EP-MOD' is an aircraft registration, and 'MOD' is not it")
    assert compare_registrations("Mahan Air EP-MNE", "", "EP-MNE", "Airplane")[0] is True
    assert compare_registrations("HODA", "", "HODA", "") is None  # no registration: words


@given(st.text(max_size=40), st.sampled_from(["", "LegalEntity", "Airplane"]))
def test_never_raises_and_a_mark_is_its_own_compact_form(name: str, schema: str) -> None:
    mark = registration(name, schema)
    if mark is not None:
        assert compact_mark(name) == mark
        assert mark.isascii() and mark.isalnum() and mark == mark.upper()
        assert any(mark.casefold().startswith(p) for p in registration_prefixes())

