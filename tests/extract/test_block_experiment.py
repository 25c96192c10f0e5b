"""The learned-block experiment in bench/ (issue 22): labels, reproducible fits, the pure-Python scorer."""

from __future__ import annotations

import json
import sys

import numpy as np

from newscrawl.extract import blockmodel
from tests.helpers import REPO

sys.path.insert(0, str(REPO / "bench"))
import blockfit  # noqa: E402
import blocklabels  # noqa: E402
import blocktrees  # noqa: E402
import train_blocks  # noqa: E402

STORY = [
    "The riverside path reopened on Saturday after three months of work, with new lights along the water.",
    "Walkers and cyclists share the widened lanes, and the council says the surface will drain far better.",
    "A second stretch, north of the old mill, is due to open in the spring if the weather allows the work.",
]
PAGE = f"""<html><head><title>Riverside path reopens</title></head><body>
<nav class="menu"><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Riverside path reopens</h1>
<p class="standfirst">Three months of work end with new lights, wider lanes and a better surface for all.</p>
<div class="article-body"><p>{STORY[0]}</p><p>{STORY[1]}</p><p>{STORY[2]}</p>
<p>Share this article on your favourite network</p></div></article>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Bridge closes for repairs</a></li>
<li><a href="/b">New bus route to the station</a></li></ul></aside>
<footer>Copyright 2026 The Town Paper. All rights reserved.</footer></body></html>""".encode()


def record(truth: dict, fold: int = 0, site: str = "town") -> dict:
    """Return the experiment's record of the hand-written page for a truth."""
    out = blocklabels.walk_record("hand", {"id": f"p{fold}", "url": "https://town.example/a", **truth}, PAGE)
    out["fold"], out["site"] = fold, site
    return out


def test_a_full_truth_labels_the_story_body_the_furniture_not_and_a_short_match_not_at_all():
    found = record({"body": "\n".join(["Riverside path reopens", *STORY])})
    labels = dict(zip(found["texts"], found["labels"].tolist()))
    assert [labels[text] for text in STORY] == [1, 1, 1]
    assert labels["Share this article on your favourite network"] == 0
    assert labels["Copyright 2026 The Town Paper. All rights reserved."] == 0
    assert labels["Riverside path reopens"] == -1  # three words found in the truth: maybe by chance


def test_snippets_label_the_blocks_that_hold_them_and_leave_the_rest_unlabelled():
    found = record({"body_with": [STORY[1][:60]], "body_without": ["Copyright 2026 The Town Paper"]})
    labels = dict(zip(found["texts"], found["labels"].tolist()))
    assert labels[STORY[1]] == 1
    assert labels["Copyright 2026 The Town Paper. All rights reserved."] == 0
    assert labels[STORY[0]] == -1


def test_a_fit_is_the_same_file_every_run_and_the_pure_python_scorer_agrees_with_numpy():
    records = [record({"body": "\n".join(STORY)}, fold=i, site=f"site{i}") for i in range(6)]
    first, second = blockfit.fit_linear(records), blockfit.fit_linear(records)
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)
    trees = blockfit.fit_trees(records)
    live = blocklabels.walk_record("hand", {"id": "x", "body": "\n".join(STORY)}, PAGE)["live"]
    blocks, container, kept, junk, title_index = live
    context = blockmodel.page_context(blocks, container, kept, junk, title_index)
    for model in (first, trees):
        scorer = blockmodel.BlockModel(json.loads(json.dumps(model)))
        pure = [scorer.score(blocks, i, context) for i in range(len(blocks))]
        assert np.allclose(pure, blockfit.probabilities(model, records[0]), atol=1e-6)
        story = [i for i, b in enumerate(blocks) if b.text in STORY]
        assert min(pure[i] for i in story) > max(p for i, p in enumerate(pure) if i not in story and
                                                 records[0]["labels"][i] == 0)


def test_edges_numpy_and_pure_python_keep_the_same_blocks():
    found = record({"body": "\n".join(STORY)})
    model = blockfit.fit_linear([record({"body": "\n".join(STORY)}, fold=i, site=f"s{i}") for i in range(6)])
    model["drop_below"], model["add_above"] = 0.5, 0.5
    p = blockfit.probabilities(model, found)
    by_numpy = [found["texts"][i] for i in np.flatnonzero(train_blocks.edges(found, p, 0.5, 0.5))]
    by_python = [b.text for b in blockmodel.trim_edges(blockmodel.BlockModel(model), *found["live"])]
    assert by_numpy == by_python
    assert "Share this article on your favourite network" not in by_python
    assert set(STORY) <= set(by_python)


def test_a_row_at_a_cut_goes_the_way_the_numpy_trees_send_it():
    tree = [0, 1.0, [-1.0], [2.0]]
    row = np.array([[1.0], [0.5]])
    assert [blockmodel._leaf(tree, list(r)) for r in row] == blocktrees.predict(tree, row).tolist()
