"""Bytes to text, and compressed bytes to bytes, with limits.

``decode`` honours byte-order marks (UTF-8/16/32), then tries strict UTF-8. Text that is
UTF-8 but for a few broken bytes (it has more valid multi-byte characters than broken ones)
stays UTF-8, the broken bytes replaced by U+FFFD, with a note: it must not become cp1251
mojibake. Otherwise charset_normalizer names the code page (cp1251, cp1252/latin-1, ...)
when it is confident (a clean, coherent reading); when it is not, the text is read as UTF-8
with replacement characters and a note, or refused as binary when most of it would be
replaced. ``decompress``
opens ``.gz``/``.bz2``/``.xz`` with a cap on the *decompressed* size, so a compression bomb is
refused after reading at most the cap, never expanded in full.
"""

from __future__ import annotations

import bz2
import codecs
import gzip
import io
import lzma
from typing import BinaryIO

import charset_normalizer

MAX_TEXT_BYTES = 50 * 1024 * 1024
COMPRESSED = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Western code pages charset_normalizer ranks equal to cp1252 on plain Latin-1 text.
_LATINISH = {"cp1250", "cp1257", "iso8859_2", "iso8859_4", "iso8859_10", "iso8859_13", "iso8859_15"}


_CONFIDENT_CHAOS = 0.1
"""The most "mess" (charset_normalizer's chaos) a reading may show to be trusted."""
_MOSTLY_BROKEN = 0.1
"""Above this share of replaced characters, undecodable bytes are binary content."""


def decode(raw: bytes) -> str:
    """Bytes to text (:func:`decode_text` without its note)."""
    return decode_text(raw)[0]


def decode_text(raw: bytes) -> tuple[str, str | None]:
    """Bytes to text, and a one-line note when the text could not be read exactly (broken
    bytes replaced by U+FFFD). Raises ValueError for binary content."""
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(enc).lstrip("\ufeff"), None
            except UnicodeDecodeError as exc:
                raise ValueError(f"invalid {enc} after its byte-order mark") from exc
    if b"\0" in raw[:8192]:
        raise ValueError("binary content, not text")
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    as_utf8 = raw.decode("utf-8", errors="replace")
    broken = as_utf8.count("\ufffd")
    valid = sum(1 for c in as_utf8 if c > "\x7f") - broken
    if valid > broken:  # UTF-8 with a few broken bytes, not another code page
        return as_utf8, f"not valid UTF-8: {broken} broken bytes replaced by \ufffd"
    matches = charset_normalizer.from_bytes(raw[:200_000])
    best = matches.best()
    if best is not None and best.chaos <= _CONFIDENT_CHAOS and best.coherence > 0:
        encoding = best.encoding
        equal = {m.encoding for m in matches if m.chaos <= best.chaos + 0.01}
        latinish = encoding in _LATINISH and _latin1(raw)
        if encoding != "cp1252" and ("cp1252" in equal or latinish):
            encoding = "cp1252"
        return raw.decode(encoding, errors="replace"), None
    if broken > _MOSTLY_BROKEN * len(as_utf8):
        raise ValueError("binary content or unknown text encoding")
    return as_utf8, f"unknown text encoding: read as UTF-8, {broken} bytes replaced by \ufffd"


def _latin1(raw: bytes) -> bool:
    """Every non-ASCII byte is a Latin-1 letter (À–ÿ): plain Western text."""
    return all(b < 0x80 or b >= 0xC0 for b in raw)


def decompress(suffix: str, raw: bytes, *, cap: int = MAX_TEXT_BYTES) -> bytes:
    """Decompress ``raw`` (``suffix`` is ``.gz``, ``.bz2`` or ``.xz``), at most ``cap`` bytes.

    Raises ValueError naming the problem: over the cap (a compression bomb) or corrupt data.
    """
    opener = COMPRESSED[suffix]
    out = io.BytesIO()
    try:
        fh: BinaryIO = opener(io.BytesIO(raw), "rb")  # type: ignore[operator]
        with fh:
            while chunk := fh.read(1 << 20):
                out.write(chunk)
                if out.tell() > cap:
                    raise ValueError(
                        f"decompresses to over {cap // 1_048_576} MB (a compression bomb?)"
                    )
    except (OSError, EOFError, lzma.LZMAError) as exc:
        raise ValueError(f"corrupt {suffix} data ({exc})") from exc
    return out.getvalue()
