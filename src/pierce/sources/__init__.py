"""Parsers, one module per input format, and detection of a file's format from its content.

Every format module exposes:

- ``FORMAT``: its name for ``--format``;
- ``DATASET``: the default dataset name its snapshots are filed under;
- ``sniff(path, head) -> bool``: whether the file (or directory) is in this format, judged from
  content (``head`` is the first 8 KiB, decompressed; empty for a directory);
- ``parse(path) -> Parsed``: the entities, a pure function of the file.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

from pierce.sources.base import Parsed, SourceError, read_head

# Most specific first: detection takes the first module whose sniff() says yes.
MODULES = [
    "ofac_xml",
    "un_sc",
    "gleif_json",
    "gleif_csv",
    "ftm",
    "ofac_csv",
    "csl",
    "bis_dpl",
    "dod_1260h",
    "bis_mieu",
    "elf",
    "products",
    "packages",
]


def _load(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(f"pierce.sources.{name}")
    except ModuleNotFoundError as error:
        if error.name == f"pierce.sources.{name}":
            return None
        raise


def formats() -> dict[str, ModuleType]:
    """Available format modules by their ``FORMAT`` name."""
    found = {}
    for name in MODULES:
        module = _load(name)
        if module is not None:
            found[module.FORMAT] = module
    return found


def detect(path: Path) -> ModuleType:
    """The format module for a file, judged from its content."""
    if not path.exists():
        raise SourceError(path, None, "no such file or directory")
    head = b"" if path.is_dir() else read_head(path)
    if not path.is_dir() and not head.strip():
        raise SourceError(path, None, "file is empty")
    for module in formats().values():
        if module.sniff(path, head):
            return module
    raise SourceError(
        path, None, "unrecognised format; name one with --format (" + ", ".join(formats()) + ")"
    )


def parse(path: Path, fmt: str | None = None) -> tuple[ModuleType, Parsed]:
    """Parse a file in the given or detected format."""
    if fmt is None:
        module = detect(path)
    else:
        known = formats()
        if fmt not in known:
            raise SourceError(path, None, f"unknown format {fmt!r}; known: {', '.join(known)}")
        module = known[fmt]
    return module, module.parse(path)


__all__ = ["Parsed", "SourceError", "detect", "formats", "parse"]
