"""The knowledge store (DuckDB): statements with provenance, snapshots and deltas."""

from pierce.store.store import Delta, IngestResult, Snapshot, Store, StoreError, default_path

__all__ = ["Delta", "IngestResult", "Snapshot", "Store", "StoreError", "default_path"]
