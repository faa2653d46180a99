"""RFC 9162 Merkle tree: published CT test vectors plus an independent textbook implementation."""

from __future__ import annotations

import hashlib

from hypothesis import given, settings
from hypothesis import strategies as st

from pierce.ledger import merkle

# Certificate Transparency reference vectors (RFC 6962 / transparency-dev merkle testonly).
LEAVES = [
    bytes.fromhex(h)
    for h in ["", "00", "10", "2021", "3031", "40414243", "5051525354555657",
              "606162636465666768696a6b6c6d6e6f"]
]
ROOTS = [  # root of the first n leaves, n = 0..8
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]
# (leaf index 0-based, tree size, proof)
INCLUSION = [
    (0, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
    (5, 8, ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
    (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
    (1, 5, ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]),
]
CONSISTENCY = [
    (1, 1, []),
    (1, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
    (6, 8, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
    (2, 5, ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]),
]
HASHES = [merkle.leaf_hash(d) for d in LEAVES]


def textbook_root(data: list[bytes]) -> bytes:
    """MTH straight from the RFC's recursive definition, over raw leaf data."""
    n = len(data)
    if n == 0:
        return hashlib.sha256(b"").digest()
    if n == 1:
        return hashlib.sha256(b"\x00" + data[0]).digest()
    k = 1
    while k * 2 < n:
        k *= 2
    return hashlib.sha256(b"\x01" + textbook_root(data[:k]) + textbook_root(data[k:])).digest()


def test_roots_match_published_vectors() -> None:
    for n in range(len(LEAVES) + 1):
        assert merkle.root(HASHES[:n]).hex() == ROOTS[n], n
        assert textbook_root(LEAVES[:n]).hex() == ROOTS[n], n


def test_inclusion_proofs_match_published_vectors() -> None:
    for index, size, proof in INCLUSION:
        expected = [bytes.fromhex(p) for p in proof]
        assert merkle.inclusion_proof(index, HASHES[:size]) == expected
        root = bytes.fromhex(ROOTS[size])
        assert merkle.verify_inclusion(HASHES[index], index, size, expected, root)
        assert not merkle.verify_inclusion(HASHES[index], index + 1, size, expected, root)
        assert not merkle.verify_inclusion(HASHES[index], index, size * 2, expected, root)
        bad = list(expected)
        bad[0] = bytes([bad[0][0] ^ 8]) + bad[0][1:]
        assert not merkle.verify_inclusion(HASHES[index], index, size, bad, root)


def test_consistency_proofs_match_published_vectors() -> None:
    for old, new, proof in CONSISTENCY:
        expected = [bytes.fromhex(p) for p in proof]
        assert merkle.consistency_proof(old, HASHES[:new]) == expected
        r1, r2 = bytes.fromhex(ROOTS[old]), bytes.fromhex(ROOTS[new])
        assert merkle.verify_consistency(old, new, r1, r2, expected)
        if expected:
            assert not merkle.verify_consistency(old, new, r2, r1, expected)
            assert not merkle.verify_consistency(old, new, r1, r2, expected[:-1])
            assert not merkle.verify_consistency(old - 1 or 3, new, r1, r2, expected)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.binary(max_size=8), min_size=1, max_size=40), st.data())
def test_proofs_roundtrip_against_textbook(data: list[bytes], draw: st.DataObject) -> None:
    hashes = [merkle.leaf_hash(d) for d in data]
    n = len(data)
    assert merkle.root(hashes) == textbook_root(data)
    index = draw.draw(st.integers(0, n - 1))
    proof = merkle.inclusion_proof(index, hashes)
    assert merkle.verify_inclusion(hashes[index], index, n, proof, textbook_root(data))
    other = merkle.leaf_hash(data[index] + b"x")
    assert not merkle.verify_inclusion(other, index, n, proof, textbook_root(data))
    old = draw.draw(st.integers(1, n))
    cproof = merkle.consistency_proof(old, hashes)
    assert merkle.verify_consistency(
        old, n, textbook_root(data[:old]), textbook_root(data), cproof
    )
    if old < n:
        assert not merkle.verify_consistency(
            old, n, textbook_root(data[:old] + [b"?"]), textbook_root(data), cproof
        )
