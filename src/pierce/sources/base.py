"""What every parser shares: the error type, the parse result, and safe file reading.

A parser is a pure function from a file to FollowTheMoney entities. It never writes anything;
the store decides what to keep. Bad input raises `SourceError` naming the file, the record
(line or element) and the problem, so the CLI can print it and exit non-zero.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO

from followthemoney import EntityProxy, model

# Longest single field we accept. Real list fields stay far below this; anything larger is a
# corrupt or hostile file, and refusing it keeps the store and the index sane.
MAX_FIELD = 65_536

csv.field_size_limit(MAX_FIELD * 16)


class SourceError(ValueError):
    """A file that cannot be read as the format it claims to be."""

    def __init__(self, path: Path | str, where: str | None, problem: str) -> None:
        self.path = str(path)
        self.where = where
        self.problem = problem
        location = f" ({where})" if where else ""
        super().__init__(f"{self.path}{location}: {problem}")


@dataclass
class Parsed:
    """A parser's answer: the entities, plus what the file says about itself."""

    entities: Iterator[EntityProxy]
    # Publication date when the file states one (e.g. a UN list's dateGenerated).
    published: date | None = None
    # Facts about the file worth recording on the snapshot (e.g. rows per list).
    info: dict[str, object] = field(default_factory=dict)
    # Every file the parser read (e.g. sdn.csv with its add/alt/comments siblings); the
    # snapshot's SHA-256 covers all of them. Empty means just the path given.
    files: list[Path] = field(default_factory=list)


def make_entity(schema: str, entity_id: str) -> EntityProxy:
    entity = model.make_entity(schema)
    entity.id = entity_id
    return entity


def open_bytes(path: Path) -> IO[bytes]:
    """Open a file, transparently un-gzipping `.gz`."""
    if path.suffix == ".gz":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def read_head(path: Path, size: int = 8192) -> bytes:
    """The first bytes of a file (decompressed), for format detection."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist() if not n.endswith("/")]
            if not names:
                return b""
            with archive.open(names[0]) as handle:
                return handle.read(size)
    try:
        with open_bytes(path) as handle:
            return handle.read(size)
    except (OSError, EOFError) as error:
        raise SourceError(path, None, f"cannot read file: {error}") from error


def decode_text(path: Path, raw: bytes, encodings: tuple[str, ...] = ("utf-8-sig",)) -> str:
    """Decode bytes strictly; a wrong encoding names the line and byte offset it fails at."""
    last: UnicodeDecodeError | None = None
    for encoding in encodings:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError as error:
            last = error
    assert last is not None
    line = raw[: last.start].count(b"\n") + 1
    raise SourceError(
        path,
        f"line {line}, byte {last.start}",
        f"not valid {'/'.join(encodings)} text: {last.reason}",
    )


def read_text(path: Path, encodings: tuple[str, ...] = ("utf-8-sig",)) -> str:
    try:
        with open_bytes(path) as handle:
            raw = handle.read()
    except (OSError, EOFError) as error:
        # gzip raises EOFError on a truncated archive.
        raise SourceError(
            path, None, f"cannot read file (truncated or corrupt?): {error}"
        ) from error
    return decode_text(path, raw, encodings)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def clean_value(path: Path, where: str, value: str | None) -> str | None:
    """Strip a field, turn control characters into spaces, and refuse absurdly large fields."""
    if not value:
        return None
    if len(value) > MAX_FIELD:
        raise SourceError(path, where, f"field of {len(value):,} characters exceeds {MAX_FIELD:,}")
    if _CONTROL.search(value) is not None:
        value = _CONTROL.sub(" ", value)
    return " ".join(value.split()) or None


def csv_rows(path: Path, text: str, **kwargs: object) -> Iterator[tuple[int, list[str]]]:
    """CSV rows with their 1-based line numbers; a malformed row names its line."""
    reader = csv.reader(io.StringIO(text, newline=""), **kwargs)  # type: ignore[arg-type]
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise SourceError(path, f"line {reader.line_num}", f"malformed CSV: {error}") from error
        yield reader.line_num, row
