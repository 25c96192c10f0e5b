"""The whole fault suite: crawl a site that fails in every way real servers do, twice, and count.

Usage: python bench/faults.py [--keep DIR]

Serves tests/faults/server.py (every fault, the slow ones too: a response
slower than the timeout, once and always) on 127.0.0.1 and crawls it with
the ``newscrawl`` command into a fresh archive, then once more. Prints the
faults injected, the articles recovered (transient faults that became
posts), the permanent faults reported with the expected reason, the articles
lost (no outcome) or misjudged, the peak RSS of each crawl, and what the
second run fetched again. Exits 1 when anything was lost or misjudged, when
memory passed the bound, or when a remembered drop was fetched again.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.faults.harness import crawl_faults, judge  # noqa: E402
from tests.faults.server import FAULTS, fault_site  # noqa: E402

PEAK_RSS_MB = 400


def main(argv: list[str] | None = None) -> int:
    """Run the suite; return 0 when every fault was handled as expected."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", type=Path, help="crawl into this folder and keep it (default: a temporary one)")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="newscrawl-faults-"))
    work.mkdir(parents=True, exist_ok=True)
    with fault_site() as server:
        started = time.monotonic()
        first = crawl_faults(server, work)
        seconds = time.monotonic() - started
        before = dict(server.hits)
        second = crawl_faults(server, work)
        again = {path: n - before.get(path, 0) for path, n in server.hits.items() if n > before.get(path, 0)}
    verdict = judge(first, list(FAULTS))
    drops = [name for name, (_, want) in FAULTS.items() if want != "created" and want[0] == "dropped"]
    refetched = [name for name in drops if again.get(f"/a/{name}.html")]
    print(f"faults injected {verdict.injected}, articles recovered {len(verdict.recovered)}, "
          f"reported {len(verdict.reported)}, lost {len(verdict.lost)}, misjudged {len(verdict.wrong)}; "
          f"exit status {first.returncode}; {seconds:.1f} s")
    print(f"peak RSS {first.peak_rss_mb:.0f} MB (bound {PEAK_RSS_MB} MB); second run: exit {second.returncode}, "
          f"{second.summary.get('skipped_dropped', 0)} remembered drops skipped, {len(refetched)} fetched again, "
          f"{sum(again.get(f'/a/{n}.html', 0) for n in FAULTS)} article requests")
    for problem in verdict.lost + verdict.wrong + [f"{n}: fetched again" for n in refetched]:
        print(f"  PROBLEM {problem}")
    bad = (not verdict.ok or refetched or first.peak_rss_mb >= PEAK_RSS_MB or first.returncode != 0
           or second.returncode != 0)
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
