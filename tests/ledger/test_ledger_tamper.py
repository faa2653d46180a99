"""Tamper evidence: edits, deletions and reorderings made directly in the database are named."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from pierce.ledger import Ledger, add, import_file, models, signing
from pierce.ledger.verify import verify

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def key_path(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.key"
    signing.generate_key(path)
    return path


@pytest.fixture
def ledger(db_url: str, key_path: Path, fixtures_dir: Path) -> Any:
    with Ledger.open(db_url, key_path=key_path) as led:
        import_file(led, fixtures_dir / "neu_cloud.yaml")
        import_file(led, fixtures_dir / "neu_cloud_canary.yaml")
        yield led


def _execute(ledger: Ledger, sql: str, **params: Any) -> None:
    with ledger.engine.begin() as conn:
        conn.execute(sa.text(sql), params)


def _flip_one_byte(ledger: Ledger, kind: str) -> str:
    """Change one byte of the longest text (or binary) value of the table's middle record."""
    table = models.RECORD_TABLES[kind]
    rows = ledger.rows(kind)
    row = rows[len(rows) // 2]
    column, value = max(
        ((c, v) for c, v in row.items() if c not in ("id", "seq") and isinstance(v, str | bytes)),
        key=lambda cv: len(cv[1]),
    )
    if isinstance(value, bytes):
        new: str | bytes = value[:-1] + bytes([value[-1] ^ 1])
    else:
        new = value[:-1] + ("x" if value[-1] != "x" else "y")
    with ledger.engine.begin() as conn:
        conn.execute(table.update().where(table.c.id == row["id"]).values({column: new}))
    return str(row["id"])


def test_untouched_ledger_verifies_with_signed_heads(ledger: Ledger, key_path: Path) -> None:
    result = verify(ledger, public_key=signing.public_hex(signing.load_key(key_path)))
    assert result.ok, result.problems
    assert result.heads_checked == 2  # one signed head per import transaction
    assert result.size == ledger.size() == 43


@pytest.mark.parametrize("kind", sorted(models.RECORD_TABLES))
def test_one_changed_byte_is_named(ledger: Ledger, kind: str) -> None:
    record_id = _flip_one_byte(ledger, kind)
    result = verify(ledger)
    assert not result.ok
    assert any(f"{kind} {record_id!r}" in p and "altered" in p for p in result.problems), \
        result.problems


def test_deleted_record_is_named(ledger: Ledger) -> None:
    _execute(ledger, "DELETE FROM events WHERE id = 'm-c3'")
    problems = verify(ledger).problems
    assert any("events 'm-c3'" in p and "removed" in p for p in problems), problems


def test_deleted_record_and_log_entry_are_caught(ledger: Ledger) -> None:
    seq = next(e["seq"] for e in ledger.log_entries() if e["record_id"] == "m-c3")
    _execute(ledger, "DELETE FROM events WHERE id = 'm-c3'")
    _execute(ledger, "DELETE FROM log WHERE seq = :s", s=seq)
    problems = verify(ledger).problems
    assert any(f"log entry #{seq} is missing" in p for p in problems), problems
    assert any("signed tree head" in p for p in problems)


def test_swapped_records_are_named(ledger: Ledger) -> None:
    entries = {e["record_id"]: e for e in ledger.log_entries()}
    a, b = entries["m-c1"], entries["m-c5"]
    with ledger.engine.begin() as conn:  # swap the two log positions
        for seq, target in ((a["seq"], -1), (b["seq"], a["seq"]), (-1, b["seq"])):
            conn.execute(models.log.update().where(models.log.c.seq == seq).values(seq=target))
    problems = verify(ledger).problems
    assert any("events 'm-c1'" in p and "reordered" in p for p in problems), problems
    assert any("events 'm-c5'" in p and "reordered" in p for p in problems), problems


def test_swapped_record_contents_are_named(ledger: Ledger) -> None:
    rows = {r["id"]: r for r in ledger.rows("events")}
    with ledger.engine.begin() as conn:
        for one, other in (("m-c2", "m-c9"), ("m-c9", "m-c2")):
            conn.execute(models.events.update().where(models.events.c.id == one)
                         .values(customer=rows[other]["customer"]))
    problems = verify(ledger).problems
    assert any("events 'm-c2'" in p for p in problems) and \
        any("events 'm-c9'" in p for p in problems), problems


def test_rewritten_record_and_leaf_hash_break_the_signed_head(ledger: Ledger) -> None:
    from pierce.ledger import merkle
    from pierce.ledger.canonical import leaf_data

    entry = next(e for e in ledger.log_entries() if e["record_id"] == "m-c1")
    row = next(r for r in ledger.rows("events") if r["id"] == "m-c1")
    row["message"] = "Dear customer, hello."
    forged = merkle.leaf_hash(leaf_data(entry["seq"], "events", entry["recorded_at"], row)).hex()
    with ledger.engine.begin() as conn:
        conn.execute(models.events.update().where(models.events.c.id == "m-c1")
                     .values(message=row["message"]))
        conn.execute(models.log.update().where(models.log.c.seq == entry["seq"])
                     .values(leaf_hash=forged))
    problems = verify(ledger).problems
    assert any("signed tree head at size 39" in p and "rewritten" in p for p in problems), problems


APPEND = """
import sys
from pierce.ledger import Ledger, add
url, prefix, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
with Ledger.open(url) as led:
    for i in range(count):
        add(led, {"type": "person", "id": f"{prefix}-{i}", "name": f"Person {prefix} {i}"})
"""


def test_concurrent_writers_do_not_corrupt_the_log(db_url: str, key_path: Path) -> None:
    with Ledger.open(db_url, key_path=key_path):
        pass  # schema exists before the writers race
    errors: list[BaseException] = []

    def writer(prefix: str) -> None:
        try:
            with Ledger.open(db_url, key_path=key_path) as led:
                for i in range(8):
                    add(led, {"type": "person", "id": f"{prefix}-{i}", "name": f"P {prefix} {i}"})
        except BaseException as exc:  # surfaced below: a thread's exception is otherwise lost
            errors.append(exc)

    procs = [subprocess.Popen([sys.executable, "-c", APPEND, db_url, f"proc{n}", "8"])
             for n in range(2)]
    threads = [threading.Thread(target=writer, args=(f"t{n}",)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(p.wait(timeout=120) == 0 for p in procs)
    assert errors == []
    with Ledger.open(db_url, key_path=key_path) as led:
        entries = led.log_entries()
        assert [e["seq"] for e in entries] == list(range(48))
        assert len(led.rows("people")) == 48
        heads = led.tree_heads()  # threads signed a head after each of their appends
        sizes = [h["size"] for h in heads]
        assert len(sizes) == 32 and sizes == sorted(set(sizes)) and sizes[-1] <= 48
        result = verify(led)  # every head's root matches the prefix of the final log
        assert result.heads_checked == 32
        assert result.ok, result.problems
