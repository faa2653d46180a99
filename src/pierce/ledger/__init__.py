"""Protect: a disclosure ledger with a tamper-evident (RFC 9162) log, detections and reports."""

from pierce.ledger.db import Ledger
from pierce.ledger.errors import LedgerError
from pierce.ledger.importer import import_file
from pierce.ledger.records import add, add_records

__all__ = ["Ledger", "LedgerError", "add", "add_records", "import_file"]
