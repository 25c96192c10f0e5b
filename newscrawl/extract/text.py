"""Small text helpers shared by the extractors: whitespace, CJK, punctuation."""

from __future__ import annotations

import re
import unicodedata

# What carries no text: C0/C1 control characters (line breaks and tabs are
# whitespace, not junk), lone surrogates (unwritable as UTF-8), and the
# zero-width spaces, word joiners, BOMs and soft hyphens CMSes leave in text.
# Joiners (U+200C, U+200D) stay: they shape emoji sequences and several scripts.
_JUNK = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u200b\u2060\ufeff\u00ad\ud800-\udfff]")
# Line breaks and tabs, for clean_text(keep_spaces=True).
_BREAKS = re.compile("[ \t\n\r\x0b\x0c\x85\u2028\u2029]+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
SENTENCE_END = "。！？!?….．.」』”\"'）)"
_PUNCT = re.compile(r"[，。！？；：、,.!?;:“”\"]")
# The full-width forms of ASCII (U+FF01-U+FF5E) and the ideographic space: NFKC maps each
# to one ASCII character, and they are nearly all that Chinese text needs NFKC for.
_WIDE = re.compile("[\uff01-\uff5e\u3000]")


def clean_text(text: str | None, *, keep_spaces: bool = False, nfc: bool = False) -> str:
    """Return ``text`` on one line: junk removed, whitespace runs collapsed to one space, ends stripped.

    The project's one text cleaner (extractors, the clean pipeline, the post
    renderer). ``keep_spaces`` collapses only line breaks, tabs and ASCII
    spaces, keeping other spaces (　, NBSP) as written — for rendering text
    that was cleaned already. ``nfc`` composes characters first (Unicode NFC),
    so text that is stored spells one story one way.
    """
    if not text:
        return ""
    if nfc:
        text = unicodedata.normalize("NFC", text)
    if _JUNK.search(text):
        text = _JUNK.sub("", text)
    if keep_spaces:
        return _BREAKS.sub(" ", text).strip()
    # str.split() knows every Unicode space (full-width U+3000, NBSP, thin spaces).
    return " ".join(text.split())


def cjk_ratio(text: str) -> float:
    """Return the share of CJK characters among the non-space characters of ``text``."""
    chars = len(text) - text.count(" ")
    if chars <= 0:
        return 0.0
    return len(_CJK.findall(text)) / chars


def has_cjk(text: str) -> bool:
    """Return True when ``text`` holds at least one CJK character."""
    return _CJK.search(text) is not None


def punctuation_count(text: str) -> int:
    """Return how many sentence punctuation marks ``text`` holds."""
    return len(_PUNCT.findall(text))


def has_punctuation(text: str) -> bool:
    """Return True when ``text`` holds a sentence punctuation mark (``punctuation_count(text) > 0``)."""
    return _PUNCT.search(text) is not None


def nfkc(text: str) -> str:
    """Return ``unicodedata.normalize("NFKC", text)``, five times faster on Chinese text.

    Chinese prose is NFKC-normal but for its full-width punctuation (，：（）！？),
    and ``normalize`` pays for every character of a string it has to change. The
    full-width forms are swapped for their ASCII characters with ``str.replace``
    (each is its own compatibility decomposition, so NFKC of the result equals
    NFKC of the text); when the result is normal it is the answer, else (a combining
    mark after a full-width letter, other compatibility characters) ``normalize`` is.
    """
    if unicodedata.is_normalized("NFKC", text):
        return text
    folded = text
    for wide in set(_WIDE.findall(text)):
        folded = folded.replace(wide, " " if wide == "\u3000" else chr(ord(wide) - 0xFEE0))
    if folded is not text and unicodedata.is_normalized("NFKC", folded):
        return folded
    return unicodedata.normalize("NFKC", text)


def normalize_title(text: str | None) -> str:
    """Return ``text`` NFKC-normalised with whitespace collapsed (for comparisons)."""
    if not text:
        return ""
    return clean_text(nfkc(text))
