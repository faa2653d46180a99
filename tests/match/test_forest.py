"""Boosted trees in numpy (pierce.match.forest) and the shipped model's use of them."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pierce.match.forest import PAD_THRESHOLD, Forest
from pierce.match.scorer import input_row, probabilities, score_names
from pierce.match.weights import default_model

# One tree of depth 2: "a" > 0.5 goes right to a leaf (padded below), else "b" > 0.2 splits.
TREE = {
    "inputs": ["a", "b"], "base": -1.0,
    "split_feature": [[0, 1, 0]],
    "split_threshold": [[0.5, 0.2, PAD_THRESHOLD]],
    # node values in heap order: root, its two children, then the four leaves
    "value": [[0.25, -0.5, 1.0, -1.0, 0.0, 1.0, 1.0]],
}


def _walk(forest: Forest, row: np.ndarray) -> float:
    """Reference: follow each tree node by node."""
    total = forest.base
    for t in range(forest.split_feature.shape[0]):
        node = 0
        for _ in range(forest.depth):
            column = forest.split_feature[t, node]
            node = 2 * node + (2 if row[column] > forest.split_threshold[t, node] else 1)
        total += forest.value[t, node]
    return total


def test_a_hand_made_tree_scores_and_explains_each_path() -> None:
    forest = Forest.from_json(TREE)
    x = np.array([[0.9, 0.0], [0.1, 0.1], [0.1, 0.9]])
    assert forest.log_odds(x).tolist() == [0.0, -2.0, -1.0]
    parts = forest.contributions([0.1, 0.9])  # root 0.25 → left -0.5 → right leaf 0.0
    assert parts == {"bias": -0.75, "a": -0.75, "b": 0.5}
    assert sum(parts.values()) == pytest.approx(-1.0)
    # the padded split below the right leaf moves nothing: "a" alone explains that path
    assert forest.contributions([0.9, 0.0]) == {"bias": -0.75, "a": 0.75, "b": 0.0}


def test_malformed_forests_are_refused() -> None:
    with pytest.raises(ValueError, match="complete trees"):
        Forest.from_json(TREE | {"value": [[0.0, 1.0, 2.0]]})
    with pytest.raises(ValueError, match="no input"):
        Forest.from_json(TREE | {"split_feature": [[0, 2, 0]]})


@st.composite
def forests(draw: st.DrawFn) -> tuple[Forest, np.ndarray]:
    depth = draw(st.integers(1, 4))
    trees = draw(st.integers(1, 5))
    inputs = draw(st.integers(1, 4))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    forest = Forest(tuple(f"f{i}" for i in range(inputs)), depth,
                    rng.integers(0, inputs, (trees, 2**depth - 1)),
                    rng.choice([0.0, 0.25, 0.5, 1.0, PAD_THRESHOLD], (trees, 2**depth - 1)),
                    rng.normal(size=(trees, 2 ** (depth + 1) - 1)), float(rng.normal()))
    return forest, rng.choice([0.0, 0.25, 0.3, 0.5, 0.9, 1.0], (draw(st.integers(1, 6)), inputs))


@settings(max_examples=60, deadline=None)
@given(forests())
def test_batched_evaluation_equals_walking_each_tree(case: tuple[Forest, np.ndarray]) -> None:
    forest, x = case
    z = forest.log_odds(x)
    for row, value in zip(x, z, strict=True):
        assert value == pytest.approx(_walk(forest, row))
        assert sum(forest.contributions(row).values()) == pytest.approx(value)


@settings(max_examples=40, deadline=None)
@given(st.lists(forests(), min_size=1, max_size=3), st.data())
def test_averaged_forests_score_the_mean_of_their_log_odds(
        cases: list[tuple[Forest, np.ndarray]], data: st.DataObject) -> None:
    """The shipped model averages forests fitted on separate draws of training pairs: one
    forest must score each row at their mean log-odds, and still explain it exactly."""
    first, x = cases[0]
    same = [f for f, _ in cases if f.depth == first.depth and f.inputs == first.inputs]
    mean = Forest.averaged(same)
    expected = np.mean([f.log_odds(x) for f in same], axis=0)
    assert mean.log_odds(x) == pytest.approx(expected)
    row = x[data.draw(st.integers(0, len(x) - 1))]
    parts = mean.contributions(row)
    assert sum(parts.values()) == pytest.approx(float(mean.log_odds(row[None])[0]))
    others = [f for f, _ in cases if f.depth != first.depth]
    if others:
        with pytest.raises(ValueError, match="one depth"):
            Forest.averaged([first, others[0]])


def test_explanation_parts_add_up_to_the_score() -> None:
    pair = score_names("Inspur Group Co., Ltd.", "INSPUR GROUP COMPANY LIMITED", "Company")
    assert pair.features["coverage_short"] >= 0.5  # no coverage gate: score = sigmoid(sum)
    assert 1 / (1 + math.exp(-sum(pair.contributions.values()))) == pytest.approx(pair.score)
    assert set(pair.contributions) == {"bias", *default_model().features}


@pytest.mark.parametrize("feature", ["unmatched_dominant", "two_sided_unmatched",
                                     "number_conflict", "legal_conflict", "birth_conflict",
                                     "country_conflict", "query_common_fuzzy"])
def test_evidence_against_a_match_never_raises_the_score(feature: str) -> None:
    """The trees are fitted with monotone constraints: setting a conflict flag on any pair
    may only lower its score."""
    model = default_model()
    pairs = [("Inspur Group", "Inspur Group Co Ltd", "org"),
             ("Abdulhai Salek", "SALEK, ABDULHAI", "person"),
             ("Rosnfet", "Rosneft", "org"), ("Bank Melli", "Bank Mellat", "org"),
             ("Kim Jong Un", "Kim Jong Il", "person"), ("Global Trading", "AA Trading", "any")]
    for left, right, group in pairs:
        feats = score_names(left, right).features
        rows = np.array([input_row(model.features, feats | {feature: v}, group)
                         for v in (0.0, 1.0)])
        low, high = probabilities(model, rows)
        assert high <= low + 1e-12, (left, right)
