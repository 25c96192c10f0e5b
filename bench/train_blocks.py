"""Train the learned block scorer and judge it against the rules by site folds (issue 22).

Usage: python bench/train_blocks.py [--write] [--limit N]

Every development page with a body truth (zh-news, aeb-dev, fundus-dev: the
whole text; trafilatura-dev: snippets) is walked as the extractor walks it;
each block is labelled body / not body from the truth (a full truth: at least
half the block's token trigrams are in it, and a block under six tokens found
in it is left unlabelled as it may be there by chance; snippets: a ``body_with`` snippet
in it is body, a ``body_without`` one is not, the rest are not labelled). A
logistic model over ``newscrawl/extract/blockmodel.py``'s features is fitted
by Newton's method with an L2 penalty (no randomness: the same file every run).

For each of the five open folds the model is trained on the other four and
scores the held-out fold, three ways, with the body F1 ``bench/folds.py``
reports (mean and worst fold per set):
- rules: the extractor as it is;
- model alone: every block it scores at 0.5 or more;
- second opinion: the rules' paragraphs, less those the model scores under a
  drop threshold, plus blocks of the container (or between the headline and
  it) it scores over an add threshold; both thresholds are chosen on the four
  training folds.
It also prints the scorer's CPU time per page. ``--write`` trains on all five
folds and writes ``newscrawl/extract/blockmodel.json``. The last fold is never read.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import sites  # noqa: E402
import tally  # noqa: E402
from accuracy import load_set  # noqa: E402
from folds import fold_figures  # noqa: E402

from newscrawl.extract import blockmodel  # noqa: E402
from newscrawl.extract.article import build_page  # noqa: E402
from newscrawl.extract.body import _title_index, find_text, furniture, walk_page  # noqa: E402
from newscrawl.extract.source import attribution_free  # noqa: E402
from newscrawl.extract.title import find_title  # noqa: E402

BODY_SETS = ("zh-news", "aeb-dev", "fundus-dev", "trafilatura-dev")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_PUNCT = re.compile(r"[^\w]+")
PENALTY = 1.0  # L2 on standardised weights
MIN_SITES = 5  # a class/id word counts only when blocks of this many training sites carry it
MAX_WORDS = 400
SHORT_TOKENS = 6  # a block this short found in the truth is left unlabelled
GRID_DROP = (0.0, 0.05, 0.1, 0.2, 0.3)
GRID_ADD = (0.6, 0.7, 0.8, 0.9, 1.01)


def token_seq(text: str) -> list[str]:
    """Return the scoring tokens of ``text`` in order (as ``scoring.tokens`` counts them)."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    out = []
    for piece in re.split(r"(\s+)", text):
        for part in re.split(f"({_CJK.pattern})", piece):
            if _CJK.fullmatch(part or " "):
                out.append(part)
            else:
                word = _PUNCT.sub("", part)
                if word:
                    out.append(word)
    return out


def trigrams(seq: list[str]) -> list[tuple]:
    """Return the token trigrams of a sequence."""
    return [tuple(seq[i:i + 3]) for i in range(len(seq) - 2)]


def label_full(texts: list[str], truth: str) -> list[int]:
    """Return 1/0 per block: is it in the truth's text (half its trigrams, or all of a short block)."""
    seq = token_seq(truth)
    grams = set(trigrams(seq))
    joined = " " + " ".join(seq) + " "
    labels = []
    for text in texts:
        own = token_seq(text)
        if len(own) >= 3:
            mine = trigrams(own)
            labels.append(int(sum(g in grams for g in mine) * 2 >= len(mine)))
        else:
            labels.append(0 if not own or f" {' '.join(own)} " not in joined else -1)
        if labels[-1] == 1 and len(own) < SHORT_TOKENS:
            labels[-1] = -1  # a few words found in the truth may be there by chance: not labelled
    return labels


def label_snippets(texts: list[str], with_: list[str], without: list[str]) -> list[int]:
    """Return 1 (holds a wanted snippet), 0 (holds an unwanted one) or -1 (unknown) per block."""
    wanted = [" ".join(s.split()) for s in with_ if s.strip()]
    unwanted = [" ".join(s.split()) for s in without if s.strip()]
    labels = []
    for text in texts:
        norm = " ".join(text.split())

        def hit(snippets: list[str]) -> bool:
            return any(s in norm or (len(norm) >= 20 and norm in s) for s in snippets)

        yes, no = hit(wanted), hit(unwanted)
        labels.append(1 if yes and not no else 0 if no and not yes else -1)
    return labels


