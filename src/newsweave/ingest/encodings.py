"""Bytes to text: UTF-8, UTF-8/16 with a BOM, UTF-16 without one, legacy single-byte text."""

from __future__ import annotations

import codecs

from newsweave.errors import DocumentError

__all__ = ["decode_bytes", "is_binary"]

#: Share of C0 control characters (other than tab, LF, CR, FF) above which bytes are not text.
#: Real news text has none; 5% leaves room for a few stray bytes in a legacy file.
MAX_CONTROL_SHARE = 0.05

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes) -> str:
    """Decode a document's bytes, trying what news text is really stored in.

    Order: a BOM's encoding; UTF-16 without BOM (NULs at every other byte);
    UTF-8; cp1252 (Windows' Latin-1 superset, which also gives curly quotes);
    latin-1 for the few bytes cp1252 leaves undefined.

    Raises:
        DocumentError: the bytes are binary, or no encoding fits.

    Example: ``decode_bytes(b"caf\\xe9")`` is ``"café"``.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom) and not (encoding == "utf-16" and _ascii_behind(data[2:])):
            return _strict(data, encoding)
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        return _strict(data, utf16)
    if is_binary(data):
        raise DocumentError("binary file, not text")
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise DocumentError(
            f"cannot be decoded as {encoding} ({error.reason} at byte {error.start}); save it as UTF-8"
        ) from error


#: Share of printable ASCII bytes above which bytes are single-byte text, not UTF-16: UTF-16
#: text holds NULs (its ASCII) or, in scripts without ASCII, bytes of every value.
ASCII_SHARE = 0.9


def _ascii_behind(data: bytes) -> bool:
    """Whether bytes after what looks like a UTF-16 BOM are single-byte text (a legacy file
    that opens with "ÿþ"): no NUL, and nearly all printable ASCII."""
    sample = data[:4000]
    if not sample or b"\x00" in sample:
        return False
    printable = sum(1 for b in sample if 32 <= b < 127 or b in (9, 10, 13))
    return printable >= ASCII_SHARE * len(sample)


def _bomless_utf16(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NULs sit at every other byte of ASCII-heavy text."""
    sample = data[:4000]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    half = len(sample) // 2
    if odd.count(0) > 0.6 * half and even.count(0) < 0.1 * half:
        return "utf-16-le"
    if even.count(0) > 0.6 * half and odd.count(0) < 0.1 * half:
        return "utf-16-be"
    return None


def is_binary(data: bytes) -> bool:
    """True for bytes with NULs or many control characters (images, archives, executables)."""
    sample = data[:8000]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return bool(sample) and controls / len(sample) > MAX_CONTROL_SHARE
