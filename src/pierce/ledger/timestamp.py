"""Optional RFC 3161 timestamps of signed tree heads, through the `openssl ts` tool.

A timestamp authority (TSA) countersigns the SHA-256 of a signed tree head, proving the head
existed at that time. The request (TSQ) is built and the reply (TSR) verified with
`openssl ts`; the TSA is reached over HTTP (POST application/timestamp-query).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import subprocess
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

from pierce.ledger import models
from pierce.ledger.db import Ledger
from pierce.ledger.errors import LedgerError
from pierce.ledger.signing import tree_head_message


def _openssl(*args: str) -> subprocess.CompletedProcess[bytes]:
    exe = shutil.which("openssl")
    if exe is None:
        raise LedgerError("RFC 3161 timestamps need the `openssl` command; it is not installed")
    return subprocess.run([exe, *args], capture_output=True, timeout=60, check=False)

def make_query(digest: bytes) -> bytes:
    """A DER TimeStampReq for a SHA-256 digest, asking for the TSA certificate."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "q.tsq"
        done = _openssl("ts", "-query", "-digest", digest.hex(), "-sha256", "-cert",
                        "-out", str(out))
        if done.returncode != 0:
            raise LedgerError(f"openssl ts -query failed: {done.stderr.decode().strip()}")
        return out.read_bytes()

def request(tsa_url: str, digest: bytes, timeout: float = 30) -> bytes:
    query = make_query(digest)
    req = urllib.request.Request(tsa_url, data=query, method="POST",
                                 headers={"Content-Type": "application/timestamp-query"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 (user's TSA URL)
            return bytes(resp.read())
    except (urllib.error.URLError, OSError) as exc:
        raise LedgerError(f"timestamp authority {tsa_url} did not answer: {exc}") from exc

def verify_reply(reply: bytes, digest: bytes, ca_file: Path,
                 untrusted: Path | None = None) -> str:
    """Verify a TimeStampResp for digest against a CA; return the TSA's genTime (ISO UTC)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.tsr"
        path.write_bytes(reply)
        args = ["ts", "-verify", "-digest", digest.hex(), "-in", str(path), "-CAfile",
                str(ca_file)]
        if untrusted is not None:
            args += ["-untrusted", str(untrusted)]
        done = _openssl(*args)
        if done.returncode != 0 or b"OK" not in done.stdout:
            raise LedgerError("timestamp does not verify: "
                              f"{(done.stderr or done.stdout).decode().strip()}")
        text = _openssl("ts", "-reply", "-in", str(path), "-text").stdout.decode()
    match = re.search(r"Time stamp: (.+)", text)
    if not match:
        raise LedgerError("timestamp reply has no time")
    stamp = re.sub(r"\.\d+", "", match.group(1).strip())
    when = dt.datetime.strptime(stamp, "%b %d %H:%M:%S %Y %Z").replace(tzinfo=dt.UTC)
    return when.isoformat()

def head_digest(head: dict[str, object]) -> bytes:
    message = tree_head_message(int(str(head["size"])), str(head["root"]),
                                str(head["signed_at"]))
    return hashlib.sha256(message + bytes.fromhex(str(head["signature"]))).digest()

def timestamp_latest_head(ledger: Ledger, tsa_url: str) -> dict[str, object]:
    """Ask the TSA to timestamp the newest signed tree head and store the reply with it."""
    heads = ledger.tree_heads()
    if not heads:
        raise LedgerError("no signed tree head to timestamp: sign one first (--key)")
    head = heads[-1]
    reply = request(tsa_url, head_digest(head))
    with ledger.engine.begin() as conn:
        conn.execute(models.tree_heads.update().where(models.tree_heads.c.size == head["size"])
                     .values(timestamp_token=reply, tsa=tsa_url))
    head.update(timestamp_token=reply, tsa=tsa_url)
    return head

def verify_head_timestamps(ledger: Ledger, ca_file: Path,
                           untrusted: Path | None = None) -> list[tuple[int, str]]:
    """(size, genTime) of every timestamped head; raises naming the first that fails."""
    out = []
    for head in ledger.tree_heads():
        token = head.get("timestamp_token")
        if token is None:
            continue
        try:
            out.append((int(head["size"]), verify_reply(bytes(token), head_digest(head), ca_file,
                                                        untrusted)))
        except LedgerError as exc:
            raise LedgerError(f"signed tree head at size {head['size']}: {exc}") from exc
    return out

__all__ = ["make_query", "request", "verify_reply", "timestamp_latest_head",
           "verify_head_timestamps"]
