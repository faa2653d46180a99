"""Ed25519 signed tree heads."""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from pierce.ledger.canonical import dumps
from pierce.ledger.errors import LedgerError


def generate_key(path: Path) -> str:
    """Write a new PEM private key (mode 0600) and return the public key hex."""
    if path.exists():
        raise LedgerError(f"{path}: a key already exists; refusing to overwrite it")
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pem)
    path.chmod(0o600)
    return public_hex(key)


def load_key(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError) as exc:
        raise LedgerError(f"{path}: cannot read an Ed25519 private key ({exc})") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise LedgerError(f"{path}: not an Ed25519 private key")
    return key


def public_hex(key: Ed25519PrivateKey) -> str:
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return raw.hex()


def tree_head_message(size: int, root_hex: str, signed_at: str) -> bytes:
    return dumps({"type": "pierce-ledger-sth/v1", "size": size, "root": root_hex,
                  "signed_at": signed_at}).encode()


def sign_tree_head(key: Ed25519PrivateKey, size: int, root_hex: str, signed_at: str) -> str:
    return key.sign(tree_head_message(size, root_hex, signed_at)).hex()


def verify_tree_head(public_key_hex: str, size: int, root_hex: str, signed_at: str,
                     signature_hex: str) -> bool:
    try:
        pub = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key_hex))
        pub.verify(bytes.fromhex(signature_hex), tree_head_message(size, root_hex, signed_at))
    except Exception:  # InvalidSignature, bad hex, wrong length: all mean "not valid"
        return False
    return True
