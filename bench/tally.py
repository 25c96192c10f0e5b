"""Score one page's prediction, and sum page scores over a set, a half or a site.

A page's scores are a flat dict: ``title``, ``day``, ``minute``, ``author`` /
``author~`` (exact / contains; same for editor and source), ``body P/R/F1``
for sets with a full body, and the snippet counts ``snip tp/fn/fp/tn`` for
sets scored by snippets. ``summarise`` turns a list of them into the figures
the tables show; the accuracy gate uses the same two functions.
"""

from __future__ import annotations

import scoring

PEOPLE = ("author", "editor", "source")
SNIPPETS = ("snip tp", "snip fn", "snip fp", "snip tn")
ALL_FIELDS = frozenset(("title", "date", "author", "editor", "source", "body"))


def score_page(pred: dict, truth: dict, fields: frozenset | set = ALL_FIELDS) -> dict[str, float]:
    """Return one page's scores for the fields the truth knows and the extractor reports."""
    out: dict[str, float] = {}
    if truth.get("title") and "title" in fields:
        out["title"] = float(scoring.title_exact(pred.get("title"), truth["title"]))
    if truth.get("date") and "date" in fields:
        out["day"] = float(scoring.date_day(pred.get("date"), truth["date"]))
        if truth.get("date_precision") in ("second", "minute"):
            out["minute"] = float(scoring.date_minute(pred.get("date"), truth["date"]))
    for key in PEOPLE:
        if truth.get(key) and key in fields:
            exact, contains = scoring.name_scores(pred.get(key), truth[key])
            out[key], out[key + "~"] = float(exact), float(contains)
    if "body" in fields:
        if truth.get("body"):
            out["body P"], out["body R"], out["body F1"] = scoring.body_prf(pred.get("body"), truth["body"])
        elif truth.get("body_with") or truth.get("body_without"):
            counts = scoring.snippet_counts(pred.get("body"), truth.get("body_with") or [],
                                            truth.get("body_without") or [])
            out.update(zip(SNIPPETS, map(float, counts)))
    return out


def summarise(pages: list[dict[str, float]]) -> dict[str, float]:
    """Return the mean of every per-page score, and micro P/R/F1 where pages carry snippets."""
    sums: dict[str, float] = {}
    counts: dict[str, int] = {}
    for scores in pages:
        for key, value in scores.items():
            sums[key] = sums.get(key, 0.0) + value
            counts[key] = counts.get(key, 0) + 1
    out = {key: sums[key] / counts[key] for key in sums if key not in SNIPPETS}
    if "snip tp" in sums:
        out["body P"], out["body R"], out["body F1"] = scoring.micro_prf(
            int(sums["snip tp"]), int(sums["snip fn"]), int(sums["snip fp"]))
    out["pages"] = float(len(pages))
    return out


_QUIET = frozenset(("body P", "body R", "snip fn", "snip tn"))  # implied by F1, tp and fp


def changed(before: dict[str, float], after: dict[str, float]) -> dict[str, float]:
    """Return the fields whose page score moved between two runs, as after minus before."""
    delta = {key: after.get(key, 0.0) - before.get(key, 0.0)
             for key in set(before) | set(after) if key not in _QUIET}
    return {key: value for key, value in delta.items() if abs(value) > 1e-9}
