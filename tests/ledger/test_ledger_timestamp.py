"""RFC 3161 timestamps of signed tree heads against a local `openssl ts` authority."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from ledger_local_tsa import local_tsa

from pierce.ledger import Ledger, LedgerError, import_file, models, signing
from pierce.ledger.timestamp import timestamp_latest_head, verify_head_timestamps

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl not installed")


def test_tree_head_timestamp_verifies_and_detects_tampering(
        tmp_path: Path, fixtures_dir: Path) -> None:
    key = tmp_path / "k.pem"
    signing.generate_key(key)
    (tmp_path / "tsa").mkdir()
    with local_tsa(tmp_path / "tsa") as tsa, \
            Ledger.open(str(tmp_path / "l.sqlite"), key_path=key) as ledger:
        import_file(ledger, fixtures_dir / "neu_cloud.yaml")
        head = timestamp_latest_head(ledger, tsa.url)
        assert head["tsa"] == tsa.url
        [(size, when)] = verify_head_timestamps(ledger, tsa.ca, tsa.cert)
        assert size == ledger.size()
        stamped = dt.datetime.fromisoformat(when)
        assert abs((dt.datetime.now(dt.UTC) - stamped).total_seconds()) < 3600
        # A rewritten tree head no longer matches the digest the TSA signed.
        with ledger.engine.begin() as conn:
            conn.execute(models.tree_heads.update().values(signed_at="2015-01-01T00:00:00"))
        with pytest.raises(LedgerError, match="size 39: timestamp does not verify"):
            verify_head_timestamps(ledger, tsa.ca, tsa.cert)


def test_unreachable_tsa_is_a_clear_error(tmp_path: Path) -> None:
    key = tmp_path / "k.pem"
    signing.generate_key(key)
    with Ledger.open(str(tmp_path / "l.sqlite"), key_path=key) as ledger:
        ledger.sign_now()
        with pytest.raises(LedgerError, match="did not answer"):
            timestamp_latest_head(ledger, "http://127.0.0.1:9/tsa")
