"""Boosted decision trees evaluated with numpy: the pair model's log-odds for many feature rows
at once, and for one row each feature's part of it (path contributions), for explanations.

Every tree is stored complete, to a fixed depth, in heap order (node k has children 2k+1 and
2k+2), so that all trees step down together with arithmetic instead of pointer chasing. A leaf
above the full depth is padded with splits that always go left (at PAD_THRESHOLD) and keep
its value.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

PAD_THRESHOLD = float(np.finfo(float).max)  # no finite value exceeds it: always left


@dataclass(frozen=True, eq=False)
class Forest:
    inputs: tuple[str, ...]  # feature names, in column order
    depth: int
    split_feature: np.ndarray  # (trees, 2**depth - 1) column tested at each inner node
    split_threshold: np.ndarray  # (trees, 2**depth - 1) go right when value > threshold
    value: np.ndarray  # (trees, 2**(depth+1) - 1) log-odds of every node; inner nodes hold
    # the sample-weighted mean of their leaves, so a step down a path moves it by the
    # evidence of that split
    base: float  # log-odds before any tree
    _flat: tuple[np.ndarray, ...] = field(init=False, repr=False)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Forest:
        split_feature = np.asarray(data["split_feature"], dtype=np.intp)
        trees, inner = split_feature.shape
        depth = int(round(np.log2(inner + 1)))
        value = np.asarray(data["value"], dtype=float)
        if inner != 2**depth - 1 or value.shape != (trees, 2 ** (depth + 1) - 1):
            raise ValueError("forest arrays are not complete trees of one depth")
        if split_feature.size and not 0 <= split_feature.min() <= split_feature.max() < len(
                data["inputs"]):
            raise ValueError("forest splits on a column it has no input for")
        return cls(tuple(data["inputs"]), depth, split_feature,
                   np.asarray(data["split_threshold"], dtype=float), value, float(data["base"]))

    @classmethod
    def averaged(cls, forests: Sequence[Forest]) -> Forest:
        """One forest whose log-odds are the mean of `forests`' (of one depth and inputs):
        all their trees, every value divided by their number, so path contributions stay
        exact."""
        first = forests[0]
        if any(f.depth != first.depth or f.inputs != first.inputs for f in forests):
            raise ValueError("only forests of one depth and inputs can be averaged")
        share = 1.0 / len(forests)
        return cls(first.inputs, first.depth,
                   np.vstack([f.split_feature for f in forests]),
                   np.vstack([f.split_threshold for f in forests]),
                   np.vstack([f.value for f in forests]) * share,
                   sum(f.base for f in forests) * share)

    def to_json(self) -> dict[str, Any]:
        return {"inputs": list(self.inputs), "base": self.base,
                "split_feature": self.split_feature.tolist(),
                "split_threshold": self.split_threshold.tolist(), "value": self.value.tolist()}

    def __post_init__(self) -> None:
        # flat copies and per-tree offsets: np.take on 1-D arrays is the fast gather
        trees, inner = self.split_feature.shape
        object.__setattr__(self, "_flat", (
            self.split_feature.ravel(), self.split_threshold.ravel(), self.value.ravel(),
            (np.arange(trees) * inner)[None, :], (np.arange(trees) * self.value.shape[1])[None, :]))

    def _descend(self, x: np.ndarray) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """Step every row of `x` down every tree at once; per level, the (rows, trees) node
        left, the column it tested and the child reached (heap positions within each tree)."""
        features, thresholds, _, inner_at, _ = self._flat
        rows, columns = x.shape
        cells = np.ascontiguousarray(x, dtype=float).ravel()
        row_at = (np.arange(rows) * columns)[:, None]
        node = np.zeros((rows, inner_at.shape[1]), dtype=np.intp)
        for _ in range(self.depth):
            k = node + inner_at
            column = features.take(k)
            child = 2 * node + 1 + (cells.take(row_at + column) > thresholds.take(k))
            yield node, column, child
            node = child

    def log_odds(self, x: np.ndarray) -> np.ndarray:
        """Log-odds for every row of `x` (rows × len(inputs))."""
        values, value_at = self._flat[2], self._flat[4]
        leaf = np.zeros((len(x), value_at.shape[1]), dtype=np.intp)
        for _, _, child in self._descend(x):
            leaf = child
        return np.asarray(self.base + values.take(leaf + value_at).sum(axis=1))

    def contributions(self, row: Sequence[float]) -> dict[str, float]:
        """Each input's part of the log-odds of one row ("bias": what every row starts from);
        the parts sum to `log_odds`. A split's part is how far it moved its tree's value."""
        values, value_at = self._flat[2], self._flat[4]
        parts = np.zeros(len(self.inputs))
        for node, column, child in self._descend(np.asarray(row, dtype=float)[None, :]):
            moved = values.take(child + value_at) - values.take(node + value_at)
            np.add.at(parts, column[0], moved[0])
        out = {"bias": self.base + float(values.take(value_at).sum())}
        out.update((name, float(v)) for name, v in zip(self.inputs, parts, strict=True))
        return out
