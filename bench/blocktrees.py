"""Boosted shallow trees for the learned-block experiment (issue 22), in numpy, with no randomness.

Logistic loss, second-order leaf values, an L2 penalty on leaves, split points at
feature quantiles. The trees come out as nested lists (``[column, cut, below,
at or above]``, a leaf ``[value]``) that ``blockmodel.BlockModel`` walks in
pure Python.
"""

from __future__ import annotations

import numpy as np

TREES, DEPTH, RATE, PENALTY, BINS, MIN_WEIGHT, MIN_ROWS = 80, 3, 0.15, 1.0, 24, 2.0, 20
WORDS = 80  # class/id words offered to the trees: those of the most training sites


def _cuts(x: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
    """Return each column's split points and the matrix of bin numbers (bin b: at or above cut b-1)."""
    cuts, binned = [], np.zeros(x.shape, dtype=np.int32)
    for column in range(x.shape[1]):
        points = np.unique(np.quantile(x[:, column], np.linspace(0, 1, BINS + 1)[1:-1]))
        cuts.append(points)
        binned[:, column] = np.searchsorted(points, x[:, column], side="right")
    return cuts, binned


def _best_split(rows: np.ndarray, g: np.ndarray, h: np.ndarray, binned: np.ndarray,
                cuts: list[np.ndarray]) -> tuple[int, int] | None:
    """Return the (column, bin) split of ``rows`` with the largest gain; None when none gains."""
    total_g, total_h = g[rows].sum(), h[rows].sum()
    parent = total_g ** 2 / (total_h + PENALTY)
    best, found = 1e-6, None
    for column, points in enumerate(cuts):
        bins = len(points) + 1
        if bins < 2:
            continue
        codes = binned[rows, column]
        left_g = np.cumsum(np.bincount(codes, g[rows], bins))[:-1]
        left_h = np.cumsum(np.bincount(codes, h[rows], bins))[:-1]
        gain = left_g ** 2 / (left_h + PENALTY) + (total_g - left_g) ** 2 / (total_h - left_h + PENALTY) - parent
        gain[(left_h < MIN_WEIGHT) | (total_h - left_h < MIN_WEIGHT)] = -1.0
        k = int(np.argmax(gain))
        if gain[k] > best:
            best, found = gain[k], (column, k)
    return found


def _grow(rows: np.ndarray, g: np.ndarray, h: np.ndarray, binned: np.ndarray, cuts: list, depth: int) -> list:
    """Return a tree fitted to the gradients of ``rows``."""
    leaf = [round(float(-g[rows].sum() / (h[rows].sum() + PENALTY) * RATE), 6)]
    if depth == DEPTH or len(rows) < MIN_ROWS:
        return leaf
    split = _best_split(rows, g, h, binned, cuts)
    if split is None:
        return leaf
    column, k = split
    above = binned[rows, column] > k
    return [column, float(cuts[column][k]), _grow(rows[~above], g, h, binned, cuts, depth + 1),
            _grow(rows[above], g, h, binned, cuts, depth + 1)]


def predict(tree: list, x: np.ndarray) -> np.ndarray:
    """Return a tree's value for every row of ``x``."""
    if len(tree) == 1:
        return np.full(len(x), tree[0])
    column, cut, below, above = tree
    out = np.empty(len(x))
    mask = x[:, column] >= cut
    out[~mask] = predict(below, x[~mask])
    out[mask] = predict(above, x[mask])
    return out


def fit_trees(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[float, list]:
    """Return (base log-odds, trees) boosted on rows ``x``, labels ``y`` and row weights ``w``."""
    w = w * len(w) / w.sum()
    cuts, binned = _cuts(x)
    base = float(np.log((w * y).sum() / (w * (1 - y)).sum()))
    f = np.full(len(y), base)
    trees = []
    rows = np.arange(len(y))
    for _ in range(TREES):
        p = 1 / (1 + np.exp(-f))
        tree = _grow(rows, w * (p - y), w * p * (1 - p), binned, cuts, 0)
        trees.append(tree)
        f += predict(tree, x)
    return base, trees
