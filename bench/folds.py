"""Score newscrawl and the peers by site folds: the mean and the worst fold of every field of every set.

Usage: python bench/folds.py [--set NAME|all] [--save FILE] [--compare FILE] [--open-last-fold]

Every development set is split by site into ``sites.FOLDS`` folds and one last fold
(``sites.split_folds``). The table shows, per field, the mean over the folds and the
worst fold, for newscrawl and for each peer whose predictions ``bench/peercache.py``
cached, then the best peer and newscrawl's lead over it. The last fold is left out
unless ``--open-last-fold`` is given: open it only when a change is final, and write
down when (``bench/RULES.md``).

``--save`` keeps newscrawl's fold figures; ``--compare`` prints how each field's fold
mean moved since then and exits 1 when any fell (the rule for landing a change).
fundus's figures on fundus-dev are its own output (the set's truth), so it is shown
there but not counted as the best peer.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import peercache  # noqa: E402
import peers  # noqa: E402
import sites  # noqa: E402
import tally  # noqa: E402
from accuracy import CORPUS, SETS, load_set, ours  # noqa: E402

FIELDS = ("title", "day", "minute", "author", "author~", "editor", "editor~", "source", "source~", "body F1")
PEER_LABELS = ("trafilatura", "GNE", "htmldate", "newspaper4k", "readability", "news-please", "fundus")
_ORACLE = {"fundus-dev": "fundus"}  # the peer whose output is the set's truth
_PEER_FIELDS = {label: fields for label, _, _, fields in peers._ALL}


def fold_figures(page_scores: dict[str, dict], fold_of: dict[str, int], folds: list[int]) -> dict[str, dict]:
    """Return field -> {"folds": [score per fold or None], "mean", "worst"} over the given folds."""
    per_fold = {fold: tally.summarise([s for pid, s in page_scores.items() if fold_of[pid] == fold])
                for fold in folds}
    out = {}
    for field in FIELDS:
        values = [per_fold[fold].get(field) for fold in folds]
        present = [v for v in values if v is not None]
        if present:
            out[field] = {"folds": values, "mean": sum(present) / len(present), "worst": min(present)}
    return out


def _cell(figure: dict | None, field: str) -> str:
    """Return "mean / worst" for one field."""
    if figure is None:
        return "-"
    if field == "body F1":
        return f"{figure['mean']:.3f} / {figure['worst']:.3f}"
    return f"{figure['mean']:.1%} / {figure['worst']:.1%}"


def _fields_of(rows: dict[str, dict]) -> list[str]:
    """Return the fields any extractor has figures for, in table order."""
    return [f for f in FIELDS if any(f in figures for figures in rows.values())]


def print_set(set_name: str, pages: int, rows: dict[str, dict], title: str) -> None:
    """Print one set's fold table with the best peer and newscrawl's lead."""
    fields = _fields_of(rows)
    print(f"\n### {set_name} ({pages} pages, {title})\n")
    print("| extractor | " + " | ".join(fields) + " |")
    print("|---" * (len(fields) + 1) + "|")
    for label, figures in rows.items():
        print(f"| {label} | " + " | ".join(_cell(figures.get(f), f) for f in fields) + " |")
    best, lead = [], []
    for field in fields:
        rivals = [(figures[field]["mean"], label) for label, figures in rows.items()
                  if label != "newscrawl" and field in figures and _ORACLE.get(set_name) != label]
        ours_ = rows["newscrawl"].get(field)
        if not rivals or ours_ is None:
            best.append("-")
            lead.append("-")
            continue
        mean, label = max(rivals)
        best.append(f"{label} {mean:.3f}" if field == "body F1" else f"{label} {mean:.1%}")
        gap = ours_["mean"] - mean
        lead.append(f"{gap:+.3f}" if field == "body F1" else f"{gap * 100:+.1f} pt")
    print("| best peer (mean) | " + " | ".join(best) + " |")
    print("| newscrawl − best | " + " | ".join(lead) + " |")


def peer_scores(label: str, set_name: str, pages: list[tuple[dict, bytes]]) -> dict[str, dict] | None:
    """Return page id -> scores of a cached peer on a set, or None when not cached."""
    cached = peercache.load_cached(label)
    if cached is None:
        return None
    fields = _PEER_FIELDS[label]
    return {truth["id"]: tally.score_page(cached.get((set_name, truth["id"]), {}), truth, fields)
            for truth, _ in pages}


def print_compare(saved: dict, now: dict) -> bool:
    """Print every field whose fold mean moved since the saved run; return True when one fell."""
    fell = False
    for set_name, figures in now.items():
        for field, figure in figures.items():
            before = saved.get(set_name, {}).get(field)
            if before is None:
                continue
            delta = figure["mean"] - before["mean"]
            if abs(delta) < 1e-9:
                continue
            fell = fell or delta < 0
            folds = ", ".join(f"{(a or 0) - (b or 0):+.3f}" for a, b in zip(figure["folds"], before["folds"]))
            print(f"{set_name} {field}: mean {before['mean']:.4f} -> {figure['mean']:.4f} ({delta:+.4f});"
                  f" worst {before['worst']:.4f} -> {figure['worst']:.4f}; by fold {folds}")
    print("a fold mean fell" if fell else "no fold mean fell")
    return fell


def main(argv: list[str] | None = None) -> int:
    """Print the fold tables, or compare with a saved run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="all", choices=SETS + ("all",))
    parser.add_argument("--save", type=Path, help="write newscrawl's fold figures to this JSON file")
    parser.add_argument("--compare", type=Path, help="print fold means that moved since a --save file")
    parser.add_argument("--open-last-fold", action="store_true", help="score the last fold too (only when final)")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 2
    saved = json.loads(args.compare.read_text(encoding="utf-8")) if args.compare else None
    measured: dict[str, dict] = {}
    for set_name in SETS if args.set == "all" else (args.set,):
        pages = load_set(set_name)
        fold_of = sites.split_folds(set_name, [row for row, _ in pages])
        kept = [(t, h) for t, h in pages if args.open_last_fold or fold_of[t["id"]] != sites.LAST_FOLD]
        folds = list(range(sites.FOLDS))
        scores = {t["id"]: tally.score_page(ours(h, sites.extractor_url(t)), t) for t, h in kept}
        measured[set_name] = fold_figures(scores, fold_of, folds)
        if saved is not None:
            continue
        rows = {"newscrawl": measured[set_name]}
        for label in PEER_LABELS:
            found = peer_scores(label, set_name, kept)
            if found is not None:
                rows[label] = fold_figures(found, fold_of, folds)
        print_set(set_name, len(kept), rows, f"{sites.FOLDS} site folds: mean / worst fold")
        if args.open_last_fold:
            last = {label: fold_figures(s, fold_of, [sites.LAST_FOLD]) for label, s in
                    [("newscrawl", scores)] + [(lb, peer_scores(lb, set_name, kept)) for lb in PEER_LABELS]
                    if s is not None}
            print_set(set_name, sum(fold_of[t["id"]] == sites.LAST_FOLD for t, _ in kept), last,
                      "the last fold alone")
    if args.save:
        args.save.write_text(json.dumps(measured, indent=1), encoding="utf-8")
    if saved is not None:
        return 1 if print_compare(saved, measured) else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
