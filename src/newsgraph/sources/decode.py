"""Bytes to text for every reader: gzip, BOMs, UTF-16, invalid UTF-8 replaced (and said), binary refused."""

from __future__ import annotations

import codecs
import gzip
import io
import re
import zlib

from .base import InputError

# A thousandfold gzip bomb must not take the machine: decompressed input is capped.
MAX_BYTES = 512 * 1024 * 1024


def gunzip(data: bytes, uri: str, limit: int = MAX_BYTES) -> bytes:
    if not data.startswith(b"\x1f\x8b"):
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
            out = f.read(limit + 1)
    except (OSError, EOFError, zlib.error) as e:
        raise InputError(f"truncated or corrupt gzip ({e}); re-download or re-compress the file") from None
    if len(out) > limit:
        raise InputError(f"gzip expands beyond {limit // 2**20} MiB; split the input into smaller files")
    return out


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the head mean this is not text (UTF-16 aside)."""
    head = data[:8192]
    if not head:
        return False
    if head.count(b"\x00") > len(head) // 100 + 1:
        return True
    ctrl = sum(1 for b in head if b < 9 or 13 < b < 32)
    return ctrl > len(head) * 0.05


def utf16_guess(data: bytes) -> str | None:
    """The UTF-16 codec of BOM-less bytes with a NUL on every other byte ("utf-16-le" or "-be"), else None."""
    head = data[:4096]
    if len(head) < 4:
        return None
    even_nul = head[0::2].count(0) / (len(head) / 2)
    odd_nul = head[1::2].count(0) / (len(head) / 2)
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def decode(data: bytes, uri: str, warnings: list[str] | None = None) -> str:
    """Decode a document's bytes, appending a warning when bytes had to be replaced."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    else:
        enc = utf16_guess(data)
        if enc:
            return data.decode(enc, errors="replace")
    if looks_binary(data):
        raise InputError("binary content, not text; pass --from warc/html if it is an archive, or skip it")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        text = data.decode("utf-8", errors="replace")
        if warnings is not None:
            warnings.append(
                f"invalid UTF-8 at byte {e.start}; {text.count(chr(0xFFFD))} character(s) replaced with U+FFFD"
            )
        return text


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None


def decode_html(data: bytes, uri: str, warnings: list[str] | None = None, charset: str | None = None) -> str:
    """Decode a page: a BOM, else the charset the server declared, else the page's <meta charset>, else UTF-8.

    Pages that declare a legacy charset (windows-1252, shift_jis, ...) would otherwise come out as mojibake.
    """
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) or utf16_guess(data):
        return decode(data, uri, warnings)
    declared = _codec(charset)
    if declared is None:
        m = _META_CHARSET.search(data[:4096])
        declared = _codec(m.group(1).decode("ascii", "replace")) if m else None
    if declared and declared not in ("utf-8", "ascii"):
        if declared in ("latin-1", "iso8859-1"):
            declared = "cp1252"  # browsers read ISO-8859-1 as windows-1252; so do we
        text = data.decode(declared, errors="replace")
        bad = text.count("\ufffd")
        if bad and warnings is not None:
            warnings.append(f"{bad} byte(s) invalid in the declared charset {declared} replaced with U+FFFD")
        return text
    return decode(data, uri, warnings)
