"""Accuracy gate: extraction must not drop below pinned floors on the shared corpus.

Floors sit a few points under the figures measured with ``bench/accuracy.py``
(zh-news: title 96.7%, date minute 100%, author 90.9%, source 94.7%, body F1
0.971; aeb-dev: body F1 0.972; fundus-dev: title 88.3%, date day 98.4% /
minute 97.5%, author 90.5%, body F1 0.951; dates-dev: day 91.4%). Raise them
when the extractor improves; a drop below one means a change made
extraction worse.
"""

from __future__ import annotations

import json
import sys

import pytest

from newscrawl.extract import extract_article
from tests.helpers import CORPUS, REPO, need_shared

sys.path.insert(0, str(REPO / "bench"))
import scoring  # noqa: E402

FLOORS = {
    "zh-news": {"title": 0.93, "body": 0.95, "minute": 0.95, "author": 0.85, "source": 0.90},
    "aeb-dev": {"body": 0.95},
    "fundus-dev": {"title": 0.85, "body": 0.93, "day": 0.95, "minute": 0.92, "author": 0.85},
    "dates-dev": {"day": 0.88},
}


def load(set_name: str) -> list[tuple[dict, bytes]]:
    """Return (truth, page bytes) pairs of a corpus set, skipping when the corpus is absent."""
    folder = CORPUS / set_name
    need_shared(folder / "truth.jsonl")
    rows = [json.loads(line) for line in (folder / "truth.jsonl").open(encoding="utf-8")]
    return [(row, (folder / "pages" / f"{row['id']}.html").read_bytes()) for row in rows]


def scores(truth: dict, got) -> dict[str, float]:
    """Return this page's score per field the truth knows (the bench's definitions)."""
    out: dict[str, float] = {}
    if truth.get("title"):
        out["title"] = scoring.title_exact(got.title, truth["title"])
    if truth.get("body"):
        out["body"] = scoring.body_prf("\n".join(got.paragraphs), truth["body"])[2]
    if truth.get("date"):
        out["day"] = scoring.date_day(got.published, truth["date"])
        if truth.get("date_precision") in ("second", "minute"):
            out["minute"] = scoring.date_minute(got.published, truth["date"])
    for key, value in (("author", got.author), ("source", got.source)):
        if truth.get(key):
            out[key] = scoring.name_scores(value, truth[key])[1]  # "contains"
    return out


@pytest.mark.parametrize("set_name", sorted(FLOORS))
def test_accuracy_floor(set_name):
    totals: dict[str, list[float]] = {}
    for truth, html in load(set_name):
        for field, score in scores(truth, extract_article(html, truth.get("url"))).items():
            totals.setdefault(field, []).append(float(score))
    measured = {field: sum(values) / len(values) for field, values in totals.items()}
    for field, floor in FLOORS[set_name].items():
        assert measured[field] >= floor, f"{set_name} {field}: {measured[field]:.3f} < floor {floor}"


def test_scoring_counts_cjk_characters_and_words():
    assert scoring.tokens("新闻 News, today!") == {"新": 1, "闻": 1, "news": 1, "today": 1}
    assert scoring.body_prf("", "正文") == (0.0, 0.0, 0.0)
    assert scoring.body_prf("正文内容", "正文") == (0.5, 1.0, 2 / 3)
    assert scoring.title_exact("Ｔｉｔｌｅ  one", "Title one")
    assert scoring.date_minute("2019-09-07T13:43:59+08:00", "2019-09-07T05:43:00+00:00")
    assert not scoring.date_day("2019-09-07", "2019-09-08T01:00:00")
    assert scoring.name_scores(["陈智", "李明"], "李明、陈智") == (True, True)
