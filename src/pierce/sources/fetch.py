"""Download the official lists from their publishers (catalogue in data/sources/catalogue.yaml).

Each list lands in `DEST/<list>/` under its official file names. A download goes to a temporary
name first and is renamed only when complete, so a dropped connection never leaves a truncated
file that looks whole. Without a network, `--from DIR` reads the same names from a mirror.
"""

from __future__ import annotations

import shutil
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pierce.data import load

TIMEOUT = 60
USER_AGENT = "pierce (restricted-party screening; https://pypi.org/project/pierce/)"


class FetchError(RuntimeError):
    pass


@dataclass(frozen=True)
class ListEntry:
    name: str
    title: str
    format: str
    dataset: str
    files: dict[str, str]  # file name -> publisher URL


def catalogue() -> dict[str, ListEntry]:
    raw = load("sources/catalogue.yaml")
    return {name: ListEntry(name=name, **entry) for name, entry in raw.items()}


def _download(url: str, target: Path) -> None:
    partial = target.with_name(target.name + ".part")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with (
            urllib.request.urlopen(request, timeout=TIMEOUT) as response,
            open(partial, "wb") as out,
        ):
            expected = response.headers.get("Content-Length")
            shutil.copyfileobj(response, out, 1 << 20)
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        partial.unlink(missing_ok=True)
        reason = getattr(error, "reason", error)
        raise FetchError(
            f"cannot download {url}: {reason}. No network? Use --from DIR with a local mirror "
            "holding the same file names."
        ) from error
    if expected is not None and partial.stat().st_size != int(expected):
        size = partial.stat().st_size
        partial.unlink()
        raise FetchError(f"download of {url} was cut short ({size} of {expected} bytes)")
    partial.replace(target)


def fetch_list(
    entry: ListEntry,
    dest: Path,
    mirror: Path | None = None,
    log: Callable[[str], None] = print,
) -> Path:
    """Fetch every file of one list into dest/<name>/; returns the file to ingest."""
    folder = dest / entry.name
    folder.mkdir(parents=True, exist_ok=True)
    for file_name, url in entry.files.items():
        target = folder / file_name
        if mirror is not None:
            source = _find_in_mirror(mirror, entry.name, file_name)
            shutil.copyfile(source, target)
            log(f"{entry.name}: {file_name} from mirror {source}")
        else:
            log(f"{entry.name}: downloading {url}")
            _download(url, target)
    return folder / next(iter(entry.files))


def _find_in_mirror(mirror: Path, list_name: str, file_name: str) -> Path:
    for candidate in (mirror / list_name / file_name, mirror / file_name):
        if candidate.is_file():
            return candidate
    raise FetchError(
        f"mirror {mirror} has no {file_name} (looked in {mirror / list_name} and {mirror})"
    )
