"""Read request CSV files record by record, with a clear message for each bad record."""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from followthemoney import model

MAX_FIELD = 10_000  # characters kept per value; longer values are cut (and reported)


class InputError(ValueError):
    """The file cannot be read at all (missing, no header, required column absent)."""


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, str]


def read_rows(path: Path, required: Iterable[str], problems: list[str]) -> Iterator[Row]:
    """Rows of a CSV file with a header. Malformed rows (wrong field count, NUL bytes) are
    reported in `problems` as "<file>:<line>: <problem>" and skipped; reading goes on."""
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from error
    with handle:
        lines = (line.replace("\0", "") for line in handle)
        reader = csv.reader(lines)
        try:
            header = [h.strip() for h in next(reader)]
        except StopIteration:
            raise InputError(f"{path}: empty file (expected a header line)") from None
        except (csv.Error, UnicodeDecodeError) as error:
            raise InputError(f"{path}: unreadable header: {error}") from error
        missing = [c for c in required if c not in header]
        if missing:
            raise InputError(f"{path}: missing column(s) {', '.join(missing)} "
                             f"(header has: {', '.join(header) or 'nothing'})")
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                return
            except (csv.Error, UnicodeDecodeError) as error:
                problems.append(f"{path}:{reader.line_num}: unreadable row: {error}")
                continue
            if not any(f.strip() for f in fields):
                continue
            if len(fields) != len(header):
                problems.append(f"{path}:{reader.line_num}: {len(fields)} fields, header has "
                                f"{len(header)}; row skipped")
                continue
            values = {}
            for key, value in zip(header, fields, strict=True):
                if len(value) > MAX_FIELD:
                    problems.append(f"{path}:{reader.line_num}: {key} longer than "
                                    f"{MAX_FIELD} characters; cut")
                    value = value[:MAX_FIELD]
                values[key] = value
            yield Row(reader.line_num, values)


def unknown_columns(header: Iterable[str], schema: str, known: Iterable[str]) -> list[str]:
    """Columns that are neither in `known` nor properties of the FtM schema."""
    ftm = model.get(schema) or model.get("LegalEntity")
    assert ftm is not None
    return [c for c in header if c not in known and c not in ftm.properties
            and not any(c in s.properties for s in model.schemata.values())]


def write_atomic(path: Path, header: list[str], rows: Iterable[dict[str, str]],
                 fmt: str = "csv") -> int:
    """Write rows to a temporary file beside `path` and rename it: never half-written."""
    import json

    path = path.resolve()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    count = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            if fmt == "jsonl":
                for row in rows:
                    handle.write(json.dumps(row, ensure_ascii=False) + "\n")
                    count += 1
            else:
                writer = csv.DictWriter(handle, fieldnames=header, extrasaction="ignore")
                writer.writeheader()
                for row in rows:
                    writer.writerow(row)
                    count += 1
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return count
