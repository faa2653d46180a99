"""Character-level normalisation: NFKC, casefold, invisible characters, homoglyphs, latin key."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pierce.names.text import MAX_NAME_CHARS, clean_text, fold_homoglyphs, latin_key


def test_clean_text_casefolds_and_removes_invisible_characters() -> None:
    assert clean_text("Gaz\u200bprom\u00ad  LTD") == "gazprom ltd"
    assert clean_text("\ufeffStraße") == "strasse"
    assert clean_text("ＡＣＭＥ") == "acme"  # NFKC full-width
    assert clean_text("a\tb\nc\x00d") == "a b c d"


def test_homoglyphs_fold_inside_latin_names_only() -> None:
    assert fold_homoglyphs("gаzprom") == "gazprom"  # Cyrillic а inside a Latin word
    assert fold_homoglyphs("вр plc") == "bp plc"  # look-alike word in a Latin name
    assert fold_homoglyphs("владимир путин") == "владимир путин"  # real Cyrillic stays


def test_latin_key_transliterates_every_script() -> None:
    assert latin_key("Владимир Путин") == "vladimir putin"
    assert latin_key("浪潮集团有限公司") == "langchao group co ltd"
    assert latin_key("Ελληνικά") == "ellenika" or latin_key("Ελληνικά").startswith("ell")
    assert latin_key("A.B.C. Company") == "abc company"
    assert latin_key("O'Brien & Sons") == "obrien & sons"


def test_latin_key_of_long_and_empty_input_is_bounded() -> None:
    assert latin_key("") == ""
    assert latin_key("\x00\x01\u200b") == ""
    assert len(latin_key("x" * 10_000)) <= MAX_NAME_CHARS


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_clean_text_is_idempotent_and_bounded(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once
    assert len(once) <= MAX_NAME_CHARS


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_latin_key_never_raises_is_ascii_and_idempotent(text: str) -> None:
    key = latin_key(text)
    assert key.isascii()
    assert key == key.strip()
    assert latin_key(key) == key
