"""Run the peer extractors once over every corpus page and keep their predictions.

Usage: python bench/peercache.py [--peer LABEL ...] [--force]

The peers are slow (5-20 pages/s) and give the same answer every run, so the fold
table (``bench/folds.py``) reads their predictions from
``bench/results/peers/<label>.jsonl`` instead of running them again. A peer is run
with whichever Python has it installed; news-please and fundus want an older lxml
than newscrawl, so they live in a second virtualenv:

    python3 -m venv --system-site-packages .venv && .venv/bin/pip install -r requirements-bench.txt
    python3 -m venv --system-site-packages .venv-peers2 && .venv-peers2/bin/pip install news-please fundus
    .venv/bin/python bench/peercache.py          # trafilatura, GNE, htmldate, newspaper4k, readability
    .venv-peers2/bin/python bench/peercache.py --peer news-please --peer fundus
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import peers  # noqa: E402
import sites  # noqa: E402
from accuracy import CORPUS, SETS, load_set  # noqa: E402

CACHE = ROOT / "bench" / "results" / "peers"


def _plain(value):
    """Return a prediction value as JSON: dates in ISO form, lists kept, the rest as text."""
    if value is None:
        return None
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v]
    return str(value)


def cache_file(label: str) -> Path:
    """Return the file that holds one peer's predictions."""
    return CACHE / f"{label}.jsonl"


def load_cached(label: str) -> dict[tuple[str, str], dict] | None:
    """Return (set, page id) -> prediction of one peer, or None when it was never run."""
    path = cache_file(label)
    if not path.exists():
        return None
    found = {}
    for line in path.open(encoding="utf-8"):
        row = json.loads(line)
        found[(row["set"], row["id"])] = row["pred"]
    return found


def run_peer(label: str, extractor) -> None:
    """Run one peer over every page of every set and write its predictions."""
    CACHE.mkdir(parents=True, exist_ok=True)
    with cache_file(label).open("w", encoding="utf-8") as out:
        for set_name in SETS:
            for truth, html in load_set(set_name):
                try:
                    pred = extractor(html, sites.extractor_url(truth))
                except Exception as exc:  # noqa: BLE001 - a peer crashing on a page scores zero there
                    print(f"  {label} failed on {truth['id']}: {exc!r}", file=sys.stderr)
                    pred = {}
                pred = {key: _plain(value) for key, value in pred.items()}
                out.write(json.dumps({"set": set_name, "id": truth["id"], "pred": pred}, ensure_ascii=False) + "\n")
            print(f"{label}: {set_name} done", flush=True)


def main(argv: list[str] | None = None) -> int:
    """Cache the predictions of the peers installed in this Python."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peer", action="append", help="only this peer (repeatable)")
    parser.add_argument("--force", action="store_true", help="run a peer again even when cached")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 2
    for label, extractor, _fields in peers.available():
        if args.peer and label not in args.peer:
            continue
        if cache_file(label).exists() and not args.force:
            print(f"{label}: cached ({cache_file(label)})")
            continue
        run_peer(label, extractor)
    return 0


if __name__ == "__main__":
    sys.exit(main())
