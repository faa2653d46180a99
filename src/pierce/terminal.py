"""What every command shares: the consoles, the --store option, clear failures, date options."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

# Piped output (files, CI logs) gets wide tables instead of Rich's 80-column default.
console = Console(width=None if sys.stdout.isatty() else 160)
# Messages stay on one line, so they can be grepped.
err = Console(stderr=True, soft_wrap=True)

StoreOption = Annotated[
    Path | None,
    typer.Option("--store", envvar="PIERCE_STORE", help="Knowledge store file [./pierce.duckdb]."),
]


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print a clear error and return the Exit to raise (1: bad input, 2: bad usage)."""
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    return typer.Exit(code)


def parse_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise fail(f"{option} {value!r} is not a date (YYYY-MM-DD)", 2) from None


@contextmanager
def progress_bar(description: str, total: int | None = None
                 ) -> Iterator[tuple[Progress, TaskID]]:
    """A transient progress bar on stderr for long work (ingest, screening a batch)."""
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                  MofNCompleteColumn(), TimeElapsedColumn(), console=err,
                  transient=True) as progress:
        yield progress, progress.add_task(description, total=total)
