"""Bytes to text, and compressed bytes to bytes, with limits.

``decode`` honours byte-order marks (UTF-8/16/32), then tries strict UTF-8, then asks
charset_normalizer (cp1251, cp1252/latin-1, ...). Binary content is refused. ``decompress``
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


def decode(raw: bytes) -> str:
    """Bytes to text. Raises ValueError for binary content or an undecodable mix."""
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(enc).lstrip("\ufeff")
            except UnicodeDecodeError as exc:
                raise ValueError(f"invalid {enc} after its byte-order mark") from exc
    if b"\0" in raw[:8192]:
        raise ValueError("binary content, not text")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    matches = charset_normalizer.from_bytes(raw[:200_000])
    best = matches.best()
    if best is None:
        raise ValueError("binary content or unknown text encoding")
    encoding = best.encoding
    equal = {m.encoding for m in matches if m.chaos <= best.chaos + 0.01}
    if encoding != "cp1252" and ("cp1252" in equal or (encoding in _LATINISH and _latin1(raw))):
        encoding = "cp1252"
    return raw.decode(encoding, errors="replace")


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
