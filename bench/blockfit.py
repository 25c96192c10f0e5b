"""Fit the learned block scorers (issue 22): logistic regression and boosted trees, with no randomness.

Both read the labelled blocks of training pages (``blocklabels.py``): the dense
features of ``blockmodel.py`` and one column per word of the vocabulary
(class/id words and short blocks' own words carried by blocks of at least
MIN_SITES training sites). Every page weighs the same; within a page a block
weighs by the log of its length. The models come out as JSON-ready dicts that
``blockmodel.BlockModel`` scores in pure Python.
"""

from __future__ import annotations

import numpy as np

import blocktrees
from newscrawl.extract import blockmodel

PENALTY = 1.0  # L2 on standardised logistic weights
MIN_SITES = 5  # a class/id word counts only when blocks of this many training sites carry it
MAX_WORDS = 600


def vocabulary(records: list[dict], limit: int = MAX_WORDS) -> list[str]:
    """Return the class/id words on labelled blocks of the most training sites (at least MIN_SITES)."""
    sites_of: dict[str, set] = {}
    for record in records:
        for words, label in zip(record["words"], record["labels"]):
            if label >= 0:
                for word in words:
                    sites_of.setdefault(word, set()).add(record["site"])
    ranked = sorted((w for w, s in sites_of.items() if len(s) >= MIN_SITES), key=lambda w: (-len(sites_of[w]), w))
    return sorted(ranked[:limit])


def design(record: dict, vocab: dict[str, int]) -> np.ndarray:
    """Return a page's feature matrix: dense features, then one column per vocabulary word."""
    words = np.zeros((len(record["texts"]), len(vocab)))
    for row, found in enumerate(record["words"]):
        for word in found:
            column = vocab.get(word)
            if column is not None:
                words[row, column] = 1.0
    return np.hstack([record["dense"], words])


def training_rows(records: list[dict], vocab: dict[str, int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the labelled blocks' features, labels and weights (every page weighs the same)."""
    xs, ys, ws = [], [], []
    for record in records:
        mask = record["labels"] >= 0
        if not mask.any():
            continue
        xs.append(design(record, vocab)[mask])
        ys.append(record["labels"][mask])
        weight = np.log1p(record["lengths"][mask])  # long blocks weigh more within a page
        ws.append(weight / weight.sum())
    return np.vstack(xs), np.concatenate(ys).astype(float), np.concatenate(ws)


def fit_linear(records: list[dict]) -> dict:
    """Return a logistic model fitted on the labelled blocks of ``records`` (weights in raw units)."""
    vocab_list = vocabulary(records)
    x, y, w = training_rows(records, {word: i for i, word in enumerate(vocab_list)})
    w = w * len(records) * 50 / w.sum()
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    beta = np.zeros(z.shape[1])
    ridge = np.full(z.shape[1], PENALTY)
    ridge[-1] = 0.0
    for _ in range(25):
        p = 1 / (1 + np.exp(-np.clip(z @ beta, -30, 30)))
        step = np.linalg.solve((z * (w * p * (1 - p))[:, None]).T @ z + np.diag(ridge),
                               z.T @ (w * (p - y)) + ridge * beta)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    raw = beta[:-1] / scale
    dense = len(blockmodel.feature_names())
    return {"kind": "linear", "features": blockmodel.feature_names(),
            "weights": [round(float(v), 6) for v in raw[:dense]],
            "words": {word: round(float(raw[dense + i]), 6) for i, word in enumerate(vocab_list)
                      if abs(raw[dense + i]) > 1e-4},
            "bias": round(float(beta[-1] - (beta[:-1] * mean / scale).sum()), 6),
            "drop_below": 0.0, "add_above": 1.01, "trained_on": len(records)}


def fit_trees(records: list[dict]) -> dict:
    """Return boosted trees fitted on the labelled blocks of ``records``."""
    vocab_list = vocabulary(records, blocktrees.WORDS)
    x, y, w = training_rows(records, {word: i for i, word in enumerate(vocab_list)})
    base, trees = blocktrees.fit_trees(x, y, w)
    return {"kind": "trees", "features": blockmodel.feature_names(), "vocab": vocab_list,
            "base": round(base, 6), "trees": trees, "drop_below": 0.0, "add_above": 1.01,
            "trained_on": len(records)}


FITS = {"linear": fit_linear, "trees": fit_trees}


def probabilities(model: dict, record: dict) -> np.ndarray:
    """Return the model's probability per block of a record (numpy; the sums ``BlockModel.score`` does)."""
    if model["kind"] == "linear":
        total = record["dense"] @ np.array(model["weights"]) + model["bias"]
        words = model["words"]
        total += np.array([sum(words.get(w, 0.0) for w in found) for found in record["words"]])
    else:
        x = design(record, {word: i for i, word in enumerate(model["vocab"])})
        total = model["base"] + sum(blocktrees.predict(tree, x) for tree in model["trees"])
    return 1 / (1 + np.exp(-np.clip(total, -30, 30)))
