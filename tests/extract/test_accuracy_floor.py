"""Accuracy gate: extraction must not drop below pinned floors on the shared corpus.

Floors sit a few points under the figures measured with ``bench/accuracy.py``
(zh-news: title 96.7%, body F1 0.970; aeb-dev: body F1 0.971; fundus-dev:
title 88.3%, body F1 0.950). Raise them when the extractor improves; a drop
below one means a change made extraction worse.
"""

from __future__ import annotations

import json
import sys

import pytest

from newscrawl.extract import extract_article
from tests.helpers import CORPUS, REPO

sys.path.insert(0, str(REPO / "bench"))
import scoring  # noqa: E402

FLOORS = {
    "zh-news": {"title": 0.93, "body": 0.95},
    "aeb-dev": {"body": 0.95},
    "fundus-dev": {"title": 0.85, "body": 0.93},
}


def load(set_name: str) -> list[tuple[dict, bytes]]:
    """Return (truth, page bytes) pairs of a corpus set, skipping when the corpus is absent."""
    folder = CORPUS / set_name
    if not (folder / "truth.jsonl").exists():
        pytest.skip(f"{folder} is absent: the corpus lives in ../shared beside the project")
    rows = [json.loads(line) for line in (folder / "truth.jsonl").open(encoding="utf-8")]
    return [(row, (folder / "pages" / f"{row['id']}.html").read_bytes()) for row in rows]


@pytest.mark.parametrize("set_name", sorted(FLOORS))
def test_accuracy_floor(set_name):
    titles, bodies = [], []
    for truth, html in load(set_name):
        got = extract_article(html, truth.get("url"))
        if truth.get("title"):
            titles.append(scoring.title_exact(got.title, truth["title"]))
        if truth.get("body"):
            bodies.append(scoring.body_prf("\n".join(got.paragraphs), truth["body"])[2])
    floors = FLOORS[set_name]
    if "title" in floors:
        assert sum(titles) / len(titles) >= floors["title"]
    assert sum(bodies) / len(bodies) >= floors["body"]


def test_scoring_counts_cjk_characters_and_words():
    assert scoring.tokens("新闻 News, today!") == {"新": 1, "闻": 1, "news": 1, "today": 1}
    assert scoring.body_prf("", "正文") == (0.0, 0.0, 0.0)
    assert scoring.body_prf("正文内容", "正文") == (0.5, 1.0, 2 / 3)
    assert scoring.title_exact("Ｔｉｔｌｅ  one", "Title one")
    assert scoring.date_minute("2019-09-07T13:43:59+08:00", "2019-09-07T05:43:00+00:00")
    assert not scoring.date_day("2019-09-07", "2019-09-08T01:00:00")
    assert scoring.name_scores(["陈智", "李明"], "李明、陈智") == (True, True)
