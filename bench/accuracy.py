"""Score newscrawl's extractor (and, with --peers, other extractors) on the shared corpus.

Usage: python bench/accuracy.py [--set NAME|all] [--peers] [--half tune|check] [--by-site]
                                [--save FILE] [--compare FILE] [--misses] [--limit N]

Every set is split by site into a tuning half and a checking half
(``bench/sites.py``); each table shows both halves and the whole set. Work on a
rule while reading the tuning half's pages; keep it only when the checking half
does not get worse (``--save`` before, ``--compare`` after lists every page
whose score moved, per half). ``--by-site`` shows newscrawl per site.
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
import sites  # noqa: E402
import tally  # noqa: E402

from newscrawl.extract import extract_article  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
SETS = ("zh-news", "aeb-dev", "fundus-dev", "dates-dev", "trafilatura-dev")
COLUMNS = ("title", "day", "minute", "author", "editor", "source", "body P", "body R", "body F1")
_SHOWN = ("title", "date", "author", "editor", "source")  # predictions kept by --save


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


def run(label: str, extractor, fields, pages: list[tuple[dict, bytes]]) -> tuple[dict, float]:
    """Return page id -> (scores, prediction) for one extractor over a set, and the seconds spent."""
    results: dict[str, tuple[dict, dict]] = {}
    seconds = 0.0
    for truth, html in pages:
        start = time.perf_counter()
        try:
            pred = extractor(html, sites.extractor_url(truth))
        except Exception as exc:  # noqa: BLE001 - a peer crashing on a page scores zero, not the run
            print(f"  {label} failed on {truth['id']}: {exc!r}", file=sys.stderr)
            pred = {}
        seconds += time.perf_counter() - start
        results[truth["id"]] = (tally.score_page(pred, truth, fields), pred)
    return results, seconds


def cell(summary: dict, key: str) -> str:
    """Return one formatted table cell."""
    if key in tally.PEOPLE:
        exact, contains = summary.get(key), summary.get(key + "~")
        return "-" if exact is None else f"{exact:.1%} / {contains:.1%}"
    value = summary.get(key)
    if value is None:
        return "-"
    return f"{value:.3f}" if key.startswith("body") else f"{value:.1%}"


def print_table(set_name: str, halves: dict[str, str], rows: list[tuple[str, dict, float]], only: str | None) -> None:
    """Print one markdown table for a set: each extractor on the tuning half, the checking half, all."""
    counts = {h: sum(1 for v in halves.values() if v == h) for h in sites.HALVES}
    snippets = set_name == "trafilatura-dev"
    print(f"\n### {set_name} ({len(halves)} pages: tune {counts['tune']}, check {counts['check']})"
          + ("  — body: snippets, micro-averaged" if snippets else "") + "\n")
    print("| extractor | half | " + " | ".join(COLUMNS) + " | pages/s |")
    print("|---" * (len(COLUMNS) + 3) + "|")
    for label, results, seconds in rows:
        speed = f"{len(results) / seconds:.0f}" if seconds else "-"
        for half in ((only,) if only else (*sites.HALVES, "all")):
            scores = [s for pid, (s, _) in results.items() if half == "all" or halves[pid] == half]
            summary = tally.summarise(scores)
            print(f"| {label} | {half} | " + " | ".join(cell(summary, k) for k in COLUMNS)
                  + f" | {speed if half in ('all', only) else ''} |", flush=True)


def print_by_site(set_name: str, halves: dict[str, str], site_of: dict[str, str], results: dict) -> None:
    """Print newscrawl's scores per site, checking-half sites last."""
    print(f"\n#### {set_name} by site (newscrawl)\n")
    print("| site | half | pages | " + " | ".join(COLUMNS) + " |")
    print("|---" * (len(COLUMNS) + 3) + "|")
    by_site: dict[str, list[dict]] = {}
    for pid, (scores, _) in results.items():
        by_site.setdefault(site_of[pid], []).append(scores)
    half_of_site = {site_of[pid]: halves[pid] for pid in results}
    for site in sorted(by_site, key=lambda s: (half_of_site[s] == sites.CHECK, s)):
        summary = tally.summarise(by_site[site])
        print(f"| {site} | {half_of_site[site]} | {len(by_site[site])} | "
              + " | ".join(cell(summary, k) for k in COLUMNS) + " |")


def _shown(pred: dict) -> dict:
    """Return the non-body predictions as JSON-safe strings (for --save and --compare)."""
    return {k: (str(pred.get(k)) if pred.get(k) is not None else None) for k in _SHOWN}


