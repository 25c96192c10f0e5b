"""Decide how a page's bytes are encoded, trusting the bytes over the labels.

Order: byte-order mark; strict UTF-8 (a page that decodes as UTF-8 is UTF-8,
whatever its meta says: portals label UTF-8 pages gb2312);
the declared charset (HTTP header, then ``<meta>``) when its decode is clean and
plausible; the Chinese multi-byte encodings; charset-normalizer last, as it is slow.
"""

from __future__ import annotations

import codecs
import logging
import re

from newscrawl.extract.text import cjk_ratio

log = logging.getLogger(__name__)

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# <meta charset=x> or <meta http-equiv content="text/html; charset=x">, anywhere in the head.
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_HEAD_SCAN = 65536
# Labels that mean a superset in practice (WHATWG encoding standard).
_ALIASES = {
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
    "cp936": "gb18030", "big5": "big5hkscs", "big5-hkscs": "big5hkscs",
    "iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252",
    "ascii": "cp1252", "utf8": "utf-8", "unicode": "utf-8",
}
_SINGLE_BYTE = {"cp1252", "iso8859-15", "windows-1252"}
_ASCII_RUN = re.compile(r"[\x00-\x7f]+")
_IDEOGRAPH = re.compile(r"[\u3400-\u9fff]")
_IN_LATIN_WORD = re.compile(r"(?<=[A-Za-z])[\u3400-\u9fff]|[\u3400-\u9fff](?=[A-Za-z])")
_IN_WORDS_MAX = 0.3  # share of ideographs touching a Latin letter above which the decode is wrong


def normalize_label(label: str | None) -> str | None:
    """Return the Python codec name for an encoding label; None when unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _ALIASES.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return _ALIASES.get(name, name)


def declared_charset(data: bytes) -> str | None:
    """Return the codec named by the page's ``<meta>`` charset; None when absent."""
    match = _META_CHARSET.search(data, 0, _HEAD_SCAN)
    return normalize_label(match.group(1).decode("ascii", "ignore")) if match else None


def _strict(data: bytes, encoding: str) -> str | None:
    """Return ``data`` decoded strictly with ``encoding``; None when it fails."""
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _nearly_utf8(data: bytes) -> str | None:
    """Return ``data`` as UTF-8 when only a handful of bytes are broken; else None."""
    text = data.decode("utf-8", "replace")
    broken = text.count("\ufffd")
    return text if broken <= max(3, len(data) // 5000) else None


def _looks_chinese(text: str) -> bool:
    """Return True when the non-ASCII part of ``text`` is mostly CJK ideographs standing apart
    from Latin letters.

    A Latin page in a single-byte encoding also reads cleanly as GB18030 (an accented letter
    and the letter after it make one ideograph), but its ideographs sit inside Latin words.
    """
    wide = _ASCII_RUN.sub("", text)  # the non-ASCII characters, in one C-level pass
    if not wide or cjk_ratio(wide) <= 0.5:
        return False
    ideographs = len(_IDEOGRAPH.findall(text))
    return len(_IN_LATIN_WORD.findall(text)) < _IN_WORDS_MAX * ideographs


def _chinese_guess(data: bytes) -> tuple[str, str] | None:
    """Return (text, encoding) when the bytes read cleanly as GB18030 or Big5; else None."""
    for encoding in ("gb18030", "big5hkscs"):
        text = _strict(data, encoding)
        if text is not None and _looks_chinese(text):
            return text, encoding
    return None


def _detect(data: bytes) -> tuple[str, str]:
    """Return (text, encoding) guessed by charset-normalizer, cp1252 when it has no idea."""
    from charset_normalizer import from_bytes  # slow import and slow call: last resort

    best = from_bytes(data[:200_000]).best()
    encoding = normalize_label(best.encoding) if best else None
    if encoding:
        return data.decode(encoding, "replace"), encoding
    return data.decode("cp1252", "replace"), "cp1252"


_CHUNK = 32 * 1024  # bytes decoded at a time when only checking


def utf8_shows_text(data: bytes) -> bool | None:
    """Return whether ``data``, strict UTF-8 without a byte-order mark, holds more than whitespace;
    None when it is not (``decode_html`` decides then).

    The check ``decode_html`` makes first, without keeping the text: a page decoded piece by
    piece never becomes one large string, which is a third cheaper on a 300 KB page.
    """
    if data.startswith(codecs.BOM_UTF8):
        return None
    decoder = codecs.getincrementaldecoder("utf-8")()
    shown = False
    try:
        for start in range(0, len(data), _CHUNK):
            piece = decoder.decode(data[start:start + _CHUNK])
            shown = shown or (bool(piece) and not piece.isspace())
        decoder.decode(b"", True)
    except UnicodeDecodeError:
        return None
    return shown


def decode_html(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return (text, encoding) for page bytes; ``declared`` is the HTTP header charset."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, "replace"), encoding.replace("-sig", "")
    text = _strict(data, "utf-8")
    if text is not None:
        return text, "utf-8"
    labels = [normalize_label(declared), declared_charset(data)]
    for encoding in filter(None, labels):
        if encoding == "utf-8":
            text = _nearly_utf8(data)
        elif encoding in _SINGLE_BYTE:
            # Latin-1 labels on Chinese pages are common; a clean CJK decode wins.
            guess = _chinese_guess(data)
            if guess:
                return guess
            text = _strict(data, encoding)
        else:
            text = _strict(data, encoding)
        if text is not None:
            return text, encoding
    guess = _chinese_guess(data)
    if guess:
        return guess
    # A few broken bytes in otherwise good GB18030 (truncated last character).
    for encoding in filter(None, labels):
        if encoding.startswith(("gb", "big5")):
            text = data.decode(encoding, "replace")
            if text.count("\ufffd") <= max(3, len(data) // 5000):
                return text, encoding
    text = _nearly_utf8(data)
    if text is not None:
        return text, "utf-8"
    log.debug("falling back to charset detection for %d bytes", len(data))
    return _detect(data)
