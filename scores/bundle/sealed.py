"""A client bundle's bytes: encrypted and authenticated with a passphrase, so a bundle on a lost
USB stick reveals nothing and cannot be altered unnoticed.

Layout: ``MAGIC``, one line of JSON (the header), then the ciphertext. The header holds the
format, the key derivation's name, parameters and random salt, the cipher, a random nonce, a
random ``key_id`` (which passphrase this is, so a PC that remembers it need not ask; it names no
one), and a manifest with what may be known without the passphrase: the cogsuite version, when
the bundle was made and its counts per table — never the client's id or any name. The content
(gzip-compressed JSON: the client's id, whether a name is included, the rows) is encrypted with
AES-256-GCM (``cryptography``), the header's exact bytes as associated data: a change to any
byte of the file, a cut, or a wrong passphrase fails authentication. The key comes from the
passphrase by scrypt; its parameters travel in the header, so a later cogsuite can raise them
and still read bundles made before.
"""

from __future__ import annotations

import base64
import gzip
import json
import os
import secrets
import unicodedata
import zlib
from pathlib import Path
from typing import Any

from scores.store.database import StoreError

MAGIC = b"COGSUITE CLIENT BUNDLE\n"
BUNDLE_FORMAT = 1
# scrypt: 2**17 x 8 x 128 bytes = 128 MiB and ~0.4 s per guess on a 2-core PC (README, "Practising
# at home"; benchmarks/bundle_kdf.py measures it). Read from the header, so it can rise later.
KDF = {"name": "scrypt", "n": 2 ** 17, "r": 8, "p": 1}
KDF_LIMITS = {"n": 2 ** 22, "r": 32, "p": 16}  # a header asking more is damaged, not obeyed
MIN_PASSPHRASE = 10  # characters, after spaces are tidied
WRONG = "wrong passphrase or damaged bundle"


class BundleError(StoreError):
    """A file that is not a bundle, is damaged or cut short, has another passphrase, or is from a
    newer cogsuite; or a bundle that cannot be merged. Nothing was imported."""


def tidy_passphrase(text: str) -> str:
    """The passphrase as it is used: Unicode NFC, spaces at the ends dropped and runs of spaces
    made one, so "river  lemon" typed with two spaces still opens the bundle."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def check_passphrase(text: str) -> str:
    """``text`` tidied; BundleError when it is too short to protect a client's data."""
    tidy = tidy_passphrase(text)
    if len(tidy) < MIN_PASSPHRASE:
        raise BundleError(f"A bundle's passphrase needs at least {MIN_PASSPHRASE} characters "
                          "(four words such as 'river lemon oak tulip' are easy to write down).")
    return tidy


def asset_words() -> list[str]:
    """The words of ``assets/words/words.txt``, from which passphrases are drawn."""
    from assets import asset_path

    return asset_path("words/words.txt").read_text(encoding="utf-8").split()


def memorable_passphrase(words: int = 4) -> str:
    """Four words drawn at random from ``asset_words()`` (about 40 bits)."""
    listed = asset_words()
    return " ".join(secrets.choice(listed) for _ in range(words))


def _key(passphrase: str, kdf: dict[str, Any], salt: bytes) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=kdf["n"], r=kdf["r"], p=kdf["p"]).derive(
        tidy_passphrase(passphrase).encode("utf-8"))


def seal(content: dict[str, Any], manifest: dict[str, Any], passphrase: str, key_id: str,
         kdf: dict[str, Any] | None = None) -> bytes:
    """The bundle's bytes: ``content`` encrypted under ``passphrase``, ``manifest`` readable."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    kdf = dict(kdf or KDF, salt=_b64(secrets.token_bytes(16)))
    nonce = secrets.token_bytes(12)
    header = {"format": BUNDLE_FORMAT, "kdf": kdf, "cipher": "AES-256-GCM", "nonce": _b64(nonce),
              "key_id": key_id, "manifest": manifest}
    head = MAGIC + json.dumps(header, separators=(",", ":")).encode() + b"\n"
    plain = gzip.compress(json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode(), 6, mtime=0)
    key = _key(passphrase, kdf, base64.b64decode(kdf["salt"]))
    return head + AESGCM(key).encrypt(nonce, plain, head)


def read_header(data: bytes, name: str = "the file") -> dict[str, Any]:
    """The readable header of a bundle (which passphrase, the counts); BundleError if it is none."""
    if not data.startswith(MAGIC):
        raise BundleError(f"{name} is not a cogsuite client bundle.")
    line, newline, _rest = data[len(MAGIC):].partition(b"\n")
    try:
        header = json.loads(line) if newline else None
        version, kdf = header["format"], header["kdf"]
        if not isinstance(version, int) or isinstance(version, bool):
            raise ValueError(version)
    except (ValueError, TypeError, KeyError):
        raise BundleError(f"{name}: {WRONG}; nothing was imported.") from None
    if version > BUNDLE_FORMAT:
        raise BundleError(f"{name} was made by a newer cogsuite (bundle format {version}, this one reads up to "
                          f"{BUNDLE_FORMAT}); update cogsuite here. Nothing was imported.")
    sound = (kdf.get("name") == "scrypt" and header.get("cipher") == "AES-256-GCM"
             and all(isinstance(kdf.get(k), int) and 1 <= kdf[k] <= KDF_LIMITS[k] for k in KDF_LIMITS))
    if not sound:
        raise BundleError(f"{name}: {WRONG}; nothing was imported.")
    return header


def open_sealed(data: bytes, passphrase: str, name: str = "the file") -> tuple[dict[str, Any], dict[str, Any]]:
    """The header and the decrypted content; one BundleError for a wrong passphrase, a changed
    byte or a cut alike (authenticated encryption cannot tell them apart, and need not)."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    header = read_header(data, name)
    head_end = data.index(b"\n", len(MAGIC)) + 1
    try:
        kdf = header["kdf"]
        key = _key(passphrase, kdf, base64.b64decode(kdf["salt"], validate=True))
        plain = AESGCM(key).decrypt(base64.b64decode(header["nonce"], validate=True), data[head_end:], data[:head_end])
        content = json.loads(gzip.decompress(plain))
    except (InvalidTag, ValueError, TypeError, KeyError, OSError, EOFError, zlib.error, MemoryError):
        raise BundleError(f"{name}: {WRONG}; nothing was imported.") from None
    return header, content


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, readable by this account only."""
    from scores.export.csvfile import create_private, replace_atomically

    def fill(temp: Path) -> None:
        with open(create_private(temp), "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())

    replace_atomically(Path(path), fill)


def read_file(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise BundleError(f"Cannot read {path} ({exc.strerror or exc}).") from None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
