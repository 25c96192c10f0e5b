"""Train a learned block scorer and judge it against the rules by site folds (issue 22).

Usage: python bench/train_blocks.py [--model linear|trees|both] [--write FILE] [--no-folds] [--limit N]

Every development page with a body truth (zh-news, aeb-dev, fundus-dev: the
whole text; trafilatura-dev: snippets) is walked as the extractor walks it;
each block is labelled body / not body from the truth (a full truth: at least
half the block's token trigrams are in it, and a block under six tokens found
in it is left unlabelled as it may be there by chance; snippets: a
``body_with`` snippet in it is body, a ``body_without`` one is not, the rest
are not labelled). Two models over ``newscrawl/extract/blockmodel.py``'s features, both
deterministic (the same file every run): logistic regression fitted by Newton's
method with an L2 penalty, and boosted depth-3 trees (``bench/blocktrees.py``).

For each of the five open folds a model is trained on the other four and
scores the held-out fold, five ways, with the body F1 ``bench/folds.py``
reports (mean and worst fold per set):
- rules: the extractor as it is;
- alone: every block the model scores at 0.5 or more;
- second: the rules' paragraphs, less those the model scores under a drop
  threshold, plus blocks of the container (or between the headline and it)
  it scores over an add threshold;
- edges: the same, at the edges of the rules' text only (leading and trailing
  paragraphs dropped, neighbouring blocks added);
- tail: trailing paragraphs under a drop threshold dropped, the first kept
  (what the extractor runs: ``newscrawl/extract/blockmodel.py: trim_tail``).
The thresholds are chosen on the four training folds from out-of-fold scores
(each training fold scored by a model fitted on the other three), by the
landing rule: the pair whose worst set change against the rules is highest
(so no set falls when one can help it), then the highest mean change. It also
prints a perfect scorer's ceiling (the labels as scores) and the scorer's CPU
time per page in pure Python (``blockmodel.BlockModel``). ``--write`` saves the
model trained on all five folds, with the tail threshold chosen the same way, as
JSON; the shipped one: ``--model trees --no-folds --write
newscrawl/extract/blockmodel.json``. The last fold is never read.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import scoring  # noqa: E402
import sites  # noqa: E402
import tally  # noqa: E402
from blockfit import FITS, probabilities  # noqa: E402
from blocklabels import load_records  # noqa: E402
from folds import fold_figures  # noqa: E402

from newscrawl.extract import blockmodel  # noqa: E402
from newscrawl.extract.source import attribution_free  # noqa: E402

GRID_DROP = (0.0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5)
GRID_ADD = (0.6, 0.7, 0.8, 0.9, 1.01)  # 1.01: never add
WAYS = ("rules", "alone", "second", "edges", "tail")
TUNED = ("second", "edges", "tail")  # the ways with thresholds to choose


def _joined(paragraphs: list[str]) -> str:
    """Return the body text the extractor would give for these paragraphs (attribution lines out)."""
    return "\n".join(paragraphs[i] for i in attribution_free(paragraphs))


def edges(record: dict, p: np.ndarray, drop: float, add: float) -> np.ndarray:
    """Return the blocks kept when the model may only trim or extend the rules' text at its ends
    (the numpy twin of ``blockmodel.trim_edges``)."""
    kept, allowed = record["kept"], record["candidate"]
    chosen = list(np.flatnonzero(kept))
    while chosen and p[chosen[0]] < drop:
        chosen.pop(0)
    while chosen and p[chosen[-1]] < drop:
        chosen.pop()
    keep = np.zeros(len(p), dtype=bool)
    if not chosen:
        return keep
    keep[chosen] = True
    first, last = chosen[0], chosen[-1]
    while first >= 1 and allowed[first - 1] and not kept[first - 1] and p[first - 1] >= add:
        first -= 1
        keep[first] = True
    while last + 1 < len(p) and allowed[last + 1] and not kept[last + 1] and p[last + 1] >= add:
        last += 1
        keep[last] = True
    return keep


def body(record: dict, p: np.ndarray, way: str, drop: float = 0.0, add: float = 1.01) -> str:
    """Return the body text one way gives (see the module docstring)."""
    texts = record["texts"]
    if way == "alone":
        return _joined([texts[i] for i in np.flatnonzero(p >= 0.5)])
    if way == "rules" or record["from_data"]:
        return _joined(record["rules"])
    if way == "second":
        keep = record["candidate"] & np.where(record["kept"], p >= drop, p >= add)
    elif way == "tail":
        chosen = list(np.flatnonzero(record["kept"]))
        while len(chosen) > 1 and p[chosen[-1]] < drop:
            chosen.pop()
        return _joined([texts[i] for i in chosen])
    else:
        keep = edges(record, p, drop, add)
    return _joined([texts[i] for i in np.flatnonzero(keep)])


def body_score(record: dict, text: str) -> dict:
    """Return the page's body scores as ``bench/folds.py`` counts them (the truth's tokens counted once)."""
    if "truth tokens" not in record:
        if not record["truth"].get("body"):
            return tally.score_page({"body": text}, record["truth"], frozenset(("body",)))
        record["truth tokens"] = scoring.tokens(record["truth"]["body"])
    pred, truth = scoring.tokens(text), record["truth tokens"]
    common = sum((pred & truth).values())
    if not common:
        return {"body P": 0.0, "body R": 0.0, "body F1": 0.0}
    precision, recall = common / sum(pred.values()), common / sum(truth.values())
    return {"body P": precision, "body R": recall, "body F1": 2 * precision * recall / (precision + recall)}


def set_figures(records: list[dict], texts: list[str]) -> dict[str, float]:
    """Return set -> body F1 of these pages' texts."""
    by_set: dict[str, list] = {}
    for record, text in zip(records, texts):
        by_set.setdefault(record["set"], []).append(body_score(record, text))
    return {set_name: tally.summarise(s)["body F1"] for set_name, s in by_set.items()}


