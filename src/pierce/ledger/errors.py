"""Errors the CLI turns into a clear message (never a traceback)."""


class LedgerError(Exception):
    """A problem with ledger input or state, worded for the user."""
