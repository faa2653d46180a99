"""Matching: features → calibrated score (probability of the same party) → explanation."""

from pierce.match.records import Record
from pierce.match.scorer import PairScore, score_names, score_records

__all__ = ["PairScore", "Record", "score_names", "score_records"]
