"""Synthetic variants used for training and the perturbation benchmark."""

from __future__ import annotations

import random

from pierce.match.variants import ADVERSARIAL, BENIGN
from pierce.names import analyze_name


def test_every_variant_changes_the_name_or_declines() -> None:
    rng = random.Random(3)
    for name in ["Inspur Group Co., Ltd.", "SALEK, Abdulhai", "KIM JONG UN", "X"]:
        for kind, make in {**BENIGN, **ADVERSARIAL}.items():
            variant = make(name, rng)
            assert variant is None or (variant != name and isinstance(variant, str)), kind


def test_adversarial_variants_normalise_back() -> None:
    rng = random.Random(5)
    name = "Rosoboronexport"
    for make in ADVERSARIAL.values():
        variant = make(name, rng)
        assert variant is not None
        assert analyze_name(variant).tokens == analyze_name(name).tokens


def test_transliterated_name_round_trips_through_the_second_romanisation() -> None:
    from pierce.match.variants import _transliterator

    name = "Chechen Trading Company Ichkeria"
    cyrillic = str(_transliterator("Latin-Cyrillic").transliterate(name.lower())).upper()
    assert analyze_name(cyrillic).alt_tokens == analyze_name(name).tokens


def test_abbreviation_writes_long_words_shortened_or_as_initials() -> None:
    from pierce.match.variants import abbreviation

    name = "Wuxi Paike Materials Science Park"
    made = {abbreviation(name, random.Random(seed)) for seed in range(40)}
    shortened = {v for v in made if v and any(len(w) > 2 and w.endswith(".") for w in v.split())}
    initials = {v for v in made if v and any(len(w) == 2 and w.endswith(".") for w in v.split())}
    assert shortened and initials
    for variant in shortened:
        form = analyze_name(variant)
        assert form.abbreviated and len(form.tokens) == 5