def walk_record(set_name: str, truth: dict, html: bytes) -> dict:
    """Return one page's blocks, the rules' choice, features and labels."""
    page, _ = build_page(html, sites.extractor_url(truth))
    walked = walk_page(page)
    page.title, page.title_node = find_title(page, walked[1])
    text = find_text(page, walked)
    blocks = walked.blocks
    from_data = any(a is None for a in text.anchors) or text.blocks is not blocks
    kept = [] if from_data else [blocks[a] for a in text.anchors]
    title_index = _title_index(blocks, walked.headings, page.title_node)
    junk = furniture(blocks)
    context = blockmodel.page_context(blocks, text.node, kept, junk, title_index)
    texts = [b.text for b in blocks]
    if truth.get("body"):
        labels = label_full(texts, truth["body"])
    else:
        labels = label_snippets(texts, truth.get("body_with") or [], truth.get("body_without") or [])
    return {
        "set": set_name, "truth": truth, "texts": texts, "labels": np.array(labels),
        "dense": np.array([blockmodel.block_features(blocks, i, context) for i in range(len(blocks))]).reshape(
            len(blocks), len(blockmodel.feature_names())),
        "words": [blockmodel.named_words(b) for b in blocks],
        "lengths": np.array([len(t) for t in texts]),
        "rules": text.paragraphs, "from_data": from_data,
        "kept": np.array([i in context["kept"] for i in range(len(blocks))], dtype=bool),
        "candidate": np.isin(np.arange(len(blocks)), blockmodel.candidates(blocks, text.node, title_index)),
        "live": (blocks, text.node, kept, junk, title_index),
    }


def load_records(limit: int | None) -> list[dict]:
    """Return the records of every open-fold page with a body truth, with its site and fold."""
    records = []
    for set_name in BODY_SETS:
        pages = load_set(set_name, limit)
        fold_of = sites.split_folds(set_name, [row for row, _ in pages])
        for truth, html in pages:
            if fold_of[truth["id"]] == sites.LAST_FOLD:
                continue  # the last fold stays closed
            record = walk_record(set_name, truth, html)
            record["fold"] = fold_of[truth["id"]]
            record["site"] = set_name + ":" + sites.site_key(set_name, truth)
            records.append(record)
    return records


def vocabulary(records: list[dict]) -> list[str]:
    """Return the class/id words carried by labelled blocks of at least MIN_SITES training sites."""
    sites_of: dict[str, set] = {}
    for record in records:
        for words, label in zip(record["words"], record["labels"]):
            if label >= 0:
                for word in words:
                    sites_of.setdefault(word, set()).add(record["site"])
    ranked = sorted((w for w, s in sites_of.items() if len(s) >= MIN_SITES), key=lambda w: (-len(sites_of[w]), w))
    return sorted(ranked[:MAX_WORDS])


def design(record: dict, vocab: dict[str, int]) -> np.ndarray:
    """Return a page's feature matrix: dense features, then one column per vocabulary word."""
    words = np.zeros((len(record["texts"]), len(vocab)))
    for row, found in enumerate(record["words"]):
        for word in found:
            column = vocab.get(word)
            if column is not None:
                words[row, column] = 1.0
    return np.hstack([record["dense"], words])


def fit(records: list[dict]) -> dict:
    """Return a model fitted on the labelled blocks of ``records`` (weights in raw feature units)."""
    vocab_list = vocabulary(records)
    vocab = {w: i for i, w in enumerate(vocab_list)}
    xs, ys, ws = [], [], []
    for record in records:
        mask = record["labels"] >= 0
        if not mask.any():
            continue
        xs.append(design(record, vocab)[mask])
        ys.append(record["labels"][mask])
        weight = np.log1p(record["lengths"][mask])
        ws.append(weight / weight.sum())  # every page weighs the same; long blocks more within it
    x, y, w = np.vstack(xs), np.concatenate(ys).astype(float), np.concatenate(ws)
    w = w * len(ws) * 50 / w.sum()
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    beta = np.zeros(z.shape[1])
    ridge = np.full(z.shape[1], PENALTY)
    ridge[-1] = 0.0
    for _ in range(25):
        p = 1 / (1 + np.exp(-np.clip(z @ beta, -30, 30)))
        gradient = z.T @ (w * (p - y)) + ridge * beta
        hessian = (z * (w * p * (1 - p))[:, None]).T @ z + np.diag(ridge)
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    raw = beta[:-1] / scale
    bias = float(beta[-1] - (beta[:-1] * mean / scale).sum())
    dense = len(blockmodel.feature_names())
    return {"features": blockmodel.feature_names(), "weights": [round(float(v), 6) for v in raw[:dense]],
            "words": {word: round(float(raw[dense + i]), 6) for i, word in enumerate(vocab_list)
                      if abs(raw[dense + i]) > 1e-4},
            "bias": round(bias, 6), "drop_below": 0.0, "add_above": 1.01,
            "trained_on": {"pages": len(ws), "blocks": int(len(y)), "body_blocks": int(y.sum())}}


def probabilities(model: dict, record: dict) -> np.ndarray:
    """Return the model's probability per block of a record (numpy; the same sums as ``BlockModel.score``)."""
    total = record["dense"] @ np.array(model["weights"]) + model["bias"]
    words = model["words"]
    total += np.array([sum(words.get(w, 0.0) for w in found) for found in record["words"]])
    return 1 / (1 + np.exp(-np.clip(total, -30, 30)))