def out_of_fold(records: list[dict], fit) -> list[np.ndarray]:
    """Return each record's probabilities from a model fitted on the other folds among ``records``."""
    found = {}
    for fold in sorted({r["fold"] for r in records}):
        model = fit([r for r in records if r["fold"] != fold])
        for index, record in enumerate(records):
            if record["fold"] == fold:
                found[index] = probabilities(model, record)
    return [found[i] for i in range(len(records))]


def choose_thresholds(records: list[dict], probs: list[np.ndarray], way: str) -> tuple[float, float]:
    """Return the (drop, add) pair these pages judge best by the landing rule: first the smallest
    change of any set's body F1 against the rules (no set may fall), then the mean change."""
    rules = set_figures(records, [body(r, p, "rules") for r, p in zip(records, probs)])
    best = None
    for drop in GRID_DROP:
        for add in GRID_ADD if way != "tail" else (1.01,):
            found = set_figures(records, [body(r, p, way, drop, add) for r, p in zip(records, probs)])
            changes = [found[s] - rules[s] for s in rules]
            key = (round(min(changes), 6), round(sum(changes) / len(changes), 6))
            if best is None or key > best[0]:
                best = (key, drop, add)
    return best[1], best[2]


def evaluate(records: list[dict], fit) -> dict:
    """Return set -> way -> body F1 fold figures, each fold scored by a model trained on the other four."""
    scores: dict[str, dict[str, dict]] = {}
    for fold in range(sites.FOLDS):
        train = [r for r in records if r["fold"] != fold]
        model = fit(train)
        held = out_of_fold(train, fit)
        chosen = {way: choose_thresholds(train, held, way) for way in TUNED}
        print(f"fold {fold}: thresholds (drop, add) chosen on the training folds: {chosen}", flush=True)
        for record in (r for r in records if r["fold"] == fold):
            p = probabilities(model, record)
            for way in WAYS:
                scores.setdefault(record["set"], {}).setdefault(way, {})[record["truth"]["id"]] = \
                    body_score(record, body(record, p, way, *chosen.get(way, (0.0, 1.01))))
    return by_fold(records, scores)


def by_fold(records: list[dict], scores: dict[str, dict[str, dict]]) -> dict:
    """Return set -> way -> body F1 fold figures of page scores (set -> way -> page id -> scores)."""
    out = {}
    for set_name, ways in scores.items():
        fold_of = {r["truth"]["id"]: r["fold"] for r in records if r["set"] == set_name}
        out[set_name] = {way: fold_figures(s, fold_of, list(range(sites.FOLDS)))["body F1"]
                         for way, s in ways.items()}
    return out


