"""Turn a newspaper or media name into the ASCII slug of its category.

The slug is the pinyin of the Han characters, written together as the
replaced system did (江西日报 → ``jiangxiribao``, 重庆日报 → ``chongqingribao``
thanks to pypinyin's phrase dictionary). Latin letters and digits stay,
lower-cased and stripped of accents (Süddeutsche → ``suddeutsche``); full-width
forms fold to ASCII first. Any other run of characters — spaces, ``·``,
punctuation — becomes one ``-``. Letters pinyin cannot spell (kana, hangul)
add a short hash of the name to what is left, and a name with nothing left
(★, 조선일보) becomes ``media-<hash>``: a slug is never empty, and the same
name always gives the same slug.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_SLUG = 64  # longer slugs keep their start plus a hash of the whole name
_HASH_LEN = 8
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(name: str) -> str:
    """Return the category slug of ``name``: pinyin and ASCII letters/digits joined by ``-``."""
    text = unicodedata.normalize("NFKC", name).strip()
    romanised = _romanised(text)
    folded = _ascii_fold(romanised)
    slug = _NOT_SLUG.sub("-", folded.lower()).strip("-")
    if not slug:
        return f"media-{_name_hash(text or name)}"
    if len(slug) > MAX_SLUG or _lost_letters(folded, romanised):
        keep = slug[: MAX_SLUG - _HASH_LEN - 1].rstrip("-")
        return f"{keep}-{_name_hash(text)}"
    return slug


def _romanised(text: str) -> str:
    """Return ``text`` with its Han characters spelled in pinyin, the rest as it is."""
    if text.isascii():  # nothing for pinyin to spell; its dictionaries take half a second to load
        return text
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(text))


def _ascii_fold(text: str) -> str:
    """Return ``text`` with accents dropped and every other non-ASCII character as a space."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch if ch.isascii() else "" if unicodedata.combining(ch) else " " for ch in decomposed)


def _lost_letters(folded: str, romanised: str) -> bool:
    """Return True when folding dropped letters (kana, hangul…), so the slug needs a hash."""
    kept = sum(ch.isalpha() for ch in folded)
    letters = sum(ch.isalpha() for ch in unicodedata.normalize("NFKD", romanised) if not unicodedata.combining(ch))
    return kept < letters


def _name_hash(name: str) -> str:
    """Return a short stable hex digest of ``name``."""
    return hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:_HASH_LEN]