def bodies(record: dict, p: np.ndarray, drop: float, add: float) -> dict[str, str]:
    """Return the body text of the rules, the model alone and the second opinion with these thresholds."""
    texts = record["texts"]

    def joined(paragraphs: list[str]) -> str:
        return "\n".join(paragraphs[i] for i in attribution_free(paragraphs))

    alone = [texts[i] for i in np.flatnonzero(p >= 0.5)]
    if record["from_data"]:
        second = record["rules"]
    else:
        keep = record["candidate"] & np.where(record["kept"], p >= drop, p >= add)
        second = [texts[i] for i in np.flatnonzero(keep)]
    return {"rules": joined(record["rules"]), "alone": joined(alone), "second": joined(second)}


def body_score(record: dict, body: str) -> dict:
    """Return the page's body scores as ``bench/folds.py`` counts them."""
    return tally.score_page({"body": body}, record["truth"], frozenset(("body",)))


def choose_thresholds(model: dict, records: list[dict]) -> tuple[float, float]:
    """Return the (drop, add) pair that gives the training pages the best mean body F1 over sets."""
    probs = [probabilities(model, r) for r in records]
    best = None
    for drop in GRID_DROP:
        for add in GRID_ADD:
            by_set: dict[str, list] = {}
            for record, p in zip(records, probs):
                by_set.setdefault(record["set"], []).append(body_score(record, bodies(record, p, drop, add)["second"]))
            mean = sum(tally.summarise(s)["body F1"] for s in by_set.values()) / len(by_set)
            if best is None or mean > best[0] + 1e-9:
                best = (mean, drop, add)
    return best[1], best[2]


def evaluate(records: list[dict]) -> dict:
    """Return set -> way -> fold figures, training on four folds and scoring the fifth."""
    scores: dict[str, dict[str, dict]] = {}
    chosen = []
    for fold in range(sites.FOLDS):
        train = [r for r in records if r["fold"] != fold]
        model = fit(train)
        drop, add = choose_thresholds(model, train)
        chosen.append((drop, add))
        for record in (r for r in records if r["fold"] == fold):
            found = bodies(record, probabilities(model, record), drop, add)
            for way, body in found.items():
                scores.setdefault(record["set"], {}).setdefault(way, {})[record["truth"]["id"]] = \
                    body_score(record, body)
    print("thresholds chosen on the training folds (drop, add):", chosen)
    folds = list(range(sites.FOLDS))
    out = {}
    for set_name, ways in scores.items():
        fold_of = {r["truth"]["id"]: r["fold"] for r in records if r["set"] == set_name}
        out[set_name] = {way: fold_figures(s, fold_of, folds)["body F1"] for way, s in ways.items()}
    return out


def print_figures(figures: dict) -> None:
    """Print body F1 per set and way: every fold, the mean and the worst."""
    print("\n| set | way | fold 0 | fold 1 | fold 2 | fold 3 | fold 4 | mean | worst |")
    print("|---|---|---|---|---|---|---|---|---|")
    for set_name, ways in figures.items():
        for way, figure in ways.items():
            folds = " | ".join("-" if v is None else f"{v:.3f}" for v in figure["folds"])
            print(f"| {set_name} | {way} | {folds} | {figure['mean']:.3f} | {figure['worst']:.3f} |")


def cost(model_data: dict, records: list[dict]) -> None:
    """Print the CPU time per page of the second opinion and of scoring every block, in process."""
    model = blockmodel.BlockModel(model_data)
    start = time.process_time()
    for record in records:
        blockmodel.revise(model, *record["live"])
    second = (time.process_time() - start) * 1000 / len(records)
    start = time.process_time()
    for record in records:
        blocks, container, kept, junk, title_index = record["live"]
        context = blockmodel.page_context(blocks, container, kept, junk, title_index)
        for index in range(len(blocks)):
            model.score(blocks, index, context)
    every = (time.process_time() - start) * 1000 / len(records)
    print(f"\nCPU per page ({len(records)} pages): second opinion {second:.2f} ms, every block scored {every:.2f} ms")


def main(argv: list[str] | None = None) -> int:
    """Train, evaluate by folds, measure the cost; with --write, ship the model trained on all folds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write newscrawl/extract/blockmodel.json")
    parser.add_argument("--limit", type=int, default=None, help="pages per set (a quick run)")
    args = parser.parse_args(argv)
    records = load_records(args.limit)
    labelled = sum(int((r["labels"] >= 0).sum()) for r in records)
    print(f"{len(records)} pages, {sum(len(r['texts']) for r in records)} blocks, {labelled} labelled,"
          f" {sum(int((r['labels'] == 1).sum()) for r in records)} body")
    print_figures(evaluate(records))
    model = fit(records)
    model["drop_below"], model["add_above"] = choose_thresholds(model, records)
    print("\ntrained on all five folds:", model["trained_on"], "thresholds", model["drop_below"], model["add_above"])
    cost(model, records)
    if args.write:
        blockmodel.MODEL_FILE.write_text(json.dumps(model, indent=0, sort_keys=True) + "\n", encoding="utf-8")
        print("wrote", blockmodel.MODEL_FILE.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
