"""Small text helpers shared by the extractors: whitespace, CJK, punctuation."""

from __future__ import annotations

import re
import unicodedata

# Zero-width spaces, BOMs and soft hyphens that CMSes leave in text. Joiners (U+200C,
# U+200D) stay: they shape emoji sequences and several scripts.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad"), None)
_INVISIBLE_RE = re.compile("[\u200b\u2060\ufeff\u00ad]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
SENTENCE_END = "。！？!?….．.」』”\"'）)"
_PUNCT = re.compile(r"[，。！？；：、,.!?;:“”\"]")


def clean_text(text: str | None) -> str:
    """Return ``text`` with invisible characters removed and whitespace collapsed."""
    if not text:
        return ""
    if _INVISIBLE_RE.search(text):
        text = text.translate(_INVISIBLE)
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


def normalize_title(text: str | None) -> str:
    """Return ``text`` NFKC-normalised with whitespace collapsed (for comparisons)."""
    if not text:
        return ""
    return clean_text(unicodedata.normalize("NFKC", text))