def ceiling(records: list[dict]) -> dict:
    """Return set -> way -> body F1 fold figures when the labels themselves are the model's scores:
    how far a perfect block scorer could take each way (unlabelled blocks stay as the rules had them)."""
    scores: dict[str, dict[str, dict]] = {}
    for record in records:
        labels = record["labels"]
        p = np.where(labels < 0, record["kept"].astype(float), labels.astype(float))
        for way in WAYS:
            scores.setdefault(record["set"], {}).setdefault(way, {})[record["truth"]["id"]] = \
                body_score(record, body(record, p, way, 0.5, 0.5))
    return by_fold(records, scores)


def print_figures(kind: str, figures: dict) -> None:
    """Print body F1 per set and way: every fold, the mean and the worst."""
    print(f"\n#### {kind}: body F1 by site fold\n")
    print("| set | way | fold 0 | fold 1 | fold 2 | fold 3 | fold 4 | mean | worst |")
    print("|---|---|---|---|---|---|---|---|---|")
    for set_name, ways in figures.items():
        for way in WAYS:
            figure = ways[way]
            folds = " | ".join("-" if v is None else f"{v:.3f}" for v in figure["folds"])
            print(f"| {set_name} | {way} | {folds} | {figure['mean']:.3f} | {figure['worst']:.3f} |")


def cost(kind: str, model_data: dict, records: list[dict]) -> None:
    """Print the CPU time per page of each way of using the model, in pure Python, in process."""
    model = blockmodel.BlockModel(model_data)
    timings = {}
    for way, run in (("tail", _tail), ("edges", blockmodel.trim_edges), ("second", blockmodel.revise),
                     ("alone", _score_every_block)):
        start = time.process_time()
        for record in records:
            run(model, *record["live"])
        timings[way] = (time.process_time() - start) * 1000 / len(records)
    print(f"{kind}: CPU ms per page over {len(records)} pages: "
          + ", ".join(f"{way} {ms:.2f}" for way, ms in timings.items()))


def _tail(model, blocks, container, kept, junk, title_index) -> list:
    """Return the rules' blocks with the tail trimmed (what the extractor runs)."""
    return blockmodel.trim_tail(blocks, container, kept, junk, title_index, model)


def _score_every_block(model, blocks, container, kept, junk, title_index) -> list[float]:
    """Return the model's score of every block of a page (what the model alone costs)."""
    context = blockmodel.page_context(blocks, container, kept, junk, title_index)
    return [model.score(blocks, index, context) for index in range(len(blocks))]


def main(argv: list[str] | None = None) -> int:
    """Evaluate by folds, measure the cost, and with --write save the model trained on all five folds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", choices=("linear", "trees", "both"), default="both")
    parser.add_argument("--write", type=Path, help="save the model trained on all five folds to this JSON file")
    parser.add_argument("--limit", type=int, default=None, help="pages per set (a quick run)")
    parser.add_argument("--no-folds", action="store_true", help="only train on all five folds (and --write)")
    args = parser.parse_args(argv)
    records = load_records(args.limit)
    print(f"{len(records)} pages, {sum(len(r['texts']) for r in records)} blocks,"
          f" {sum(int((r['labels'] >= 0).sum()) for r in records)} labelled,"
          f" {sum(int((r['labels'] == 1).sum()) for r in records)} body")
    if not args.no_folds:
        print_figures("the labels as scores (a perfect scorer's ceiling)", ceiling(records))
    for kind in ("linear", "trees") if args.model == "both" else (args.model,):
        if not args.no_folds:
            print_figures(kind, evaluate(records, FITS[kind]))
        model = FITS[kind](records)
        model["drop_below"], model["add_above"] = choose_thresholds(
            records, out_of_fold(records, FITS[kind]), "tail")
        text = json.dumps(model, sort_keys=True) + "\n"
        print(f"\n{kind} trained on all five folds: tail drop threshold "
              f"{model['drop_below']}; {len(text)} bytes, sha256 "
              f"{hashlib.sha256(text.encode()).hexdigest()[:16]}")
        cost(kind, model, records)
        if args.write:
            args.write.write_text(text, encoding="utf-8")
            print("wrote", args.write)
    return 0


if __name__ == "__main__":
    sys.exit(main())
