"""Score newscrawl's extractor (and, with --peers, other extractors) on the shared corpus.

Usage: python bench/accuracy.py [--set zh-news|aeb-dev|fundus-dev|dates-dev|all] [--peers] [--limit N]
The corpus is read from <repo>/../shared/corpus at run time. Peers come from
requirements-bench.txt (run with the Python that has them installed).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import peers  # noqa: E402
import scoring  # noqa: E402

from newscrawl.extract import extract_article  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
SETS = ("zh-news", "aeb-dev", "fundus-dev", "dates-dev")
COLUMNS = ("title", "day", "minute", "author", "editor", "source", "body P", "body R", "body F1", "pages/s")


def load_set(name: str, limit: int | None = None) -> list[tuple[dict, bytes]]:
    """Return (truth row, page bytes) pairs of a corpus set."""
    folder = CORPUS / name
    rows = [json.loads(line) for line in (folder / "truth.jsonl").open(encoding="utf-8") if line.strip()]
    rows = rows[:limit] if limit else rows
    return [(row, (folder / "pages" / f"{row['id']}.html").read_bytes()) for row in rows]


def ours(html: bytes, url: str | None) -> dict:
    """Return newscrawl's prediction in the common shape."""
    result = extract_article(html, url)
    return {"title": result.title, "date": result.published, "author": result.author,
            "editor": result.editor, "source": result.source, "body": "\n".join(result.paragraphs)}


class Tally:
    """Accumulate per-field scores for one extractor on one set."""

    def __init__(self) -> None:
        self.hits: dict[str, list[float]] = {}
        self.seconds = 0.0
        self.pages = 0

    def add(self, key: str, value: float) -> None:
        """Record one page's score for ``key``."""
        self.hits.setdefault(key, []).append(float(value))

    def mean(self, key: str) -> float | None:
        """Return the mean score for ``key``; None when no page had truth for it."""
        values = self.hits.get(key)
        return sum(values) / len(values) if values else None


def score_page(tally: Tally, pred: dict, truth: dict, fields: set[str]) -> None:
    """Add one page's scores for the fields the extractor reports."""
    if truth.get("title") and "title" in fields:
        tally.add("title", scoring.title_exact(pred.get("title"), truth["title"]))
    if truth.get("date") and "date" in fields:
        tally.add("day", scoring.date_day(pred.get("date"), truth["date"]))
        if truth.get("date_precision") in ("second", "minute"):
            tally.add("minute", scoring.date_minute(pred.get("date"), truth["date"]))
    for key in ("author", "editor", "source"):
        if truth.get(key) and key in fields:
            exact, contains = scoring.name_scores(pred.get(key), truth[key])
            tally.add(key, exact)
            tally.add(key + "~", contains)
    if truth.get("body") and "body" in fields:
        p, r, f = scoring.body_prf(pred.get("body"), truth["body"])
        tally.add("body P", p), tally.add("body R", r), tally.add("body F1", f)


def run(name: str, extractor, fields: set[str], pages: list[tuple[dict, bytes]], detail: bool) -> Tally:
    """Run one extractor over a set and return its tally."""
    tally = Tally()
    for truth, html in pages:
        start = time.perf_counter()
        try:
            pred = extractor(html, truth.get("url"))
        except Exception as exc:  # noqa: BLE001 - a peer crashing on a page scores zero, not the run
            print(f"  {name} failed on {truth['id']}: {exc!r}", file=sys.stderr)
            pred = {}
        tally.seconds += time.perf_counter() - start
        tally.pages += 1
        score_page(tally, pred, truth, fields)
        if detail and truth.get("body"):
            f1 = scoring.body_prf(pred.get("body"), truth["body"])[2]
            title_ok = scoring.title_exact(pred.get("title"), truth.get("title") or "")
            print(f"  {truth['id'][:40]:40} F1={f1:.3f} title={'ok' if title_ok else pred.get('title')!r}")
    return tally


def cell(tally: Tally, key: str) -> str:
    """Return one formatted table cell."""
    if key == "pages/s":
        return f"{tally.pages / tally.seconds:.0f}" if tally.seconds else "-"
    if key in ("author", "editor", "source"):
        exact, contains = tally.mean(key), tally.mean(key + "~")
        return "-" if exact is None else f"{exact:.1%} / {contains:.1%}"
    value = tally.mean(key)
    if value is None:
        return "-"
    return f"{value:.3f}" if key.startswith("body") else f"{value:.1%}"


def print_table(set_name: str, rows: list[tuple[str, Tally]]) -> None:
    """Print one markdown table for a set."""
    print(f"\n### {set_name} ({rows[0][1].pages} pages)\n")
    print("| extractor | " + " | ".join(COLUMNS) + " |")
    print("|---" * (len(COLUMNS) + 1) + "|")
    for label, tally in rows:
        print(f"| {label} | " + " | ".join(cell(tally, k) for k in COLUMNS) + " |", flush=True)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark from the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="all", choices=SETS + ("all",))
    parser.add_argument("--peers", action="store_true", help="also run trafilatura, GNE, htmldate, newspaper4k")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--detail", action="store_true", help="print per-page body F1 and title misses")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 2
    extractors = [("newscrawl", ours, {"title", "date", "author", "editor", "source", "body"})]
    if args.peers:
        extractors += peers.available()
    for set_name in SETS if args.set == "all" else (args.set,):
        pages = load_set(set_name, args.limit)
        rows = [(label, run(label, fn, fields, pages, args.detail and label == "newscrawl"))
                for label, fn, fields in extractors]
        print_table(set_name, rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