def print_compare(set_name: str, saved: dict, halves: dict, site_of: dict, results: dict) -> None:
    """Print every page whose score moved since the saved run, grouped by half, with a count."""
    before = saved.get(set_name, {})
    for half in sites.HALVES:
        lines, better, worse = [], 0, 0
        for pid, (scores, pred) in results.items():
            if halves[pid] != half or pid not in before:
                continue
            delta = tally.changed(before[pid]["scores"], scores)
            if not delta:
                continue
            gain = sum(v for k, v in delta.items() if k != "snip fp") - delta.get("snip fp", 0)
            better, worse = better + (gain > 0), worse + (gain < 0)
            moved = ", ".join(f"{k} {v:+.3g}" for k, v in sorted(delta.items()))
            was, now = before[pid].get("pred", {}), _shown(pred)
            values = "; ".join(f"{k}: {was.get(k)!r} -> {now[k]!r}" for k in _SHOWN if was.get(k) != now[k])
            lines.append(f"  {pid} ({site_of[pid]}): {moved}" + (f"  [{values}]" if values else ""))
        print(f"{set_name} {half}: {len(lines)} pages changed ({better} better, {worse} worse)")
        for line in sorted(lines):
            print(line)


def print_misses(set_name: str, pages: list[tuple[dict, bytes]], halves: dict, results: dict) -> None:
    """Print newscrawl's wrong fields page by page (what a tuning session reads)."""
    print(f"\n#### {set_name} misses (newscrawl)\n")
    for truth, _ in pages:
        scores, pred = results[truth["id"]]
        wrong = [k for k in ("title", "minute", "day", "author~", "editor~", "source~") if scores.get(k) == 0]
        shown = _shown(pred)
        notes = [f"{k.rstrip('~')}: {shown['date' if k in ('day', 'minute') else k.rstrip('~')]!r} "
                 f"want {truth['date' if k in ('day', 'minute') else k.rstrip('~')]!r}" for k in wrong]
        if scores.get("body F1", 1) < 0.9:
            notes.append(f"body F1 {scores['body F1']:.2f} (P {scores['body P']:.2f} R {scores['body R']:.2f})")
        if scores.get("snip fn") or scores.get("snip fp"):
            notes.append(f"snippets missed {scores['snip fn']:.0f} leaked {scores['snip fp']:.0f}")
        if notes:
            print(f"- {truth['id']} [{halves[truth['id']]}]: " + "; ".join(notes))


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark from the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="all", choices=SETS + ("all",))
    parser.add_argument("--peers", action="store_true", help="also run trafilatura, GNE, htmldate, newspaper4k, readability")
    parser.add_argument("--half", choices=sites.HALVES, help="score only this half of every set")
    parser.add_argument("--by-site", action="store_true", help="also print newscrawl's scores per site")
    parser.add_argument("--save", type=Path, help="write newscrawl's per-page scores to this JSON file")
    parser.add_argument("--compare", type=Path, help="list pages whose score moved since a --save file")
    parser.add_argument("--misses", action="store_true", help="list newscrawl's wrong fields page by page")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 2
    saved = json.loads(args.compare.read_text(encoding="utf-8")) if args.compare else None
    extractors = [("newscrawl", ours, tally.ALL_FIELDS)]
    if args.peers:
        extractors += peers.available()
    to_save: dict[str, dict] = {}
    for set_name in SETS if args.set == "all" else (args.set,):
        pages = load_set(set_name, args.limit)
        halves = sites.split_halves(set_name, [row for row, _ in pages])
        if args.half:
            pages = [(row, html) for row, html in pages if halves[row["id"]] == args.half]
        site_of = {row["id"]: sites.site_key(set_name, row) for row, _ in pages}
        rows = [(label, *run(label, fn, fields, pages)) for label, fn, fields in extractors]
        if saved is not None:
            print_compare(set_name, saved, halves, site_of, rows[0][1])
            continue
        print_table(set_name, halves, rows, args.half)
        if args.by_site:
            print_by_site(set_name, halves, site_of, rows[0][1])
        if args.misses:
            print_misses(set_name, pages, halves, rows[0][1])
        to_save[set_name] = {pid: {"half": halves[pid], "site": site_of[pid], "scores": s, "pred": _shown(p)}
                             for pid, (s, p) in rows[0][1].items()}
    if args.save:
        args.save.write_text(json.dumps(to_save, ensure_ascii=False, indent=0), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
