"""Scoring definitions shared by the benchmarks (see ../shared/corpus/README.md).

- title: exact match after NFKC and whitespace collapsing;
- date: day and minute accuracy; instants when both sides carry an offset, else
  wall-clock; a missing prediction is wrong;
- body: token precision/recall/F1 (each CJK character a token, other text split
  on whitespace, lower-cased, punctuation stripped); an empty prediction scores 0;
- body snippets (trafilatura-dev): each ``body_with`` snippet found in the
  whitespace-normalised text is a true positive, else a false negative; each
  ``body_without`` snippet found is a false positive, else a true negative;
  precision, recall and F1 are micro-averaged over the set (sum the counts, then divide);
- author/source/editor: exact after normalisation, and "contains" either way.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from datetime import date, datetime, timedelta

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_WS = re.compile(r"\s+")
_PUNCT = re.compile(r"[^\w]+", re.UNICODE)
_NAME_SEP = re.compile(r"\s*(?:[,，、;；/&|]|\band\b|\bund\b|和)\s*", re.I)


def normalize(text: str | None) -> str:
    """Return ``text`` NFKC-normalised with whitespace collapsed; '' for None."""
    if not text:
        return ""
    return _WS.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def title_exact(pred: str | None, truth: str) -> bool:
    """Return True when the predicted title equals the truth after normalisation."""
    return bool(pred) and normalize(pred) == normalize(truth)


def tokens(text: str) -> Counter:
    """Return the multiset of scoring tokens of ``text``."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    out: Counter = Counter(_CJK.findall(text))
    for word in _CJK.sub(" ", text).split():
        word = _PUNCT.sub("", word)
        if word:
            out[word] += 1
    return out


def body_prf(pred: str | None, truth: str) -> tuple[float, float, float]:
    """Return token (precision, recall, F1) of a predicted body against the truth."""
    p, t = tokens(pred or ""), tokens(truth)
    if not p or not t:
        return 0.0, 0.0, 0.0
    common = sum((p & t).values())
    if not common:
        return 0.0, 0.0, 0.0
    precision, recall = common / sum(p.values()), common / sum(t.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def snippet_counts(pred: str | None, with_: list[str], without: list[str]) -> tuple[int, int, int, int]:
    """Return (true pos, false neg, false pos, true neg) of one page's body snippets."""
    text = " ".join((pred or "").split())
    found = [" ".join(s.split()) in text for s in with_ if s.strip()]
    leaked = [" ".join(s.split()) in text for s in without if s.strip()]
    return sum(found), len(found) - sum(found), sum(leaked), len(leaked) - sum(leaked)


def micro_prf(tp: int, fn: int, fp: int) -> tuple[float, float, float]:
    """Return micro-averaged (precision, recall, F1) from summed snippet counts."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def parse_when(value) -> datetime | date | None:
    """Return a date or datetime from a prediction (object or ISO-like string); None when unreadable."""
    if value is None or isinstance(value, (datetime, date)):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        from dateutil import parser

        try:
            return parser.parse(text)
        except (ValueError, OverflowError):
            return None


def _aligned(pred: datetime, truth: datetime) -> datetime:
    """Return ``pred`` in the truth's offset when both are aware; else ``pred`` as given."""
    if pred.tzinfo is not None and truth.tzinfo is not None:
        return pred.astimezone(truth.tzinfo)
    return pred


def date_day(pred, truth: str) -> bool:
    """Return True when the predicted calendar day equals the truth's."""
    p, t = parse_when(pred), parse_when(truth)
    if p is None or t is None:
        return False
    if isinstance(p, datetime) and isinstance(t, datetime):
        p = _aligned(p, t)
    pd = p.date() if isinstance(p, datetime) else p
    td = t.date() if isinstance(t, datetime) else t
    return pd == td


def date_minute(pred, truth: str) -> bool:
    """Return True when the prediction equals the truth to the minute."""
    p, t = parse_when(pred), parse_when(truth)
    if not isinstance(p, datetime) or not isinstance(t, datetime):
        return False
    p = _aligned(p, t)
    if (p.tzinfo is None) != (t.tzinfo is None):  # wall-clock comparison
        p, t = p.replace(tzinfo=None), t.replace(tzinfo=None)
    return abs(p.replace(second=0, microsecond=0) - t.replace(second=0, microsecond=0)) < timedelta(seconds=1)


def _names(value) -> str:
    """Return a person/outlet value as one normalised string, names sorted."""
    if isinstance(value, (list, tuple)):
        value = "、".join(str(v) for v in value if v)
    text = normalize(value).lower()
    parts = sorted(p for p in _NAME_SEP.split(text) if p)
    return "、".join(parts)


def name_scores(pred, truth) -> tuple[bool, bool]:
    """Return (exact, contains) for an author, editor or source prediction."""
    p, t = _names(pred), _names(truth)
    if not p or not t:
        return False, False
    return p == t, p in t or t in p
